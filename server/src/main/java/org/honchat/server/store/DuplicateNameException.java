package org.honchat.server.store;

/** An account or channel with this name (compared case-insensitively) already exists. */
public final class DuplicateNameException extends StoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateNameException(String name) {
        super("an account named '" + name + "' already exists");
    }

    private DuplicateNameException(String message, Void unused) {
        super(message);
    }

    public static DuplicateNameException clan(String name, String tag) {
        return new DuplicateNameException("a clan named '" + name + "' or tagged '" + tag + "' already exists", null);
    }

    public static DuplicateNameException channel(String name) {
        return new DuplicateNameException("a channel named '" + name + "' already exists", null);
    }
}
