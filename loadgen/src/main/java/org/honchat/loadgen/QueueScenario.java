package org.honchat.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.link.ChatToMatchServer.RosterEntry;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.honchat.testkit.servers.FakeMatchServer;
import org.honchat.testkit.servers.Registration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code queue}: N solo players queue for midwars at a fixed rate (open loop) against M fake match servers from the
 * testkit, which announce each match at once and end it at once, reporting IDLE again. Measures the time from the
 * intended queue time (the player's {@code 0x0C0A}, then ready and loading at once) to its {@code 0x0062}; a player
 * whose match connected queues again when the schedule next picks it. The broker's cycle times come from the
 * server's {@code /metrics}.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Matchmaking: solo players queue against fake match servers.")
final class QueueScenario extends Scenario {

    private static final GroupCreate MIDWARS = new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false,
            0, 1, true);

    @Option(names = "--count", defaultValue = "1000", description = "players")
    int count;
    @Option(names = "--rate", defaultValue = "200", description = "queue entries per second, in all")
    double rate;
    @Option(names = "--match-servers", defaultValue = "100", description = "fake match servers")
    int matchServers;
    @Option(names = "--server-account", defaultValue = "lgserver", description = "their host account (type server)")
    String serverAccount;
    @Option(names = "--admin-port", defaultValue = "8081", description = "the server's admin port, for /metrics")
    int adminPort;
    @Mixin
    Timed timed;

    @Override
    public Integer call() throws Exception {
        startNetty();
        List<ChatLogin> logins = login(count);
        Recorder latency = new Recorder(3);
        LongAdder connected = new LongAdder();
        java.util.concurrent.ConcurrentHashMap<Integer, LongAdder> refused = new java.util.concurrent.ConcurrentHashMap<>();
        LongAdder busy = new LongAdder();
        AtomicLongArray queuedAt = new AtomicLongArray(count);
        ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
        LoadClient[] clients = new LoadClient[count];
        LoadClient.QueueSink sink = new LoadClient.QueueSink() {
            @Override
            public void startLoading(LoadClient client) {
                client.send(new LoadingStatus(100));
            }

            @Override
            public void autoMatchConnect(LoadClient client, long nowNanos) {
                int i = indexOf(client);
                long intended = queuedAt.getAndSet(i, 0);
                if (intended != 0) {
                    latency.recordValue(Math.max(0, nowNanos - intended));
                    connected.increment();
                    free.add(i);
                }
            }

            @Override
            public void failed(LoadClient client, int reason) {
                refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
                int i = indexOf(client);
                if (queuedAt.getAndSet(i, 0) != 0) {
                    free.add(i);
                }
            }

            private int indexOf(LoadClient client) {
                return (Integer) client.tag;
            }
        };
        for (int i = 0; i < count; i++) {
            LoadClient client = new LoadClient((a, b) -> { });
            client.tag = i;
            client.onQueue(sink);
            clients[i] = client;
        }
        connectAll(logins, i -> clients[i]);
        for (int i = 0; i < count; i++) {
            free.add(i);
        }
        List<FakeMatchServer> servers = startMatchServers();
        OUT().printf("queue: %d players, %,.0f queue entries/s, %d match servers%n", count, rate, matchServers);
        timed.begin();
        Thread pacer = pace(timed, (long) (1e9 / rate), (n, intended) -> {
            Integer i = free.poll();
            if (i == null) {
                busy.increment();
                return;
            }
            queuedAt.set(i, intended);
            clients[i].send(MIDWARS);
            clients[i].send(new GroupReady(1, 0));
        });
        Histogram all = measure(timed, latency, connected, "connects");
        pacer.join();
        report("queue entry to 0x0062", all);
        OUT().printf("refusals (0x0E0A reason=count): %s; schedule ticks with no free player: %d%n", refused,
                busy.sum());
        OUT().println("broker cycles (server /metrics): " + brokerCycles());
        for (FakeMatchServer server : servers) {
            server.close();
        }
        return finish(List.of(clients));
    }

    private static java.io.PrintStream OUT() {
        return LoadGen.OUT;
    }

    /** Registers and connects the fake match servers; each announces and ends every match at once. */
    private List<FakeMatchServer> startMatchServers() throws Exception {
        LoginClient http = new LoginClient(host, httpPort);
        AtomicLong matchIds = new AtomicLong(1);
        List<FakeMatchServer> servers = new ArrayList<>();
        for (int s = 1; s <= matchServers; s++) {
            Registration r = Registration.newSession(http, serverAccount + ":" + s, password, "127.0.0.1",
                    20000 + s, "lg " + s, "EU");
            FakeMatchServer server = FakeMatchServer.connect(host, r.chatPort(), r.id(), r.cookie(), "EU",
                    "127.0.0.1", 20000 + s);
            server.expectAccepted();
            server.onFrame(frame -> {
                if (frame.packet() instanceof CreateMatch match) {
                    try {
                        long matchId = matchIds.getAndIncrement();
                        server.announce(match, matchId);
                        server.ended(matchId, match.roster().stream().map(RosterEntry::accountId).toList());
                    } catch (java.io.IOException e) {
                        OUT().println("match server " + r.id() + ": " + e);
                    }
                }
            });
            server.idle();
            servers.add(server);
        }
        return servers;
    }

    /** The broker-cycle timer from the server's Prometheus text: count, mean and max. */
    private String brokerCycles() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + adminPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double count = value(response.body(), "honchat_matchmaking_broker_cycle_seconds_count");
            double sum = value(response.body(), "honchat_matchmaking_broker_cycle_seconds_sum");
            double max = value(response.body(), "honchat_matchmaking_broker_cycle_seconds_max");
            return String.format("%.0f cycles, mean %.3f ms, max %.3f ms", count, count == 0 ? 0 : sum / count * 1e3,
                    max * 1e3);
        } catch (Exception e) {
            return "not available (" + e + ")";
        }
    }

    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
