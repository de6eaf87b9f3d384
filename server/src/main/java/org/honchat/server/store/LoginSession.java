package org.honchat.server.store;

import java.time.Instant;
import java.util.Objects;

/** A cookie issued by the login service (docs/protocol.md §8.6), bound to one account and the address it saw. */
public record LoginSession(String cookie, long accountId, String clientIp, Instant created, Instant expires) {

    public LoginSession {
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
    }

    public boolean validAt(Instant now) {
        return now.isBefore(expires);
    }
}
