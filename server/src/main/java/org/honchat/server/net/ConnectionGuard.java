package org.honchat.server.net;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission on the chat port: at most so many connections per client address and in all, and at most so many
 * accepts per second (a token bucket), so a connection storm cannot exhaust the file limit or the event loops. A
 * refused connection is closed at once; each refusal counts in a metric and is logged at most once a minute.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final ServerConfig.LimitsConfig limits;
    private final Metrics metrics;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private double tokens;
    private long refilledAt = System.nanoTime();

    ConnectionGuard(ServerConfig.LimitsConfig limits, Metrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
        this.tokens = limits.acceptsPerSecond();
    }

    /** Admits a new connection (and releases it when it closes), or closes it and returns false. */
    boolean admit(Channel channel) {
        String refusal = null;
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        if (!takeToken()) {
            refusal = "accept rate";
            metrics.refusedRate.increment();
        } else if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            refusal = "connection limit";
            metrics.refusedTotal.increment();
        } else {
            AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (count.incrementAndGet() > limits.maxConnectionsPerAddress()) {
                release(address);
                refusal = "per-address limit";
                metrics.refusedPerAddress.increment();
            }
        }
        if (refusal != null) {
            long now = System.nanoTime();
            long last = lastLog.get();
            if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
                LOG.warn("refusing chat connections ({} reached, e.g. from {}); see honchat_connections_refused",
                        refusal, address.getHostAddress());
            }
            channel.close();
            return false;
        }
        metrics.connectionsOpen().incrementAndGet();
        channel.closeFuture().addListener(f -> {
            release(address);
            metrics.connectionsOpen().decrementAndGet();
        });
        return true;
    }

    private void release(InetAddress address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private synchronized boolean takeToken() {
        long now = System.nanoTime();
        tokens = Math.min(limits.acceptsPerSecond(),
                tokens + (now - refilledAt) / 1e9 * limits.acceptsPerSecond());
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
