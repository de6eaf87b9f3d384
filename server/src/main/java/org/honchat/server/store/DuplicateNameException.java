package org.honchat.server.store;

/** An account with this name (compared case-insensitively) already exists. */
public final class DuplicateNameException extends StoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateNameException(String name) {
        super("an account named '" + name + "' already exists");
    }
}
