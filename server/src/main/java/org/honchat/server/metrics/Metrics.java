package org.honchat.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.honchat.protocol.types.RejectReason;

/**
 * The server's counters and gauges, scraped in Prometheus text form at {@code /metrics} on the admin port: events
 * that matter to an operator (refused connections and logins by reason, sessions closed for abuse, sessions online,
 * matchmaking, cluster traffic) and the JVM and process (memory, GC, threads, classes, CPU, open files, uptime).
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RefusalLog refusals;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    public final Counter refusedPerAddress = refused("per_address_limit");
    public final Counter refusedTotal = refused("connection_limit");
    public final Counter refusedRate = refused("accept_rate");
    public final Counter floodDisconnects = closed("flood");
    public final Counter slowConsumerDisconnects = closed("slow_consumer");

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
            .builder("honchat.matchmaking.broker.cycle").description("Broker cycles (protocol 9.4.3)")
            .register(registry);

    /** Cluster mode: messages this node published to other nodes and received from them, by kind (up, down). */
    public final Counter clusterUpSent = cluster("sent", "up");
    public final Counter clusterDownSent = cluster("sent", "down");
    public final Counter clusterUpReceived = cluster("received", "up");
    public final Counter clusterDownReceived = cluster("received", "down");
    /** Cluster mode: sessions that ended because their node stopped its heartbeat. */
    public final Counter clusterSessionsLost = Counter.builder("honchat.cluster.sessions.lost")
            .description("Sessions ended because their node was written off").register(registry);

    /** One description for both series: Prometheus keeps one HELP line per name. */
    private Counter closed(String reason) {
        return Counter.builder("honchat.sessions.closed").tag("reason", reason)
                .description("Sessions the server closed, by reason: flood (commands above chat.flood.disconnectAt, "
                        + "protocol 4.9) or slow_consumer (more than limits.maxPendingOutputBytes of output unread)")
                .register(registry);
    }

    private Counter cluster(String direction, String kind) {
        return Counter.builder("honchat.cluster.messages." + direction).tag("kind", kind)
                .description("Messages between cluster nodes (up: connection events to the hub node, down: its "
                        + "output)").register(registry);
    }

    public Metrics() {
        this(Clock.systemUTC());
    }

    Metrics(Clock clock) {
        this.refusals = new RefusalLog(clock);
        // the JVM and the process, for sizing the heap and watching file descriptors (docs/operations.md)
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        FunctionCounter.builder("honchat.chat.deliveries", this, m -> m.deliveries.getAsLong())
                .description("Commands handed to sessions' connections (one per recipient: a channel message to 200 "
                        + "members is 200)").register(registry);
        // every series the dashboard graphs exists from the start, at zero, instead of "No data" until it happens
        for (RejectReason reason : RejectReason.values()) {
            chatRejects(reason.name().toLowerCase(Locale.ROOT));
        }
        for (String outcome : HTTP_LOGIN_OUTCOMES) {
            httpLogins(outcome);
        }
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
                        + "(protocol 9.4)").register(registry);
    }

    /** Sessions online by client kind (§2.4): game clients and LEGACY bots. */
    public AtomicInteger sessionsOfKind(boolean gameClient) {
        return gameClient ? gameClients : legacyClients;
    }

    /** Channels that exist now, set from the hub once a second. */
    public AtomicInteger channelsOpen() {
        return channels;
    }

    /** A chat login refused with {@code 0x1C01}, by its §4.6 reason; logged once (within limits) with the address. */
    public void chatRejected(String reason, String address) {
        chatRejects(reason).increment();
        refusals.refused("chat", address, null, reason);
    }

    private Counter chatRejects(String reason) {
        return chatRejects.computeIfAbsent(reason, r -> Counter.builder("honchat.chat.logins.rejected").tag("reason", r)
                .description("Chat logins refused with 0x1C01, by reason (protocol 4.6)").register(registry));
    }

    private final Map<String, Counter> floodDrops = new ConcurrentHashMap<>();

    /** §4.9: a counted command dropped by flood control, by command name (registered at zero by the domain). */
    public Counter floodDropped(String command) {
        return floodDrops.computeIfAbsent(command, c -> Counter.builder("honchat.flood.dropped").tag("command", c)
                .description("Commands dropped by flood control (protocol 4.9: above chat.flood.threshold), by "
                        + "command").register(registry));
    }

    private volatile LongSupplier deliveries = () -> 0;

    /** Where chat deliveries (one command to one session) are counted: the hub, once it runs. */
    public void countDeliveries(LongSupplier hubCount) {
        this.deliveries = hubCount;
    }

    /** Deliveries so far (0 before the hub runs). */
    public long deliveries() {
        return deliveries.getAsLong();
    }

    /** The outcomes of {@link #httpLogin}. */
    public static final List<String> HTTP_LOGIN_OUTCOMES = List.of("accepted", "wrong_credentials", "disabled",
            "rate_limited");

    /**
     * A login at the login service, by outcome (one of {@link #HTTP_LOGIN_OUTCOMES}); a refused one is logged once
     * (within limits) with the client's address and the name it tried.
     */
    public void httpLogin(String outcome, String login, String address) {
        httpLogins(outcome).increment();
        if (!outcome.equals("accepted")) {
            refusals.refused("login service", address, login, outcome);
        }
    }

    private Counter httpLogins(String outcome) {
        return httpLogins.computeIfAbsent(outcome, o -> Counter.builder("honchat.http.logins").tag("outcome", o)
                .description("Logins at client_requester.php (f=auth, f=srpAuth), by outcome").register(registry));
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
