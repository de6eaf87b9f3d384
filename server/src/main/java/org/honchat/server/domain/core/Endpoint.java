package org.honchat.server.domain.core;

/**
 * Where a session's packets go, as far as the rules are concerned: an opaque handle that only the {@link Outbox}
 * implementation writes through. The rules see nothing of it but the peer's address, for logs.
 */
public interface Endpoint {

    /** The peer's address, for logs. */
    String remoteAddress();
}
