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
}
