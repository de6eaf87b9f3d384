package org.honchat.loadgen;

import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fan-out's members that do not measure, read on a timer: each event loop reads all of its bulk readers'
 * sockets once per period, one read system call each (more only when 64 KiB did not hold it all), into one scratch
 * buffer. Reading through Netty with auto-read off cost a scheduled task and two {@code epoll_ctl} calls per read;
 * with thousands of members (40 channels of 200) that alone filled the load generator's core. The server cannot tell
 * the difference: what it sent waits in this side's socket buffer until the next period.
 */
final class BulkReaders {

    private static final int SCRATCH_BYTES = 64 * 1024;

    private BulkReaders() {
    }

    /**
     * Turns {@code clients} into bulk readers that count channel messages in {@code counted}, read every
     * {@code periodMillis}; with a period of 0, or a transport that is not epoll, they read through Netty instead
     * ({@link LoadClient#readInBulk}).
     */
    static void start(List<LoadClient> clients, LongAdder counted, long periodMillis)
            throws InterruptedException, ExecutionException {
        Map<EventLoop, List<LoadClient>> byLoop = new LinkedHashMap<>();
        for (LoadClient client : clients) {
            if (periodMillis > 0 && client.canReadDirectly()) {
                byLoop.computeIfAbsent(client.channel().eventLoop(), loop -> new ArrayList<>()).add(client);
            } else {
                client.readInBulk(counted, periodMillis);
            }
        }
        for (Map.Entry<EventLoop, List<LoadClient>> e : byLoop.entrySet()) {
            List<LoadClient> readers = e.getValue();
            e.getKey().submit(() -> {
                readers.forEach(reader -> reader.takeOverReads(counted));
                ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
                e.getKey().scheduleAtFixedRate(() -> readers.removeIf(reader -> !reader.drain(scratch)),
                        periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            }).get();
        }
    }
}
