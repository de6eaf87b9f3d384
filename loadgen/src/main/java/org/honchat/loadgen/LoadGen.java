package org.honchat.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.Database;
import org.honchat.server.store.NewAccount;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
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
        subcommands = {LoadGen.Setup.class, LoadGen.Fanout.class, LoadGen.Logins.class, LoadGen.Idle.class,
            LoadGen.Churn.class, LoadGen.Whisper.class, LoadGen.Presence.class, QueueScenario.class})
public final class LoadGen {

    static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }

    /** {@code setup}: creates the accounts {@code <prefix>0 .. <prefix>N-1} in the server's store. */
    @Command(name = "setup", mixinStandardHelpOptions = true, description = "Create load accounts in the store.")
    static final class Setup implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "./data")
        String dataDir;
        @Option(names = "--accounts", required = true)
        int accounts;
        @Option(names = "--prefix", defaultValue = "lg")
        String prefix;
        @Option(names = "--password", defaultValue = "loadpw")
        String password;
        @Option(names = "--server-account", description = "also create this match-server host account (type "
                + "server, the same password), for the queue scenario")
        String serverAccount;
        @Option(names = "--buddies", defaultValue = "0",
                description = "make account i a buddy of the next K accounts, in a ring (for the presence scenario)")
        int buddies;

        /** Account i and accounts i+1 .. i+K (mod N) become buddies, so every account has 2K buddies. */
        private int befriendRing(Database db, AccountStore store) {
            long[] ids = new long[accounts];
            for (int i = 0; i < accounts; i++) {
                ids[i] = store.findByName(prefix + i).orElseThrow().id();
            }
            int made = 0;
            for (int i = 0; i < accounts; i++) {
                Set<Long> existing = db.social().buddies(ids[i]);
                for (int d = 1; d <= buddies; d++) {
                    long other = ids[(i + d) % accounts];
                    if (other != ids[i] && !existing.contains(other)) {
                        // as in chat: a request, then its approval (§6.7)
                        db.social().addRequest(ids[i], other, Instant.now());
                        if (db.social().approve(ids[i], other, Instant.now()).isPresent()) {
                            made++;
                        }
                    }
                }
            }
            return made;
        }

        @Override
        public Integer call() {
            SecureRandom random = new SecureRandom();
            try (Database db = Database.open(ServerConfig.defaults().withDataDir(dataDir))) {
                AccountStore store = db.accounts();
                Set<String> existing = new HashSet<>();
                store.list().forEach(a -> existing.add(a.name()));
                List<NewAccount> missing = new ArrayList<>();
                for (int i = 0; i < accounts; i++) {
                    if (!existing.contains(prefix + i)) {
                        missing.add(new NewAccount(prefix + i, AccountType.REGULAR,
                                Credentials.forPassword(password, random)));
                    }
                }
                if (serverAccount != null && !existing.contains(serverAccount)) {
                    missing.add(new NewAccount(serverAccount, AccountType.SERVER,
                            Credentials.forPassword(password, random)));
                }
                int created = missing.isEmpty() ? 0 : store.createAll(missing, Instant.now());
                OUT.println("created " + created + " accounts (" + accounts + " wanted)");
                if (buddies > 0) {
                    OUT.println("made " + befriendRing(db, store) + " new buddy pairs");
                }
            }
            return 0;
        }
    }

    /** What every load scenario needs: where the server is, which accounts, which source addresses. */
    abstract static class Scenario implements Callable<Integer> {
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
            LoadClient.connect(group, channelType, new InetSocketAddress(host, chatPort),
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
         * Connects a session for every login, 400 per 250 ms (under the server's default accept-rate limit of 2,000
         * per second, so the scenarios also run against a server without the benchmark configuration), and waits
         * until all are logged in.
         */
        LoadClient[] connectAll(List<ChatLogin> logins, java.util.function.IntFunction<LoadClient> factory)
                throws Exception {
            LoadClient[] clients = new LoadClient[logins.size()];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = connect(logins.get(i), i, factory.apply(i));
                if (i % 400 == 399) {
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
            int duration = timed.duration;
            Thread.sleep(Math.max(0, (timed.start - System.nanoTime()) / 1_000_000) + timed.warmup * 1000L);
            latency.reset();
            for (Recorder other : alsoMeasured) {
                other.reset();
            }
            counted.reset();
            long measuredFrom = System.nanoTime();
            Histogram all = new Histogram(3);
            for (int second = 0; second < duration; second++) {
                Thread.sleep(1000);
                Histogram interval = latency.getIntervalHistogram();
                all.add(interval);
                OUT.printf("  t=%2ds %s/s %,d  p99 %.3f ms%n", second + 1, unit, counted.sumThenReset(),
                        interval.getValueAtPercentile(99) / 1e6);
            }
            double seconds = (System.nanoTime() - measuredFrom) / 1e9;
            OUT.printf("result: %,.0f %s/s over %.1f s%n", all.getTotalCount() / seconds, unit, seconds);
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

    /** The timed part of a scenario: a warm-up, then the measured seconds, on a schedule that starts soon. */
    static final class Timed {
        @Option(names = "--warmup", defaultValue = "5", description = "seconds before the measurement")
        int warmup;
        @Option(names = "--duration", defaultValue = "20", description = "seconds measured")
        int duration;
        /** When the schedule starts ({@link System#nanoTime}); set by {@link #begin}. */
        long start;

        /** Starts the schedule 0.2 s from now, time for the pacer to start. */
        void begin() {
            start = System.nanoTime() + 200_000_000L;
        }

        long end() {
            return start + (warmup + duration) * 1_000_000_000L;
        }
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
            Histogram all = measure(timed, latency, deliveries, "deliveries");
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

    /** {@code idle}: N authenticated sessions held open (for memory and idle CPU measurements of the server). */
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
            List<LoadClient> clients = List.of(connectAll(logins, i -> new LoadClient((x, y) -> { })));
            OUT.println("holding " + count + " sessions for " + hold + " s");
            for (int s = 0; s < hold; s += 10) {
                Thread.sleep(10_000);
                OUT.println("  still open: " + clients.stream().filter(LoadClient::isActive).count());
            }
            return finish(clients);
        }
    }
}
