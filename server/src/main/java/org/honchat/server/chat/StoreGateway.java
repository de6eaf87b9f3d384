package org.honchat.server.chat;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.ChannelStore;
import org.honchat.server.store.SocialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Store work the hub needs, run on worker threads, with results handed back to the hub thread. */
class StoreGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGateway.class);

    private final AccountStore accounts;
    private final ChannelStore channels;
    private final SocialStore social;
    private final Executor workers;
    private final ExecutorService writer;
    private final Hub hub;
    /** Last-seen times not yet written, and whether a worker task to write them is queued. */
    private final Map<Long, Instant> lastSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean lastSeenQueued = new AtomicBoolean();

    StoreGateway(AccountStore accounts, ChannelStore channels, SocialStore social, Executor workers, Hub hub) {
        this.accounts = accounts;
        this.channels = channels;
        this.social = social;
        this.workers = workers;
        this.hub = hub;
        // one thread for changes, so they reach the store in the order the hub made them
        this.writer = Executors.newSingleThreadExecutor(new DefaultThreadFactory("honchat-store-writer", true));
    }

    AccountStore accounts() {
        return accounts;
    }

    SocialStore social() {
        return social;
    }

    ChannelStore channels() {
        return channels;
    }

    /** Stores a change to a permanent channel, in order with the others; failures are logged. */
    void channelChange(String what, java.util.function.Consumer<ChannelStore> change) {
        try {
            writer.execute(() -> {
                try {
                    change.accept(channels);
                } catch (RuntimeException e) {
                    LOG.warn("cannot store {}: {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException stopped) {
            LOG.warn("cannot store {}: the server is stopping", what);
        }
    }

    /**
     * Runs {@code work} on the store's single writer thread, in order with every other change, then hands its
     * result to {@code then} on the hub; {@code null} when the store failed (logged).
     */
    <T> void serial(String what, java.util.function.Supplier<T> work, Consumer<T> then) {
        try {
            writer.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    LOG.warn("cannot store {}: {}", what, e.toString());
                    result = null;
                }
                T done = result;
                hub.execute(() -> then.accept(done));
            });
        } catch (RejectedExecutionException stopped) {
            hub.execute(() -> then.accept(null));
        }
    }

    /** Waits for queued changes to be written, and writes the last-seen times not yet written (shutdown). */
    void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (!lastSeen.isEmpty()) {
            writeLastSeenBatch();
        }
    }

    /** Runs {@code query} off the hub; {@code then} gets its result (empty on a store failure) on the hub. */
    <T> void lookup(Supplier<Optional<T>> query, Consumer<Optional<T>> then) {
        Runnable work = () -> {
            Optional<T> result;
            try {
                result = query.get();
            } catch (RuntimeException e) {
                LOG.warn("store lookup failed: {}", e.toString());
                result = Optional.empty();
            }
            Optional<T> done = result;
            hub.execute(() -> then.accept(done));
        };
        try {
            workers.execute(work);
        } catch (RejectedExecutionException busy) {
            hub.execute(() -> then.accept(Optional.empty()));
        }
    }

    void findAccount(String name, Consumer<Optional<Account>> then) {
        lookup(() -> accounts.findByName(name), then);
    }

    /**
     * Notes a last-seen time; the times are written in batches, one worker task at a time, so a burst of
     * disconnects (a server restart, a network cut) does not queue thousands of writes ahead of the logins' store
     * checks on the same workers. {@link #close} writes what is left.
     */
    void recordLastSeen(long accountId, Instant when) {
        lastSeen.merge(accountId, when, (a, b) -> a.isAfter(b) ? a : b);
        queueLastSeenWrite();
    }

    /** Queues a worker task to write last-seen times, unless one is queued already. */
    private void queueLastSeenWrite() {
        if (lastSeenQueued.compareAndSet(false, true)) {
            try {
                workers.execute(this::writeLastSeen);
            } catch (RejectedExecutionException busy) {
                lastSeenQueued.set(false); // written by the next disconnect's task, or by close()
            }
        }
    }

    /** One worker task's share: enough to make a burst cheap, small enough not to hold a worker for long. */
    static final int LAST_SEEN_BATCH = 1000;

    private void writeLastSeen() {
        lastSeenQueued.set(false); // times noted from now on get a task of their own
        writeLastSeenBatch();
        if (!lastSeen.isEmpty()) {
            queueLastSeenWrite(); // the rest goes to the back of the workers' queue, behind the logins meanwhile
        }
    }

    private void writeLastSeenBatch() {
        Map<Long, Instant> batch = new HashMap<>();
        for (Long accountId : lastSeen.keySet()) {
            Instant when = lastSeen.remove(accountId);
            if (when != null) {
                batch.put(accountId, when);
            }
            if (batch.size() == LAST_SEEN_BATCH) {
                break;
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            accounts.recordLastSeen(batch);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the last-seen time of {} accounts: {}", batch.size(), e.toString());
        }
    }
}
