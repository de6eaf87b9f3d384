package org.honchat.server.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.InMemoryStores;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Endpoint;
import org.honchat.server.domain.core.LocalDirectory;
import org.honchat.server.domain.core.Scheduler;
import org.honchat.server.domain.matchmaking.FirstComeBroker;
import org.honchat.server.domain.matchmaking.Matchmaking;
import org.honchat.server.domain.core.StateCheck;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.session.Authenticator;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.store.Account;
import org.honchat.server.store.Credentials;

/**
 * The chat rules in-process, without sockets or threads: a {@link RecordingOutbox}, the in-memory stores, store work
 * run inline, a clock and timers the test moves. Each rule of docs/protocol.md §3-§6 can be checked in milliseconds.
 */
final class DomainHarness {

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        long millis = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private record Timer(long due, Runnable task) {
    }

    final InMemoryStores stores = new InMemoryStores();
    final LocalDirectory directory = new LocalDirectory();
    final RecordingOutbox out = new RecordingOutbox(directory);
    final TestClock clock = new TestClock();
    final ChatDomain domain;
    final Matchmaking matchmaking;
    /** What the rules count (the domain's; matchmaking has its own). */
    final Metrics metrics = new Metrics();
    private final List<Timer> timers = new ArrayList<>();
    /** Store changes waiting for {@link #runStoreWork}, when the test holds them back; null runs them at once. */
    private List<Runnable> heldStoreWork;
    /** Broker cycles waiting for {@link #runBrokerWork}, when the test holds them back; null runs them at once. */
    private List<Runnable> heldBrokerWork;

    DomainHarness() {
        this(ServerConfig.defaults().chat());
    }

    DomainHarness(ServerConfig.ChatConfig config) {
        this(ServerConfig.defaults(), config);
    }

    /** With matchmaking configured by {@code full}; the chat rules by {@code full.chat()}. */
    DomainHarness(ServerConfig full) {
        this(full, full.chat());
    }

    DomainHarness(ServerConfig full, ServerConfig.ChatConfig config) {
        StoreGateway store = new StoreGateway(stores, null, stores, Runnable::run, task -> {
            if (heldStoreWork != null) {
                heldStoreWork.add(task);
            } else {
                task.run();
            }
        }, Runnable::run);
        Scheduler scheduler = (delay, task) -> timers.add(new Timer(clock.millis + delay, task));
        matchmaking = new Matchmaking(full, out, directory, clock, scheduler, new java.util.SplittableRandom(7),
                new FirstComeBroker(), task -> {
                    if (heldBrokerWork != null) {
                        heldBrokerWork.add(task);
                    } else {
                        task.run();
                    }
                }, Runnable::run, new Metrics());
        domain = new ChatDomain(config, out, directory, store, clock, scheduler, matchmaking, List.of(), metrics);
    }

    /** A game-client session of a new regular account, logged in, with the success sequence cleared. */
    ChatSession login(String name) {
        return login(name, AccountType.REGULAR, true);
    }

    ChatSession login(String name, AccountType type, boolean gameClient) {
        Account account = stores.findByName(name)
                .orElseGet(() -> stores.create(name, type, new Credentials("s", "p"), clock.instant()));
        Endpoint endpoint = () -> "test:" + name;
        ChatSession session = new ChatSession(account, gameClient, gameClient ? "en" : "", "cookie-" + name, false,
                endpoint);
        domain.register(session, new Authenticator.Profile(stores.buddies(account.id()),
                stores.membership(account.id()).orElse(null), List.of()));
        return session;
    }

    /** From now on store changes wait for {@link #runStoreWork}, as if the database were slow. */
    void holdStoreWork() {
        heldStoreWork = new ArrayList<>();
    }

    /** Runs the store changes held back, in order, and their answers on the "hub". */
    void runStoreWork() {
        List<Runnable> work = heldStoreWork;
        heldStoreWork = null;
        work.forEach(Runnable::run);
    }

    /** From now on broker cycles wait for {@link #runBrokerWork}, as if the broker thread were slow. */
    void holdBrokerWork() {
        heldBrokerWork = new ArrayList<>();
    }

    /** Runs the broker cycles held back; their results are applied at once, as the hub would. */
    void runBrokerWork() {
        List<Runnable> work = heldBrokerWork;
        heldBrokerWork = null;
        work.forEach(Runnable::run);
    }

    /** One command, as the hub would handle it. */
    void send(ChatSession from, ServerboundPacket packet) {
        domain.handle(from, packet);
    }

    /** Moves the clock and runs the timers that came due, in order. */
    void advance(long millis) {
        clock.millis += millis;
        timers.sort((a, b) -> Long.compare(a.due(), b.due()));
        while (!timers.isEmpty() && timers.get(0).due() <= clock.millis) {
            timers.remove(0).task().run();
        }
    }

    List<String> inconsistencies() {
        return StateCheck.inconsistencies(directory);
    }
}
