package org.honchat.server.cluster;

import io.lettuce.core.MapScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's state copy in Redis (docs/cluster.md "When the hub node goes"): per hub term, one hash of session records
 * and one of channel records, by id ({@link HubState}). Writes share the coordinator's connection, so they are
 * queued in order with its publishes: a record written before a batch's output is in Redis before that output.
 */
public final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** How long one page of a copy may take to read. */
    private static final long READ_PAGE_SECONDS = 5;

    /** How long a copy stays once its term is over (late writes of a stalled hub node die with it). */
    private static final long RETIRED_MILLIS = 60_000;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final String prefix;
    /** How long a live term's copy outlives its hub node's last beat: the lease's time to live plus the wait. */
    private final long keptMillis;

    StateStore(StatefulRedisConnection<String, byte[]> connection, String prefix, long nodeTimeoutMillis) {
        this.connection = connection;
        this.prefix = prefix;
        this.keptMillis = Math.max(RETIRED_MILLIS, 4L * nodeTimeoutMillis);
    }

    /** Both hashes of a term's copy, as stored. */
    public record Copy(List<byte[]> sessions, List<byte[]> channels) {
        /** Every hub writes at least its channels: no channel means no copy. */
        public boolean isEmpty() {
            return channels.isEmpty();
        }
    }

    /** Writes and deletes records of {@code hubTerm}'s copy; lost while Redis is away (rewritten whole later). */
    public void write(long hubTerm, boolean sessions, Map<String, byte[]> records, List<String> gone) {
        String key = key(hubTerm, sessions);
        try {
            if (!records.isEmpty()) {
                connection.async().hset(key, records);
            }
            if (!gone.isEmpty()) {
                connection.async().hdel(key, gone.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            LOG.debug("state copy write lost: {}", e.toString());
        }
    }

    /** {@code hubTerm}'s copy; throws RedisException when it cannot be read. */
    public Copy read(long hubTerm) {
        return new Copy(scan(key(hubTerm, true)), scan(key(hubTerm, false)));
    }

    /**
     * Called every beat by the hub node: its copy outlives it long enough for the next hub node to read it, and a
     * copy nobody takes over (the last node of a cluster stopped) does not stay in Redis for ever.
     */
    void keep(long hubTerm) {
        expire(hubTerm, keptMillis);
    }

    /** {@code hubTerm}'s copy was taken over: it goes a minute later. */
    public void retire(long hubTerm) {
        expire(hubTerm, RETIRED_MILLIS);
    }

    private void expire(long hubTerm, long millis) {
        try {
            connection.async().pexpire(key(hubTerm, true), millis);
            connection.async().pexpire(key(hubTerm, false), millis);
        } catch (RuntimeException e) {
            LOG.debug("state copy expiry not set: {}", e.toString());
        }
    }

    /**
     * Every value of a hash, a page at a time. A page of a large copy can take longer than the heartbeat-sized
     * command timeout on a busy machine, so each page gets its own, longer wait.
     */
    private List<byte[]> scan(String key) {
        List<byte[]> values = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            MapScanCursor<String, byte[]> page;
            try {
                page = connection.async().hscan(key, cursor, ScanArgs.Builder.limit(1000))
                        .get(READ_PAGE_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RedisException("reading " + key + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisException("interrupted reading " + key);
            }
            values.addAll(page.getMap().values());
            cursor = page;
        } while (!cursor.isFinished());
        return values;
    }

    private String key(long hubTerm, boolean sessions) {
        return prefix + "state:" + hubTerm + (sessions ? ":sessions" : ":channels");
    }
}
