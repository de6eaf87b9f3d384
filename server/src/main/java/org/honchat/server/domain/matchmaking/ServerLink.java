package org.honchat.server.domain.matchmaking;

import org.honchat.protocol.link.LinkPacket;

/**
 * An authenticated match-server or manager connection as the rules see it (docs/protocol.md §9.5, §9.6): the network
 * layer implements it, so the rules never touch a socket. Both calls are safe from the hub thread.
 */
public interface ServerLink {

    /**
     * The session was accepted and is {@code session}: called before the accept is sent, so the connection treats
     * whatever the peer sends in answer as authenticated.
     */
    void opened(Object session);

    /** Sends one command in its own frame (§9.5.1), after everything sent before it. */
    void send(LinkPacket packet);

    /** Flushes what was sent, then closes the connection. */
    void close();

    /** The peer's address as the TCP connection sees it (§9.5.6 rule 5, the last fallback). */
    String peerHost();
}
