package org.honchat.server.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused logins at INFO, once each with its reason, but never more than {@value #PER_ADDRESS} lines per client
 * address and {@value #IN_ALL} in all per minute: a password-guessing run or a reconnect storm cannot fill the log.
 * The first refusal over a limit says that the rest of the minute is counted only (the metrics keep every one).
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.honchat.server.login.refused");

    static final int PER_ADDRESS = 5;
    static final int IN_ALL = 200;
    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger inAll = new AtomicInteger();
    private volatile long windowStart;

    RefusalLog(Clock clock) {
        this.clock = clock;
        this.windowStart = clock.millis();
    }

    /** One refused login: where ({@code chat} or {@code login service}), from which address, which name, why. */
    void refused(String where, String address, String name, String reason) {
        long now = clock.millis();
        if (now - windowStart >= WINDOW_MILLIS) {
            synchronized (this) {
                if (now - windowStart >= WINDOW_MILLIS) {
                    byAddress.clear();
                    inAll.set(0);
                    windowStart = now;
                }
            }
        }
        int total = inAll.incrementAndGet();
        if (total > IN_ALL) {
            if (total == IN_ALL + 1) {
                LOG.info("more than {} refused logins this minute: the rest of the minute is counted, not logged",
                        IN_ALL);
            }
            return;
        }
        int fromHere = byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (fromHere <= PER_ADDRESS) {
            LOG.info("{} login refused: {} from {}{}", where, reason, address,
                    name == null || name.isEmpty() ? "" : " (name '" + printable(name) + "')");
        } else if (fromHere == PER_ADDRESS + 1) {
            LOG.info("more than {} refused logins from {} this minute: the rest of the minute is counted, not logged",
                    PER_ADDRESS, address);
        }
    }

    /** A name as the log shows it: at most 32 characters, no control characters (no forged log lines). */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(32).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
