package org.honchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.honchat.server.hub.SessionLink;

/**
 * The hub's {@link SessionLink} over one Netty channel. The frames the hub hands over are copied into one buffer
 * per connection and written with one write at the flush: a copy of a few dozen bytes costs less than a buffer
 * object, an outbound-buffer entry and an iovec per frame (docs/performance.md, "Fan-out per delivery").
 */
final class ConnectionLink implements SessionLink {

    /** A batch buffer starts at this size; it grows as frames are appended. */
    private static final int FIRST_BATCH_BYTES = 1024;

    private final Channel channel;
    /** Bytes the hub handed over and not yet passed to the channel: in hand-over tasks or in {@link #batch}. */
    private final AtomicLong handedOver = new AtomicLong();
    /** Frames copied since the last flush; event loop only. */
    private ByteBuf batch;

    ConnectionLink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public void handedOver(int bytes) {
        handedOver.addAndGet(bytes);
    }

    @Override
    public void writeNow(ByteBuf frame) {
        try {
            int bytes = frame.readableBytes();
            if (batch == null) {
                batch = channel.alloc().directBuffer(Math.max(FIRST_BATCH_BYTES, bytes));
            }
            batch.writeBytes(frame, frame.readerIndex(), bytes);
        } finally {
            frame.release();
        }
    }

    @Override
    public void flushNow() {
        ByteBuf out = batch;
        if (out == null) {
            return;
        }
        batch = null;
        // counted until now against the slow-consumer limit; from here on the outbound buffer counts it
        handedOver.addAndGet(-out.readableBytes());
        channel.writeAndFlush(out, channel.voidPromise());
    }

    @Override
    public void closeNow() {
        flushNow();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public long pendingBytes() {
        // frames still in the hub's hand-over tasks, then what Netty holds for the socket: a connection whose I/O
        // thread is far behind must not hide its backlog in the task queue
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return handedOver.get() + (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }
}
