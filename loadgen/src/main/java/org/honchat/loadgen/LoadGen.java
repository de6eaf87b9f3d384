package org.honchat.loadgen;

import io.netty.channel.Channel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.testkit.chat.ChatLogin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load generator (docs/performance.md). Open loop: each message and each login has an intended start time on a
 * fixed schedule, and latency is measured from that time, so a slow server cannot slow the load down and hide its
 * own delay (no coordinated omission). Connections are spread over several loopback source addresses, so one
 * process can open more than the ~28k ports one address allows.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        subcommands = {Setup.class, LoadGen.Fanout.class, LoadGen.Logins.class, LoadGen.Idle.class,
            LoadGen.Churn.class, LoadGen.Whisper.class, LoadGen.Presence.class, QueueScenario.class})
public final class LoadGen {

    static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }

    /**
     * {@code fanout}: K channels of M members each; S members per channel send, together R messages per second per
     * channel, each message stamped with its intended send time; every other member measures the delay.
     */
    @Command(name = "fanout", mixinStandardHelpOptions = true, description = "Channel fan-out throughput and latency.")
    static final class Fanout extends Scenario {
        @Option(names = "--channels", defaultValue = "1")
        int channels;
        @Option(names = "--members", defaultValue = "200")
        int members;
        @Option(names = "--senders", defaultValue = "10")
        int senders;
        @Option(names = "--rate", defaultValue = "1000", description = "messages per second per channel")
        double rate;
        @Mixin
        Timed timed;
        @Option(names = "--size", defaultValue = "60", description = "message length in characters")
        int size;
        @Option(names = "--measured", defaultValue = "0", description = "members per channel that measure latency "
                + "(0: all); the others only count what they receive, read every --bulk-read-millis")
        int measured;
        @Option(names = "--bulk-read-millis", defaultValue = "10",
                description = "how often a member that does not measure reads its socket (0: as data arrives)")
        long bulkReadMillis;

        @Override
        public Integer call() throws Exception {
            startNetty();
            int total = channels * members;
            List<ChatLogin> logins = login(total);
            Recorder latency = new Recorder(3);
            LongAdder deliveries = new LongAdder();
            LoadClient.MessageSink sink = counting(deliveries, latency);
            List<LoadClient> clients = List.of(connectAll(logins, i -> new LoadClient(sink)));
            long[] channelIds = new long[channels];
            for (int k = 0; k < channels; k++) {
                List<CompletableFuture<Long>> joins = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    LoadClient c = clients.get(k * members + m);
                    c.send(new JoinChannel("lg room " + k));
                    joins.add(c.joined);
                    c.joined.get(30, TimeUnit.SECONDS); // in order: the first joiner creates the channel
                }
                channelIds[k] = joins.get(0).get();
            }
            // after the joins: a bulk reader must still see its own 0x04 at once
            LongAdder unmeasured = new LongAdder();
            if (measured > 0 && measured < members) {
                List<LoadClient> bulk = new ArrayList<>();
                for (int k = 0; k < channels; k++) {
                    bulk.addAll(clients.subList(k * members + measured, (k + 1) * members));
                }
                BulkReaders.start(bulk, unmeasured, bulkReadMillis);
            }
            double offered = channels * rate * (members - 1);
            OUT.printf("fanout: %d channels x %d members, %d senders each, %.0f msg/s per channel "
                    + "(%,.0f deliveries/s offered)%n", channels, members, senders, rate, offered);
            String padding = "x".repeat(Math.max(0, size - 24));
            timed.begin();
            // the channels take turns, so their messages are spread evenly over time instead of all leaving at the
            // same instant; message m of a channel comes from its (m mod S)-th sender
            Thread pacer = pace(timed, (long) (1e9 / (rate * channels)), (n, intended) -> {
                int k = (int) (n % channels);
                LoadClient sender = clients.get(k * members + (int) ((n / channels) % senders));
                sender.send(new SendChannelMessage("t=" + intended + ";" + padding, channelIds[k]));
            });
            Histogram all = measure(timed, latency, deliveries, "deliveries", unmeasured);
            pacer.join();
            OUT.printf("offered %,.0f deliveries/s%n", offered);
            report("end-to-end latency", all);
            return finish(clients);
        }
    }

    /** {@code logins}: the chat handshake at a fixed arrival rate (login service cookies taken beforehand). */
    @Command(name = "logins", mixinStandardHelpOptions = true, description = "Login storm through the chat handshake.")
    static final class Logins extends Scenario {
        @Option(names = "--count", defaultValue = "5000")
        int count;
        @Option(names = "--rate", defaultValue = "5000", description = "logins per second")
        double rate;
        @Option(names = "--warmup", defaultValue = "1",
                description = "seconds of the schedule left out of the result (class loading and JIT of both sides)")
        double warmup;

        @Override
        public Integer call() throws Exception {
            startNetty();
            List<ChatLogin> logins = login(count);
            OUT.printf("logins: %d cookies taken; starting the chat handshakes at %.0f/s%n", count, rate);
            Histogram h = new Histogram(3);
            long slice = 500_000_000L; // the latency of each half second of the schedule, to tell a start-up stall
            Histogram[] slices = new Histogram[(int) (count / rate * 2) + 1];
            java.util.Arrays.setAll(slices, k -> new Histogram(3));
            List<CompletableFuture<Void>> done = new ArrayList<>();
            List<LoadClient> clients = new ArrayList<>();
            long start = System.nanoTime() + 100_000_000L;
            long interval = (long) (1e9 / rate);
            long[] lastDone = {0};
            for (int i = 0; i < count; i++) {
                long intended = start + i * interval;
                awaitIntended(intended);
                LoadClient c = connect(logins.get(i), i, (x, y) -> { });
                clients.add(c);
                Histogram mine = slices[(int) ((intended - start) / slice)];
                boolean measured = intended - start >= warmup * 1e9;
                done.add(c.loggedIn.thenRun(() -> {
                    long latency = Math.max(0, System.nanoTime() - intended);
                    synchronized (h) {
                        if (measured) {
                            h.recordValue(latency);
                            lastDone[0] = Math.max(lastDone[0], System.nanoTime());
                        }
                        mine.recordValue(latency);
                    }
                }));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            long measuredFrom = start + (long) (warmup * 1e9);
            double seconds = (lastDone[0] - measuredFrom) / 1e9;
            for (int k = 0; k < slices.length; k++) {
                if (slices[k].getTotalCount() > 0) {
                    OUT.printf("  started in %.1f-%.1f s: %d, p50 %.3f ms, p99 %.3f ms%n", k * 0.5, k * 0.5 + 0.5,
                            slices[k].getTotalCount(), slices[k].getValueAtPercentile(50) / 1e6,
                            slices[k].getValueAtPercentile(99) / 1e6);
                }
            }
            OUT.printf("logins result (after the %.1f s warm-up): %d handshakes in %.2f s = %,.0f logins/s%n", warmup,
                    h.getTotalCount(), seconds, h.getTotalCount() / seconds);
            report("time from intended start to 0x68", h);
            return finish(clients);
        }
    }

    /**
     * {@code churn}: N sessions spread over channels; every second some disconnect and come back (with their cookie),
     * rejoining their channel, while messages flow. The soak scenario of docs/reliability.md.
     */
    @Command(name = "churn", mixinStandardHelpOptions = true, description = "Sessions coming and going, for hours.")
    static final class Churn extends Scenario {
        @Option(names = "--count", defaultValue = "3000")
        int count;
        @Option(names = "--churn", defaultValue = "30", description = "sessions replaced per second")
        int churn;
        @Option(names = "--messages", defaultValue = "200", description = "channel messages per second")
        int messages;
        @Option(names = "--channels", defaultValue = "30")
        int channels;
        @Option(names = "--duration", defaultValue = "3600", description = "seconds")
        int duration;

        @Override
        public Integer call() throws Exception {
            startNetty();
            List<ChatLogin> logins = login(count);
            LongAdder deliveries = new LongAdder();
            LoadClient.MessageSink sink = (intended, now) -> deliveries.increment();
            LoadClient[] clients = connectAll(logins, i -> new LoadClient(sink));
            long[] channelIds = new long[count];
            for (int i = 0; i < count; i++) {
                clients[i].send(new JoinChannel("soak " + (i % channels)));
            }
            java.util.Random random = new java.util.Random(42);
            long reconnects = 0;
            long failures = 0;
            long start = System.nanoTime();
            for (int second = 1; second <= duration; second++) {
                long tick = start + second * 1_000_000_000L;
                for (int n = 0; n < churn; n++) {
                    int i = random.nextInt(count);
                    clients[i].close();
                    clients[i] = connect(logins.get(i), i, sink);
                    LoadClient fresh = clients[i];
                    int index = i;
                    fresh.loggedIn.thenRun(() -> fresh.send(new JoinChannel("soak " + (index % channels))));
                    reconnects++;
                }
                for (int n = 0; n < messages; n++) {
                    int i = random.nextInt(count);
                    if (clients[i].joined.isDone() && !clients[i].joined.isCompletedExceptionally()) {
                        channelIds[i] = clients[i].joined.getNow(0L);
                        clients[i].send(new SendChannelMessage("t=" + System.nanoTime() + ";soak", channelIds[i]));
                    }
                }
                long wait = tick - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
                if (second % 60 == 0) {
                    long active = java.util.Arrays.stream(clients).filter(LoadClient::isActive).count();
                    failures = java.util.Arrays.stream(clients)
                            .filter(c -> c.loggedIn.isCompletedExceptionally()).count();
                    OUT.printf("  %4d s: %d active, %d reconnects, %,d deliveries in the last minute, %d failed%n",
                            second, active, reconnects, deliveries.sumThenReset(), failures);
                }
            }
            OUT.printf("churn result: %d s, %d reconnects, %d sessions failed at the end%n", duration, reconnects,
                    failures);
            return finish(List.of(clients));
        }
    }

    /**
     * {@code whisper}: N sessions whisper to each other, R whispers per second in all, each from a random session
     * to another random one and stamped with its intended send time; the target measures the delay.
     */
    @Command(name = "whisper", mixinStandardHelpOptions = true, description = "Point-to-point whisper latency.")
    static final class Whisper extends Scenario {
        @Option(names = "--count", defaultValue = "1000", description = "sessions")
        int count;
        @Option(names = "--rate", defaultValue = "10000", description = "whispers per second, in all")
        double rate;
        @Mixin
        Timed timed;
        @Option(names = "--size", defaultValue = "60", description = "message length in characters")
        int size;

        @Override
        public Integer call() throws Exception {
            startNetty();
            List<ChatLogin> logins = login(count);
            Recorder latency = new Recorder(3);
            LongAdder received = new LongAdder();
            LoadClient.MessageSink sink = counting(received, latency);
            LoadClient[] clients = connectAll(logins, i -> new LoadClient(sink));
            OUT.printf("whisper: %d sessions, %,.0f whispers/s%n", count, rate);
            String padding = "x".repeat(Math.max(0, size - 24));
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            timed.begin();
            Thread pacer = pace(timed, (long) (1e9 / rate), (n, intended) -> {
                int from = random.nextInt(count);
                int to = (from + 1 + random.nextInt(count - 1)) % count;
                clients[from].send(new SendWhisper(logins.get(to).nickname(), "t=" + intended + ";" + padding));
            });
            Histogram all = measure(timed, latency, received, "whispers");
            pacer.join();
            report("end-to-end latency", all);
            return finish(List.of(clients));
        }
    }

    /**
     * {@code presence}: N sessions of accounts that are buddies in a ring ({@code setup --buddies K}); every other
     * session leaves and logs in again, R of them per second, and its online buddies measure how long the news
     * took: {@code 0x0C} status 0 from the intended time of the disconnect, status 3 from the moment the new
     * connection is started (right after the old one is closed, which needs no server).
     */
    @Command(name = "presence", mixinStandardHelpOptions = true,
            description = "Presence storm: buddies coming and going.")
    static final class Presence extends Scenario {
        @Option(names = "--count", defaultValue = "2000", description = "sessions (half of them come and go)")
        int count;
        @Option(names = "--rate", defaultValue = "200", description = "sessions leaving and coming back per second")
        double rate;
        @Mixin
        Timed timed;

        @Override
        public Integer call() throws Exception {
            startNetty();
            List<ChatLogin> logins = login(count);
            java.util.Map<Long, Integer> indexOf = new java.util.HashMap<>();
            for (int i = 0; i < count; i++) {
                indexOf.put(logins.get(i).accountId(), i);
            }
            java.util.concurrent.atomic.AtomicLongArray leftAt = new java.util.concurrent.atomic.AtomicLongArray(count);
            java.util.concurrent.atomic.AtomicLongArray cameAt = new java.util.concurrent.atomic.AtomicLongArray(count);
            Recorder offline = new Recorder(3);
            Recorder online = new Recorder(3);
            Recorder both = new Recorder(3); // for the per-second lines; the directions are reported apart at the end
            LongAdder notices = new LongAdder();
            LoadClient.StatusSink status = (accountId, code, now) -> {
                Integer who = indexOf.get(accountId);
                if (who == null) {
                    return;
                }
                long since = code == 0 ? leftAt.get(who) : code == 3 ? cameAt.get(who) : 0;
                if (since > 0) {
                    long delay = Math.max(0, now - since);
                    notices.increment();
                    both.recordValue(delay);
                    (code == 0 ? offline : online).recordValue(delay);
                }
            };
            LoadClient.MessageSink none = (x, y) -> { };
            // replaced on an event-loop thread, read by the pacer
            java.util.concurrent.atomic.AtomicReferenceArray<LoadClient> clients =
                    new java.util.concurrent.atomic.AtomicReferenceArray<>(
                            connectAll(logins, i -> new LoadClient(none, status)));
            int movers = count / 2;
            OUT.printf("presence: %d sessions, %d of them leaving and coming back, %.0f per second%n", count, movers,
                    rate);
            LongAdder skipped = new LongAdder();
            timed.begin();
            Thread pacer = pace(timed, (long) (1e9 / rate), (n, intended) -> {
                int who = (int) (2 * (n % movers) + 1); // the odd sessions move, in turn
                LoadClient old = clients.get(who);
                if (!old.loggedIn.isDone() || old.loggedIn.isCompletedExceptionally()) {
                    skipped.increment(); // its last return is still under way: the rate is too high for N
                    return;
                }
                leftAt.set(who, intended);
                old.closeFuture().addListener(closed -> {
                    cameAt.set(who, System.nanoTime());
                    clients.set(who, connect(logins.get(who), who, new LoadClient(none, status)));
                });
                old.close();
            });
            measure(timed, both, notices, "presence notices", offline, online);
            pacer.join();
            OUT.printf("moves skipped (previous return not finished): %d%n", skipped.sum());
            report("buddy sees the logout (0x0C status 0)", offline.getIntervalHistogram());
            report("buddy sees the login (0x0C status 3)", online.getIntervalHistogram());
            List<LoadClient> last = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                last.add(clients.get(i));
            }
            return finish(last);
        }
    }

    /**
     * {@code idle}: N authenticated sessions held open (for memory and idle CPU measurements of the server). It also
     * counts the buddies' {@code 0x0C} status 0 it receives and reports the wall-clock time of the first and the
     * last: how long a cluster took to tell everyone about a node killed meanwhile (docs/cluster.md).
     */
    @Command(name = "idle", mixinStandardHelpOptions = true, description = "Hold N idle sessions.")
    static final class Idle extends Scenario {
        @Option(names = "--count", defaultValue = "1000")
        int count;
        @Option(names = "--hold", defaultValue = "60", description = "seconds to hold them")
        int hold;

        @Override
        public Integer call() throws Exception {
            startNetty();
            List<ChatLogin> logins = login(count);
            LongAdder offline = new LongAdder();
            java.util.concurrent.atomic.AtomicLong firstOffline = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong lastOffline = new java.util.concurrent.atomic.AtomicLong();
            LoadClient.StatusSink status = (accountId, code, now) -> {
                if (code == 0) {
                    long wall = System.currentTimeMillis();
                    offline.increment();
                    firstOffline.compareAndSet(0, wall);
                    lastOffline.accumulateAndGet(wall, Math::max);
                }
            };
            List<LoadClient> clients = List.of(connectAll(logins, i -> new LoadClient((x, y) -> { }, status)));
            OUT.println("holding " + count + " sessions for " + hold + " s");
            for (int s = 0; s < hold; s += 10) {
                Thread.sleep(10_000);
                OUT.println("  still open: " + clients.stream().filter(LoadClient::isActive).count());
            }
            if (offline.sum() > 0) {
                OUT.printf("buddies seen going offline (0x0C status 0): %d, first at %d, last at %d (epoch ms)%n",
                        offline.sum(), firstOffline.get(), lastOffline.get());
            }
            return finish(clients);
        }
    }
}
