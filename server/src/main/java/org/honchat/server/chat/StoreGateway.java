package org.honchat.server.chat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Store work the hub needs, run on worker threads, with results handed back to the hub thread. */
class StoreGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGateway.class);

    private final AccountStore accounts;
    private final Executor workers;
    private final Hub hub;

    StoreGateway(AccountStore accounts, Executor workers, Hub hub) {
        this.accounts = accounts;
        this.workers = workers;
        this.hub = hub;
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

    void recordLastSeen(long accountId, Instant when) {
        try {
            workers.execute(() -> {
                try {
                    accounts.recordLastSeen(accountId, when);
                } catch (RuntimeException e) {
                    LOG.warn("cannot record last-seen time of account {}: {}", accountId, e.toString());
                }
            });
        } catch (RejectedExecutionException busy) {
            LOG.warn("cannot record last-seen time of account {}: workers busy", accountId);
        }
    }
}
