package org.honchat.server.store;

/** The store could not do what was asked (connection lost, constraint, ...). The message says what. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
