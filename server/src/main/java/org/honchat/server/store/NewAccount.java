package org.honchat.server.store;

import java.util.Objects;
import org.honchat.protocol.types.AccountType;

/** An account to create: its name, type and password material (§8.3). */
public record NewAccount(String name, AccountType type, Credentials credentials) {

    public NewAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(credentials, "credentials");
    }
}
