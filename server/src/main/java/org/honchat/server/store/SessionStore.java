package org.honchat.server.store;

import java.time.Instant;
import java.util.Optional;

/** Login cookies. Blocking, like {@link AccountStore}. */
public interface SessionStore {

    void create(LoginSession session);

    /** The session for a cookie, expired or not; callers check {@link LoginSession#validAt}. */
    Optional<LoginSession> find(String cookie);

    boolean delete(String cookie);

    int deleteExpired(Instant now);

    /** The account's newest login session still valid at {@code now} (server_requester.php aids2cookie, §9.7). */
    Optional<LoginSession> newestValid(long accountId, Instant now);
}
