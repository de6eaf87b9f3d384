package org.honchat.server.chat;

import io.netty.buffer.ByteBuf;

/** The hub's handle on one connection: where its frames go. Implemented over a Netty channel. */
interface SessionLink {

    /** Queues an encoded frame; takes ownership of {@code frame}. Callable from any thread. */
    void write(ByteBuf frame);

    /** Flushes what was queued. */
    void flush();

    /** Flushes, then closes the connection. */
    void close();

    /** Bytes written to this connection and not yet taken by the socket. */
    long pendingBytes();

    /** The peer's address, for logs. */
    String remoteAddress();
}
