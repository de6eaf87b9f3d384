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

    public Metrics() {
        registry.gauge("honchat.sessions.online", sessions);
        registry.gauge("honchat.connections.open", connections);
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
