package org.honchat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.hub.Hub;
import org.honchat.server.hub.SessionLink;
import org.honchat.server.store.Account;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's fan-out path without the sockets: the hub thread takes channel messages from its queue, encodes
 * each once, hands the same frame (one reference each) to every member and passes each I/O thread its writes as
 * one task (docs/architecture.md, {@link Hub}). The links stand in for connections: they run the hand-over at once
 * and count every frame, so the score is what the hub thread alone can deliver. {@code perRecipientEncode} is the naive
 * alternative (one encode per member) for comparison. Scores are deliveries per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubFanoutBenchmark {

    /** Channel messages queued per benchmark invocation, as a busy I/O thread would queue them. */
    private static final int MESSAGES = 100;
    private static final int MEMBERS = 200;

    /** The number of I/O threads the members are spread over (the server has one per core). */
    @Param({"2"})
    public int ioThreads;

    private Hub hub;
    private final List<ChatSession> members = new ArrayList<>();
    private final ChannelMessage message = new ChannelMessage(1001, 7,
            "t=123456789012345;xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    private long written;

    /** Runs the hand-over at once, on the hub thread. */
    private static final class DirectExecutor implements Executor {
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    /** A connection that writes nowhere: it counts; the hand-over releases the frame. */
    private final class DiscardingLink implements SessionLink {
        private final Executor executor;

        DiscardingLink(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void handedOver(int bytes) {
        }

        @Override
        public boolean writeNow(ByteBuf frame) {
            written++;
            return false;
        }

        @Override
        public void flushNow() {
        }

        @Override
        public void closeNow() {
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public String remoteAddress() {
            return "bench";
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        hub = new Hub(PooledByteBufAllocator.DEFAULT, 1 << 20);
        List<Executor> threads = new ArrayList<>();
        for (int t = 0; t < ioThreads; t++) {
            threads.add(new DirectExecutor()); // distinct instances: one write list per "I/O thread"
        }
        for (int m = 0; m < MEMBERS; m++) {
            Account account = new Account(1000 + m, "member" + m, AccountType.REGULAR, "", "", "white",
                    "Default Icon", 0, Instant.EPOCH, null);
            members.add(new ChatSession(account, true, "en", "cookie" + m, false,
                    new DiscardingLink(threads.get(m % ioThreads))));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hub.close();
        if (written == 0) {
            throw new IllegalStateException("nothing was delivered");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES * MEMBERS)
    public void encodeOnce() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < MESSAGES; i++) {
            hub.execute(() -> hub.send(members, message));
        }
        hub.execute(done::countDown);
        done.await();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES * MEMBERS)
    public void perRecipientEncode() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < MESSAGES; i++) {
            hub.execute(() -> members.forEach(member -> hub.send(member, message)));
        }
        hub.execute(done::countDown);
        done.await();
    }
}
