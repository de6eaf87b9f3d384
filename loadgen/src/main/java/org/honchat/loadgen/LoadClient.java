package org.honchat.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.honchat.protocol.Packet;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.wire.FrameEncoder;

/**
 * One chat connection of the load generator on a shared event loop. It reads only what a scenario measures: the
 * end of the login sequence ({@code 0x68}), a joined channel ({@code 0x04}), channel messages ({@code 0x03}) and
 * whispers ({@code 0x08}), whose text starts with the sender's intended send time, and buddies' presence changes
 * ({@code 0x0C}); it answers pings as clients do.
 */
final class LoadClient extends ByteToMessageDecoder {

    /** What a scenario does with a received channel message: the intended send time in it, and now. */
    interface MessageSink {
        void received(long intendedNanos, long nowNanos);
    }

    private static final int PING = 0x2A00;
    private static final int BULK_READ_BYTES = 64 * 1024;
    private static final int ACCEPT = 0x1C00;
    private static final int REJECT = 0x1C01;
    private static final int PLAYER_COUNT = 0x68;
    private static final int CHANGED_CHANNEL = 0x04;
    private static final int CHANNEL_MESSAGE = 0x03;
    private static final int WHISPER = 0x08;
    private static final int UPDATE_STATUS = 0x0C;
    private static final int START_LOADING = 0x0F03;
    private static final int AUTO_MATCH_CONNECT = 0x0062;
    private static final int FAILED_TO_JOIN = 0x0E0A;

    /** What the matchmaking scenario hears (docs/protocol.md §9.3): loading, where to connect, refusals. */
    interface QueueSink {
        void startLoading(LoadClient client);

        void autoMatchConnect(LoadClient client, long nowNanos);

        void failed(LoadClient client, int reason);
    }

    private volatile QueueSink queueSink;
    /** The scenario's own label for this client (its index). */
    volatile Object tag;

    void onQueue(QueueSink sink) {
        this.queueSink = sink;
    }

    /** What a scenario does with a presence change of a buddy ({@code 0x0C}): whose, which status, and when. */
    interface StatusSink {
        void status(long accountId, int status, long nowNanos);
    }

    private static final StatusSink NO_STATUS = (id, status, now) -> { };

    final CompletableFuture<Void> loggedIn = new CompletableFuture<>();
    final CompletableFuture<Long> joined = new CompletableFuture<>();
    private final MessageSink sink;
    private final StatusSink statusSink;
    private volatile Channel channel;
    /** Set for a member that does not measure: its channel messages are only counted here, not parsed. */
    private volatile LongAdder unmeasured;
    /** The frame boundaries of a bulk reader whose socket {@link BulkReaders} reads. */
    private FrameCounter direct;

    LoadClient(MessageSink sink) {
        this(sink, NO_STATUS);
    }

    LoadClient(MessageSink sink, StatusSink statusSink) {
        this.sink = sink;
        this.statusSink = statusSink;
    }

    static ChannelFuture connect(EventLoopGroup group, Class<? extends Channel> type, InetSocketAddress server,
            InetSocketAddress local, LoadClient client) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(client);
        if (type == EpollSocketChannel.class) {
            // pick the source port at connect time, knowing the server's address: a port chosen at bind time can
            // land on a 4-tuple the server still holds in TIME_WAIT, and that SYN is dropped (PAWS) and retried
            // with back-off for seconds
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return local == null ? bootstrap.connect(server) : bootstrap.connect(server, local);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    /** The connection is up (called from the connect listener, which can run before channelActive). */
    void connected(Channel ch) {
        channel = ch;
    }

    /**
     * Makes this client a bulk reader through Netty (NIO, or {@code periodMillis} 0; {@link BulkReaders} reads
     * epoll sockets itself): from now on it counts channel messages instead of measuring them, and reads its socket
     * every {@code periodMillis} (0: as data arrives) rather than on every write of the server, so the load
     * generator spends less per delivery than the server does (docs/performance.md, "Fan-out per delivery"). The
     * server cannot tell: the bytes wait in this side's socket buffer.
     */
    void readInBulk(LongAdder counted, long periodMillis) {
        unmeasured = counted;
        Channel ch = channel;
        if (periodMillis > 0 && ch != null) {
            // one read per period: a buffer that fits what a period brings (the adaptive default starts small and
            // needs several reads per drain)
            ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(BULK_READ_BYTES));
            ch.config().setAutoRead(false);
            ch.eventLoop().scheduleAtFixedRate(ch::read, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Makes this epoll client a bulk reader whose socket {@link BulkReaders} reads directly: Netty stops reading it,
     * so no read interest is armed or cleared per read. Runs on the channel's event loop, so no read of Netty's is
     * under way; the part of a frame the decoder still holds is counted here, so the direct reads start at a frame.
     */
    void takeOverReads(LongAdder counted) {
        Channel ch = channel;
        direct = new FrameCounter(command -> {
            if (command == CHANNEL_MESSAGE) {
                counted.increment();
            } else if (command == PING) {
                send(PongReply.INSTANCE);
            }
        });
        ch.config().setAutoRead(false);
        ByteBuf held = internalBuffer();
        if (held.isReadable()) {
            direct.feed(held.nioBuffer(), 0, held.readableBytes());
            held.skipBytes(held.readableBytes());
        }
    }

    /** Whether {@link BulkReaders} can read this client's socket itself (a native transport: epoll here). */
    boolean canReadDirectly() {
        return channel instanceof UnixChannel;
    }

    /**
     * Reads what has arrived straight from the socket through {@code scratch}, counting channel messages and
     * answering pings (call on the channel's event loop, after {@link #takeOverReads}); false once it is closed.
     */
    boolean drain(ByteBuffer scratch) {
        Channel ch = channel;
        if (!ch.isActive()) {
            return false;
        }
        try {
            for (;;) {
                int n = ((UnixChannel) ch).fd().read(scratch, 0, scratch.capacity());
                if (n < 0) {
                    ch.close();
                    return false;
                }
                direct.feed(scratch, 0, n);
                if (n < scratch.capacity()) {
                    return true;
                }
            }
        } catch (IOException e) {
            ch.close();
            return false;
        }
    }

    Channel channel() {
        return channel;
    }

    void send(Packet packet) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(FrameEncoder.encode(ch.alloc(), packet), ch.voidPromise());
        }
    }

    /**
     * Reads every complete frame in place (§2: u16 length, then the command), without a slice or a pipeline hop
     * per frame: the load generator shares the cores with the server, so its cost per delivery must stay small.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShortLE(in.readerIndex());
            if (in.readableBytes() < 2 + length) {
                return;
            }
            int start = in.readerIndex() + 2;
            if (length >= 2) {
                frame(in, start, start + length);
            }
            in.readerIndex(start + length);
        }
    }

    private void frame(ByteBuf in, int start, int end) {
        int body = start + 2;
        switch (in.getUnsignedShortLE(start)) {
            case CHANNEL_MESSAGE:
                LongAdder counted = unmeasured;
                if (counted != null) {
                    counted.increment();
                } else {
                    stampedText(in, body + 8, end); // after u32 sender, u32 channel
                }
                break;
            case WHISPER:
                stampedText(in, in.indexOf(body, end, (byte) 0) + 1, end); // after the sender's name
                break;
            case UPDATE_STATUS:
                statusSink.status(in.getUnsignedIntLE(body), in.getUnsignedByte(body + 4), System.nanoTime());
                break;
            case PLAYER_COUNT:
                loggedIn.complete(null);
                break;
            case CHANGED_CHANNEL:
                joined.complete(in.getUnsignedIntLE(in.indexOf(body, end, (byte) 0) + 1));
                break;
            case PING:
                send(PongReply.INSTANCE);
                break;
            case START_LOADING:
                if (queueSink != null) {
                    queueSink.startLoading(this);
                }
                break;
            case AUTO_MATCH_CONNECT:
                if (queueSink != null) {
                    queueSink.autoMatchConnect(this, System.nanoTime());
                }
                break;
            case FAILED_TO_JOIN:
                if (queueSink != null) {
                    queueSink.failed(this, in.getUnsignedByte(body));
                }
                break;
            case REJECT:
                loggedIn.completeExceptionally(new IllegalStateException("rejected, reason "
                        + in.getUnsignedByte(body)));
                break;
            default:
                break;
        }
    }

    /** A text "t=<nanos>;..." written by a sender of this process: its intended send time goes to the sink. */
    private void stampedText(ByteBuf in, int start, int end) {
        long now = System.nanoTime();
        if (end - start > 2 && in.getByte(start) == 't' && in.getByte(start + 1) == '=') {
            long intended = 0;
            int i = start + 2;
            for (byte b; i < end && (b = in.getByte(i)) != ';'; i++) {
                intended = intended * 10 + (b - '0');
            }
            if (i > start + 2 && i < end) {
                sink.received(intended, now);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().config().isAutoRead()) {
            super.channelReadComplete(ctx);
        } else {
            // a bulk reader: the decoder's own version would ask for the next read at once (it sees no decoded
            // message), which makes every server write a read again
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        loggedIn.completeExceptionally(new IllegalStateException("closed"));
        joined.completeExceptionally(new IllegalStateException("closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Completes when the connection is closed (at once if it never opened). */
    io.netty.util.concurrent.Future<?> closeFuture() {
        Channel ch = channel;
        return ch != null ? ch.closeFuture()
                : io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

}
