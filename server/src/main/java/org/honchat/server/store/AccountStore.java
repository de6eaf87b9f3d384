package org.honchat.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.honchat.protocol.types.AccountType;

/** Accounts and their password material. Every method is blocking: call it off the hub and the I/O threads. */
public interface AccountStore {

    /** Creates an account; throws {@link DuplicateNameException} when the name is taken. */
    Account create(String name, AccountType type, Credentials credentials, Instant now);

    /**
     * Creates all the accounts in one transaction: all of them or, when any name is invalid or taken (in the store
     * or twice in the list), none; throws {@link DuplicateNameException} or {@link IllegalArgumentException} then.
     * Returns the number created.
     */
    int createAll(List<NewAccount> accounts, Instant now);

    Optional<Account> findByName(String name);

    Optional<Account> findById(long id);

    Optional<Credentials> credentials(long accountId);

    /** All accounts, by id. */
    List<Account> list();

    /** One page of the accounts whose name contains {@code text} (any case; "" for all), by name. */
    List<Account> search(String text, int offset, int limit);

    /** How many accounts {@link #search} would page through. */
    long count(String text);

    boolean setCredentials(long accountId, Credentials credentials);

    boolean setType(long accountId, AccountType type);

    /** Deletes the account and everything that belongs to it (sessions, credentials). */
    boolean delete(long accountId);

    void recordLastSeen(long accountId, Instant when);

    /** §8.8: the time of the account's last chat login, kept for {@code get_all_stats}. */
    void recordLastLogin(long accountId, Instant when);

    /** The same for many accounts at once. */
    default void recordLastLogin(Map<Long, Instant> times) {
        times.forEach(this::recordLastLogin);
    }

    /** The last chat login, empty when there never was one. */
    Optional<Instant> lastLogin(long accountId);

    /** Records many last-seen times in one transaction (a burst of disconnects is one write, not thousands). */
    default void recordLastSeen(java.util.Map<Long, Instant> times) {
        times.forEach(this::recordLastSeen);
    }
}
