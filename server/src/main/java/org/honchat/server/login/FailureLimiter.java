package org.honchat.server.login;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (an account name or a client IP) in a sliding window. A key at its limit is refused
 * before its credentials are looked at. Memory is bounded: keys without failures in the window are dropped, and
 * past {@link #MAX_KEYS} keys the oldest-looking entries are swept.
 */
final class FailureLimiter {

    static final int MAX_KEYS = 100_000;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    FailureLimiter(int limit, long windowMillis, Clock clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    boolean blocked(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            expire(times, clock.millis());
            return times.size() >= limit;
        }
    }

    void recordFailure(String key) {
        long now = clock.millis();
        if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) {
            sweep(now);
            if (failures.size() >= MAX_KEYS) {
                return; // every tracked key is active: stay bounded rather than track one more
            }
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            if (times.size() < limit * 2) {
                times.addLast(now);
            }
        }
    }

    int trackedKeys() {
        return failures.size();
    }

    private void sweep(long now) {
        Iterator<Map.Entry<String, Deque<Long>>> entries = failures.entrySet().iterator();
        while (entries.hasNext()) {
            Deque<Long> times = entries.next().getValue();
            synchronized (times) {
                expire(times, now);
                if (times.isEmpty()) {
                    entries.remove();
                }
            }
        }
    }

    private void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
    }
}
