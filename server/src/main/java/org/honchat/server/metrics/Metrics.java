package org.honchat.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's counters and gauges, scraped in Prometheus text form at {@code /metrics} on the admin port. Only
 * events that matter to an operator: refused connections by reason, sessions closed for abuse, sessions online.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    public final Counter refusedPerAddress = refused("per_address_limit");
    public final Counter refusedTotal = refused("connection_limit");
    public final Counter refusedRate = refused("accept_rate");
    public final Counter floodDisconnects = Counter.builder("honchat.sessions.closed")
            .tag("reason", "flood").description("Sessions closed for flooding (PROTOCOL.md 4.9)").register(registry);
    public final Counter slowConsumerDisconnects = Counter.builder("honchat.sessions.closed")
            .tag("reason", "slow_consumer").description("Sessions closed because they did not read")
            .register(registry);

    private final AtomicInteger gameClients = new AtomicInteger();
    private final AtomicInteger legacyClients = new AtomicInteger();
    private final AtomicInteger channels = new AtomicInteger();
    private final java.util.Map<String, Counter> chatRejects = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Counter> httpLogins = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger queuedGroups = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong averageWaitSeconds = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger matchServers = new AtomicInteger();
    private final AtomicInteger managers = new AtomicInteger();
    /** Chat logins accepted (§3.7) and chat messages handled (channel messages, whispers, IMs): the console's rates. */
    public final Counter chatLogins = Counter.builder("honchat.chat.logins")
            .description("Chat sessions accepted").register(registry);
    public final Counter chatMessages = Counter.builder("honchat.chat.messages")
            .description("Channel messages, whispers, IMs and clan whispers handled").register(registry);
    /** Admin API requests refused for a missing or wrong token. */
    public final Counter adminUnauthorized = Counter.builder("honchat.admin.unauthorized")
            .description("Admin API requests without a valid bearer token").register(registry);
    public final Counter matchesFormed = matches("formed");
    public final Counter matchesAnnounced = matches("announced");
    public final Counter matchesFailed = matches("failed");
    /** How long each broker cycle took on the broker thread (§9.4.3), for the operator and the benchmarks. */
    public final io.micrometer.core.instrument.Timer brokerCycle = io.micrometer.core.instrument.Timer
            .builder("honchat.matchmaking.broker.cycle").description("Broker cycles (PROTOCOL.md 9.4.3)")
            .register(registry);

    /** Cluster mode: messages this node published to other nodes and received from them, by kind (up, down). */
    public final Counter clusterUpSent = cluster("sent", "up");
    public final Counter clusterDownSent = cluster("sent", "down");
    public final Counter clusterUpReceived = cluster("received", "up");
    public final Counter clusterDownReceived = cluster("received", "down");
    /** Cluster mode: sessions that ended because their node stopped its heartbeat. */
    public final Counter clusterSessionsLost = Counter.builder("honchat.cluster.sessions.lost")
            .description("Sessions ended because their node was written off").register(registry);

    private Counter cluster(String direction, String kind) {
        return Counter.builder("honchat.cluster.messages." + direction).tag("kind", kind)
                .description("Messages between cluster nodes (up: connection events to the hub node, down: its "
                        + "output)").register(registry);
    }

    public Metrics() {
        registry.gauge("honchat.sessions.online", sessions);
        registry.gauge("honchat.connections.open", connections);
        registry.gauge("honchat.sessions.by.kind", java.util.List.of(io.micrometer.core.instrument.Tag.of("kind",
                "game_client")), gameClients);
        registry.gauge("honchat.sessions.by.kind", java.util.List.of(io.micrometer.core.instrument.Tag.of("kind",
                "legacy")), legacyClients);
        registry.gauge("honchat.channels.open", channels);
        registry.gauge("honchat.matchmaking.queued.groups", queuedGroups);
        registry.gauge("honchat.matchmaking.average.wait.seconds", averageWaitSeconds);
        registry.gauge("honchat.matchservers.connected", matchServers);
        registry.gauge("honchat.managers.connected", managers);
    }

    private Counter matches(String outcome) {
        return Counter.builder("honchat.matchmaking.matches").tag("outcome", outcome)
                .description("Matches the broker formed, that their match server announced, that failed before it "
                        + "(PROTOCOL.md 9.4)").register(registry);
    }

    /** Sessions online by client kind (§2.4): game clients and LEGACY bots. */
    public AtomicInteger sessionsOfKind(boolean gameClient) {
        return gameClient ? gameClients : legacyClients;
    }

    /** Channels that exist now, set from the hub once a second. */
    public AtomicInteger channelsOpen() {
        return channels;
    }

    /** A chat login refused, by its §4.6 reason. */
    public void chatRejected(String reason) {
        chatRejects.computeIfAbsent(reason, r -> Counter.builder("honchat.chat.logins.rejected").tag("reason", r)
                .description("Chat logins refused with 0x1C01, by reason (PROTOCOL.md 4.6)").register(registry))
                .increment();
    }

    /** A login at the login service, by outcome: accepted, wrong_credentials, disabled, rate_limited. */
    public void httpLogin(String outcome) {
        httpLogins.computeIfAbsent(outcome, o -> Counter.builder("honchat.http.logins").tag("outcome", o)
                .description("Logins at client_requester.php (auth, srpAuth), by outcome").register(registry))
                .increment();
    }

    /** Groups in the queue now (§9.4). */
    public AtomicInteger queuedGroups() {
        return queuedGroups;
    }

    /** The average wait the queue reports in 0x0D06 type 11 (§9.4.4). */
    public java.util.concurrent.atomic.AtomicLong averageWaitSeconds() {
        return averageWaitSeconds;
    }

    /** Authenticated match-server sessions on the 11032 link. */
    public AtomicInteger matchServersConnected() {
        return matchServers;
    }

    /** Authenticated server-manager sessions on the 11033 link. */
    public AtomicInteger managersConnected() {
        return managers;
    }

    private Counter refused(String reason) {
        return Counter.builder("honchat.connections.refused").tag("reason", reason)
                .description("Connections closed at accept").register(registry);
    }

    public AtomicInteger sessionsOnline() {
        return sessions;
    }

    public AtomicInteger connectionsOpen() {
        return connections;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
