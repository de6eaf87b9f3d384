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

    /** A batch buffer starts at least this size; it grows as frames are appended. */
    private static final int FIRST_BATCH_BYTES = 1024;
    /** Past this size a batch is passed on to the socket's outbound buffer and a new one started. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final Channel channel;
    /** Bytes the hub handed over and not yet passed to the channel: in hand-over tasks or in {@link #batch}. */
    private final AtomicLong handedOver = new AtomicLong();
    /** Frames copied since the last flush; event loop only. */
    private ByteBuf batch;
    /** How many bytes the last flush wrote; event loop only. */
    private int lastBatchBytes = FIRST_BATCH_BYTES;

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
    public boolean writeNow(ByteBuf frame) {
        int bytes = frame.readableBytes();
        boolean first = batch == null;
        if (first) {
            batch = newBatch(bytes);
        } else if (batch.writableBytes() < bytes && batch.readableBytes() + bytes > MAX_BATCH_BYTES) {
            // a backlog (the I/O thread fell behind): pass the full buffer on unflushed and start another, rather
            // than grow one buffer past the allocator's pooled sizes, where every growth is a fresh allocation
            // and a copy of all that came before
            passOn(batch);
            batch = newBatch(bytes);
        }
        // copied by the frame into the batch: the batch's writeBytes(ByteBuf) took a ByteBuffer view of the frame
        // per copy (about 64 bytes of garbage per delivery), this is a plain memory copy
        batch.ensureWritable(bytes);
        frame.getBytes(frame.readerIndex(), batch, batch.writerIndex(), bytes);
        batch.writerIndex(batch.writerIndex() + bytes);
        return first;
    }

    private ByteBuf newBatch(int bytes) {
        // the size the last flush needed: under steady load a batch then never grows
        return channel.alloc().directBuffer(Math.min(MAX_BATCH_BYTES, Math.max(lastBatchBytes, bytes)));
    }

    private void passOn(ByteBuf out) {
        // counted until now against the slow-consumer limit; from here on the outbound buffer counts it
        handedOver.addAndGet(-out.readableBytes());
        channel.write(out, channel.voidPromise());
    }

    @Override
    public void flushNow() {
        ByteBuf out = batch;
        if (out == null) {
            return;
        }
        batch = null;
        lastBatchBytes = Math.max(FIRST_BATCH_BYTES, out.readableBytes());
        passOn(out);
        channel.flush();
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
