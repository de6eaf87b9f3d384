package org.honchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.honchat.server.hub.SessionLink;

/** The hub's {@link SessionLink} over one Netty channel: its frames are written on the channel's event loop. */
final class ConnectionLink implements SessionLink {

    private final Channel channel;
    /** Bytes the hub handed over for this connection and its I/O thread has not written yet. */
    private final AtomicLong handedOver = new AtomicLong();

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
        handedOver.addAndGet(-frame.readableBytes());
        channel.write(frame, channel.voidPromise());
    }

    @Override
    public void flushNow() {
        channel.flush();
    }

    @Override
    public void closeNow() {
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
