package org.honchat.server.login;

import java.time.Clock;
import java.util.Optional;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.SessionStore;

/**
 * The account a login cookie belongs to while the cookie is valid: the caller check of the login-service functions
 * of §8.8 and §8.9.
 */
final class LoginCookies {

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Clock clock;

    LoginCookies(AccountStore accounts, SessionStore sessions, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The account of a valid {@code cookie}; empty for an empty, unknown or expired one. */
    Optional<Account> account(String cookie) {
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        return sessions.find(cookie).filter(s -> s.validAt(clock.instant()))
                .flatMap(s -> accounts.findById(s.accountId()));
    }
}
