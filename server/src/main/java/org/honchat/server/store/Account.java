package org.honchat.server.store;

import java.time.Instant;
import java.util.Objects;
import org.honchat.protocol.types.AccountType;

/**
 * A stored account. The cosmetics are the codes of docs/protocol.md §5 without their {@code cs.}/{@code cc.}/{@code ai.}
 * prefixes; {@code lastSeen} is {@code null} until the account's first chat disconnect.
 */
public record Account(long id, String name, AccountType type, String email, String chatSymbol, String nameColour,
        String accountIcon, long ascension, Instant created, Instant lastSeen) {

    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(chatSymbol, "chatSymbol");
        Objects.requireNonNull(nameColour, "nameColour");
        Objects.requireNonNull(accountIcon, "accountIcon");
        Objects.requireNonNull(created, "created");
    }
}
