package org.honchat.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.store.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's hand-over to I/O threads, with an I/O thread that is held back on purpose. */
class HubTest {

    private static final ChannelMessage MESSAGE = new ChannelMessage(1001, 7, "x".repeat(60));

    /** An I/O thread that runs nothing until told. */
    private static final class HeldExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private static final class CountingLink implements SessionLink {
        final Executor executor;
        long handedOver;
        long written;
        int flushes;

        CountingLink(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public synchronized void handedOver(int bytes) {
            handedOver += bytes;
        }

        final List<ByteBuf> frames = new ArrayList<>();
        private boolean dirty;

        @Override
        public synchronized boolean writeNow(ByteBuf frame) {
            handedOver -= frame.readableBytes();
            written++;
            frames.add(frame);
            boolean first = !dirty;
            dirty = true;
            return first;
        }

        @Override
        public synchronized void flushNow() {
            flushes++;
            dirty = false;
        }

        @Override
        public void closeNow() {
        }

        @Override
        public synchronized long pendingBytes() {
            return handedOver;
        }

        @Override
        public String remoteAddress() {
            return "test";
        }
    }

    private final HeldExecutor io = new HeldExecutor();
    private Hub hub;

    @AfterEach
    void releaseEverything() {
        io.runAll();
        if (hub != null) {
            hub.close();
        }
    }

    private static ChatSession session(int n, SessionLink link) {
        Account account = new Account(1000 + n, "member" + n, AccountType.REGULAR, "", "", "white", "Default Icon", 0,
                Instant.EPOCH, null);
        return new ChatSession(account, true, "en", "cookie" + n, false, link);
    }

    private void inHub(Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        hub.execute(() -> {
            task.run();
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    /** The hub hands a batch over after its last task ran, so a task's completion comes slightly before it. */
    private void awaitHandOvers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (io.tasks.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(io.tasks).hasSize(count);
    }

    @Test
    void theHubThreadIsOneNettysCachesServe() throws Exception {
        hub = new Hub(PooledByteBufAllocator.DEFAULT, 1 << 20);
        // Netty's recycler and buffer caches serve only threads that clean up their fast thread-locals; on any
        // other thread the frames the hub encodes take the allocator's slow path (docs/performance.md, GC log)
        boolean[] recycling = new boolean[1];
        inHub(() -> recycling[0] = FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals());
        assertThat(recycling[0]).isTrue();
    }

    @Test
    void outputWaitingInTheHandOverCountsAgainstTheSlowConsumerLimit() throws Exception {
        hub = new Hub(PooledByteBufAllocator.DEFAULT, 10_000);
        CompletableFuture<ChatSession> overloaded = new CompletableFuture<>();
        hub.onOverload(overloaded::complete);
        CountingLink slowLink = new CountingLink(io);
        ChatSession slow = session(1, slowLink);
        // the I/O thread never gets to write: the backlog lives only in its task queue
        for (int i = 0; i < 200; i++) {
            hub.execute(() -> hub.send(List.of(slow), MESSAGE));
        }
        assertThat(overloaded.get(5, TimeUnit.SECONDS)).isSameAs(slow);
        assertThat(slowLink.written).isZero();
        assertThat(slowLink.pendingBytes()).isGreaterThan(10_000);
        // every send was queued before the first of these, so all are handed over before the second runs
        inHub(() -> { });
        inHub(() -> { });
        io.runAll();
        assertThat(slowLink.pendingBytes()).isZero();
    }

    @Test
    void batchesThatPileUpOnABusyIoThreadAreFlushedOnceForAll() throws Exception {
        hub = new Hub(PooledByteBufAllocator.DEFAULT, 1 << 20);
        List<CountingLink> links = new ArrayList<>();
        List<ChatSession> members = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            CountingLink link = new CountingLink(io);
            links.add(link);
            members.add(session(n, link));
        }
        for (int batch = 0; batch < 3; batch++) {
            inHub(() -> hub.send(members, MESSAGE)); // each in its own hub batch: three hand-over tasks
        }
        awaitHandOvers(3);
        io.runAll();
        for (CountingLink link : links) {
            assertThat(link.written).isEqualTo(3);
            assertThat(link.flushes).as("one flush for the three batches").isEqualTo(1);
        }
        // an idle I/O thread flushes right after the writes
        inHub(() -> hub.send(members, MESSAGE));
        awaitHandOvers(1);
        io.runAll();
        assertThat(links).allSatisfy(link -> assertThat(link.flushes).isEqualTo(2));
    }

    @Test
    void aChannelMessageHoldsOneReferencePerIoThreadAndIsReleasedWhenAllCopiedIt() throws Exception {
        hub = new Hub(PooledByteBufAllocator.DEFAULT, 1 << 20);
        HeldExecutor otherIo = new HeldExecutor();
        List<CountingLink> links = new ArrayList<>();
        List<ChatSession> members = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            CountingLink link = new CountingLink(n % 2 == 0 ? io : otherIo);
            links.add(link);
            members.add(session(n, link));
        }
        inHub(() -> {
            hub.send(members, MESSAGE);
            hub.send(members.get(1), MESSAGE); // a single send after it keeps its place on that I/O thread
        });
        awaitHandOvers(1);
        io.runAll();
        ByteBuf shared = links.get(0).frames.get(0);
        assertThat(shared.refCnt()).as("still held for the other I/O thread's members").isEqualTo(1);
        otherIo.runAll();
        assertThat(shared.refCnt()).isZero();
        assertThat(links).allSatisfy(link -> assertThat(link.frames.get(0)).isSameAs(shared));
        assertThat(links.get(1).written).isEqualTo(2);
        assertThat(links.get(1).frames.get(1)).isNotSameAs(shared);
        assertThat(links.get(1).frames.get(1).refCnt()).isZero();
        assertThat(links).allSatisfy(link -> assertThat(link.flushes).as("one flush per link").isEqualTo(1));
    }

    @Test
    void aFlushDelayGathersLaterBatchesIntoTheSameWrite() throws Exception {
        // limits.flushDelayMicros: the flush is scheduled on the I/O thread's timer, so batches handed over within
        // the delay are written together; nothing waits longer than the delay
        java.util.concurrent.ScheduledExecutorService loop = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try {
            hub = new Hub(PooledByteBufAllocator.DEFAULT, 1 << 20, 200_000);
            CountingLink link = new CountingLink(loop);
            ChatSession member = session(1, link);
            for (int batch = 0; batch < 3; batch++) {
                inHub(() -> hub.send(List.of(member), MESSAGE));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && link.flushes == 0) {
                Thread.sleep(5);
            }
            synchronized (link) {
                assertThat(link.written).isEqualTo(3);
                assertThat(link.flushes).as("the three batches came within 200 ms: one write").isEqualTo(1);
            }
        } finally {
            loop.shutdownNow();
        }
    }
}
