package org.honchat.loadgen;

import static org.honchat.loadgen.LoadGen.OUT;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import picocli.CommandLine.Option;

/** What every load scenario needs: where the server is, which accounts, which source addresses. */
abstract class Scenario implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;
    @Option(names = "--http-port", defaultValue = "8080")
    int httpPort;
    @Option(names = "--chat-port", defaultValue = "11031")
    int chatPort;
    @Option(names = "--prefix", defaultValue = "lg")
    String prefix;
    @Option(names = "--password", defaultValue = "loadpw")
    String password;
    @Option(names = "--offset", defaultValue = "0", description = "first account number (for several processes)")
    int offset;
    @Option(names = "--sources", split = ",", defaultValue = "127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5",
            description = "local addresses to connect from, in turn")
    List<String> sources;
    @Option(names = "--threads", defaultValue = "2", description = "event-loop threads of the load generator")
    int threads;
    @Option(names = "--connect-rate", defaultValue = "1600", description = "new chat connections per second")
    int connectRate;
    @Option(names = "--chat-ports", split = ",", description = "cluster nodes' chat ports: session i connects to "
            + "the (i mod n)-th (instead of --chat-port); numbered by --offset + i, so several processes agree")
    List<Integer> chatPorts = List.of();

    EventLoopGroup group;
    Class<? extends Channel> channelType;

    void startNetty() {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Logs accounts in through the login service, 8 at a time. */
    List<ChatLogin> login(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChatLogin>> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = prefix + (offset + i);
                logins.add(pool.submit(() -> ChatLogin.login(new LoginClient(host, httpPort), name, password)));
            }
            List<ChatLogin> result = new ArrayList<>();
            for (Future<ChatLogin> login : logins) {
                result.add(login.get());
            }
            return result;
        } finally {
            pool.shutdown();
        }
    }

    LoadClient connect(ChatLogin login, int index, LoadClient.MessageSink sink) {
        return connect(login, index, new LoadClient(sink));
    }

    LoadClient connect(ChatLogin login, int index, LoadClient client) {
        String source = sources.get(index % sources.size());
        int port = chatPorts.isEmpty() ? chatPort : chatPorts.get((offset + index) % chatPorts.size());
        LoadClient.connect(group, channelType, new InetSocketAddress(host, port),
                new InetSocketAddress(source, 0), client).addListener(f -> {
                    if (f.isSuccess()) {
                        client.connected(((io.netty.channel.ChannelFuture) f).channel());
                        client.send(login.gameClientConnect(ChatMode.AVAILABLE, "lg"));
                    } else {
                        client.loggedIn.completeExceptionally(f.cause());
                    }
                });
        return client;
    }

    /**
     * Connects a session for every login, {@code --connect-rate} per second (by default 1,600: under the server's
     * default accept-rate limit of 2,000 per second, so the scenarios also run against a server without the
     * benchmark configuration), and waits until all are logged in.
     */
    LoadClient[] connectAll(List<ChatLogin> logins, java.util.function.IntFunction<LoadClient> factory)
            throws Exception {
        LoadClient[] clients = new LoadClient[logins.size()];
        int batch = Math.max(1, connectRate / 4);
        for (int i = 0; i < clients.length; i++) {
            clients[i] = connect(logins.get(i), i, factory.apply(i));
            if (i % batch == batch - 1) {
                Thread.sleep(250);
            }
        }
        await(java.util.Arrays.stream(clients).map(c -> c.loggedIn).toList(), "sessions up");
        return clients;
    }

    /** One event of an open-loop schedule: its number and its intended time. */
    @FunctionalInterface
    interface Tick {
        void run(long n, long intendedNanos);
    }

    /**
     * Returns at {@code intended} ({@link System#nanoTime}) or later, never before: a send before its intended
     * time would hide latency; parking overshoots by tens of microseconds, which counts against the server (the
     * conservative side).
     */
    static void awaitIntended(long intended) {
        for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    /**
     * Runs {@code tick} for n = 0, 1, ... at {@code start + n * interval} until the end of {@code timed}, on its
     * own thread, never before that time. Late ticks run at once, with their original intended time (no
     * coordinated omission).
     */
    static Thread pace(Timed timed, long interval, Tick tick) {
        long start = timed.start;
        long end = timed.end();
        Thread pacer = new Thread(() -> {
            long n = 0;
            while (true) {
                long intended = start + n * interval;
                if (intended >= end) {
                    return;
                }
                awaitIntended(intended);
                tick.run(n, intended);
                n++;
            }
        }, "pacer");
        pacer.start();
        return pacer;
    }

    /**
     * Waits out the warm-up, then prints the count and p99 of every second of the measurement and returns the
     * whole measurement's histogram; {@code counted} is what the scenario counts (deliveries, whispers).
     */
    static Histogram measure(Timed timed, Recorder latency, LongAdder counted, String unit,
            Recorder... alsoMeasured) throws InterruptedException {
        return measure(timed, latency, counted, unit, new LongAdder(), alsoMeasured);
    }

    /**
     * As above; {@code unmeasured} counts what was received without a latency (the fan-out's bulk readers), shown
     * beside the measured count so a run shows that every delivery arrived.
     */
    static Histogram measure(Timed timed, Recorder latency, LongAdder counted, String unit, LongAdder unmeasured,
            Recorder... alsoMeasured) throws InterruptedException {
        int duration = timed.duration;
        Thread.sleep(Math.max(0, (timed.start - System.nanoTime()) / 1_000_000) + timed.warmup * 1000L);
        latency.reset();
        for (Recorder other : alsoMeasured) {
            other.reset();
        }
        counted.reset();
        unmeasured.reset();
        long measuredFrom = System.nanoTime();
        long unmeasuredTotal = 0;
        Histogram all = new Histogram(3);
        for (int second = 0; second < duration; second++) {
            Thread.sleep(1000);
            Histogram interval = latency.getIntervalHistogram();
            all.add(interval);
            long others = unmeasured.sumThenReset();
            unmeasuredTotal += others;
            OUT.printf("  t=%2ds %s/s %,d%s  p99 %.3f ms%n", second + 1, unit, counted.sumThenReset(),
                    others == 0 ? "" : String.format(" (+%,d not measured)", others),
                    interval.getValueAtPercentile(99) / 1e6);
        }
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        OUT.printf("result: %,.0f %s/s over %.1f s%s%n", all.getTotalCount() / seconds, unit, seconds,
                unmeasuredTotal == 0 ? ""
                        : String.format(" measured, %,.0f in all", (all.getTotalCount() + unmeasuredTotal) / seconds));
        return all;
    }

    /** A sink that counts each stamped message and records its delay from the intended send time. */
    static LoadClient.MessageSink counting(LongAdder count, Recorder latency) {
        return (intended, now) -> {
            count.increment();
            latency.recordValue(Math.max(0, now - intended));
        };
    }

    /** Closes the sessions and stops the event loops; the scenario's exit code. */
    int finish(Iterable<LoadClient> clients) throws InterruptedException {
        clients.forEach(LoadClient::close);
        group.shutdownGracefully().sync();
        return 0;
    }

    static void await(List<? extends CompletableFuture<?>> futures, String what) throws Exception {
        long start = System.nanoTime();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        OUT.printf("%s: %d in %.1f s%n", what, futures.size(), (System.nanoTime() - start) / 1e9);
    }

    static void report(String label, Histogram h) {
        OUT.printf("%s: count %d, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", label,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }
}
