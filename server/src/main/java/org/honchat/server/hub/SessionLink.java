package org.honchat.server.hub;

import org.honchat.server.domain.core.Endpoint;

import io.netty.buffer.ByteBuf;

/**
 * The hub's handle on one connection: where its frames go. Implemented over a Netty channel. The hub collects a
 * batch of writes per I/O thread and hands each thread one task ({@link #executor}), which then calls the
 * {@code *Now} methods on that thread.
 */
public interface SessionLink extends Endpoint {

    /** The I/O thread that owns the connection. */
    java.util.concurrent.Executor executor();

    /**
     * The hub queued a frame of {@code bytes} for {@link #writeNow}: counted in {@link #pendingBytes} until it is
     * written. Hub thread.
     */
    void handedOver(int bytes);

    /**
     * Writes an encoded frame without flushing. The frame is shared with other recipients, on this and other
     * threads: only its bytes are read, its indices never move, and the caller keeps (and later releases) its
     * reference. On {@link #executor} only.
     *
     * @return true if this is the first write since the last {@link #flushNow}, so the caller must flush this link
     */
    boolean writeNow(ByteBuf frame);

    /** Flushes what was written. On {@link #executor} only. */
    void flushNow();

    /** Flushes, then closes the connection. On {@link #executor} only. */
    void closeNow();

    /** Bytes handed over or written to this connection and not yet taken by the socket. */
    long pendingBytes();
}
