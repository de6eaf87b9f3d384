package org.honchat.server.domain.core;

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

/**
 * Store work the rules need, run off the hub: lookups on the worker threads, changes on one writer thread (so they
 * reach the store in the order the hub made them), results handed back to the hub. While a session waits for its
 * answer, its next commands wait too (§1.3 rule 6); {@link #onResume} says who replays them.
 */
public class StoreGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGateway.class);

    private final AccountStore accounts;
    private final ChannelStore channels;
    private final SocialStore social;
    private final Executor workers;
    private final Executor writer;
    private final Executor hub;
    private Consumer<ChatSession> resume = s -> { };
    /** Last-seen and last-login times not yet written, and whether a worker task to write them is queued. */
    private final Map<Long, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastLogin = new ConcurrentHashMap<>();
    private final AtomicBoolean lastSeenQueued = new AtomicBoolean();

    /**
     * @param workers runs lookups and last-seen writes
     * @param writer one thread for changes, so they reach the store in the order the hub made them
     * @param hub runs the answers on the hub thread
     */
    public StoreGateway(AccountStore accounts, ChannelStore channels, SocialStore social, Executor workers,
            Executor writer, Executor hub) {
        this.accounts = accounts;
        this.channels = channels;
        this.social = social;
        this.workers = workers;
        this.writer = writer;
        this.hub = hub;
    }

    /** The single writer thread {@link #StoreGateway} wants, as a daemon thread. */
    public static ExecutorService writerThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "honchat-store-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Who replays a session's held commands once its store work is answered (the command dispatcher). */
    public void onResume(Consumer<ChatSession> resume) {
        this.resume = resume;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public SocialStore social() {
        return social;
    }

    /**
     * Runs store work on the writer thread; {@code then} gets the result on the hub. The session's next commands
     * wait until then (§1.3 rule 6); {@code then} runs even if the session closed meanwhile, so the other party's
     * state stays right.
     */
    public <T> void awaitSerial(ChatSession s, String what, Supplier<T> work,
            java.util.function.BiConsumer<ChatSession, T> then) {
        s.awaitingStore = true;
        serial(what, work, result -> {
            s.awaitingStore = false;
            then.accept(s, result);
            resume.accept(s);
        });
    }

    /** An account lookup by name for {@code s}, with its next commands held meanwhile (§1.3 rule 6). */
    public void awaitAccount(ChatSession s, String name,
            java.util.function.BiConsumer<ChatSession, Optional<Account>> then) {
        s.awaitingStore = true;
        lookup(() -> accounts.findByName(name), account -> {
            s.awaitingStore = false;
            if (s.closed) {
                return;
            }
            then.accept(s, account);
            resume.accept(s);
        });
    }

    /** Stores a change of a permanent channel (other channels live in memory only, §6.3); failures are logged. */
    public void persist(Channel channel, String what, Consumer<ChannelStore> change) {
        if (channel.stored) {
            channelChange(what + " of channel " + channel.name, change);
        }
    }

    /**
     * A change made by {@code s}: stored first when the channel is stored, then {@code announce} tells the clients,
     * so nothing a client was told is lost in a crash. The session's next commands wait meanwhile (§1.3 rule 6).
     */
    public void persistThen(ChatSession s, Channel channel, String what, Consumer<ChannelStore> change,
            Runnable announce) {
        if (!channel.stored) {
            announce.run();
            return;
        }
        awaitSerial(s, what + " of channel " + channel.name, () -> {
            change.accept(channels);
            return Boolean.TRUE;
        }, (session, stored) -> announce.run());
    }

    /** The flags, topic and password of a channel, stored before {@code announce}. */
    public void settingsThen(ChatSession s, Channel channel, Runnable announce) {
        int flags = channel.flags.bits();
        String topic = channel.topic;
        String password = channel.password;
        persistThen(s, channel, "settings", store -> store.updateSettings(channel.id, flags, topic, password),
                announce);
    }

    /** Stores a change to a permanent channel, in order with the others; failures are logged. */
    private void channelChange(String what, java.util.function.Consumer<ChannelStore> change) {
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
    public <T> void serial(String what, java.util.function.Supplier<T> work, Consumer<T> then) {
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
    public void close() {
        if (writer instanceof ExecutorService thread) {
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (!lastSeen.isEmpty() || !lastLogin.isEmpty()) {
            writeLastSeenBatch();
        }
    }

    /** Runs {@code query} off the hub; {@code then} gets its result (empty on a store failure) on the hub. */
    private <T> void lookup(Supplier<Optional<T>> query, Consumer<Optional<T>> then) {
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

    /**
     * Notes a last-seen time; the times are written in batches, one worker task at a time, so a burst of
     * disconnects (a server restart, a network cut) does not queue thousands of writes ahead of the logins' store
     * checks on the same workers. {@link #close} writes what is left.
     */
    public void recordLastSeen(long accountId, Instant when) {
        lastSeen.merge(accountId, when, (a, b) -> a.isAfter(b) ? a : b);
        queueLastSeenWrite();
    }

    /** §8.8: notes a chat login's time for {@code get_all_stats}; written in the same batches as last-seen times. */
    public void recordLastLogin(long accountId, Instant when) {
        lastLogin.merge(accountId, when, (a, b) -> a.isAfter(b) ? a : b);
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
        if (!lastSeen.isEmpty() || !lastLogin.isEmpty()) {
            queueLastSeenWrite(); // the rest goes to the back of the workers' queue, behind the logins meanwhile
        }
    }

    private void writeLastSeenBatch() {
        write(lastSeen, accounts::recordLastSeen, "last-seen");
        write(lastLogin, accounts::recordLastLogin, "last-login");
    }

    private static void write(Map<Long, Instant> pending, Consumer<Map<Long, Instant>> store, String what) {
        Map<Long, Instant> batch = new HashMap<>();
        for (Long accountId : pending.keySet()) {
            Instant when = pending.remove(accountId);
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
            store.accept(batch);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the {} time of {} accounts: {}", what, batch.size(), e.toString());
        }
    }
}
