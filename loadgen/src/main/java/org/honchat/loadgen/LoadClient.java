package org.honchat.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.honchat.protocol.Packet;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;

/**
 * One chat connection of the load generator on a shared event loop. It reads only what a scenario measures: the
 * end of the login sequence ({@code 0x68}), a joined channel ({@code 0x04}), channel messages ({@code 0x03}) and
 * whispers ({@code 0x08}), whose text starts with the sender's intended send time, and buddies' presence changes
 * ({@code 0x0C}); it answers pings as clients do.
 */
final class LoadClient extends ChannelInboundHandlerAdapter {

    /** What a scenario does with a received channel message: the intended send time in it, and now. */
    interface MessageSink {
        void received(long intendedNanos, long nowNanos);
    }

    private static final int PING = 0x2A00;
    private static final int ACCEPT = 0x1C00;
    private static final int REJECT = 0x1C01;
    private static final int PLAYER_COUNT = 0x68;
    private static final int CHANGED_CHANNEL = 0x04;
    private static final int CHANNEL_MESSAGE = 0x03;
    private static final int WHISPER = 0x08;
    private static final int UPDATE_STATUS = 0x0C;

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
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        FrameDecoder frames = new FrameDecoder(0xFFFF);
                        ch.pipeline().addLast(new ByteToMessageDecoder() {
                            @Override
                            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
                                    throws ProtocolDecodeException {
                                ByteBuf frame = frames.readFrame(in);
                                if (frame != null) {
                                    out.add(frame);
                                }
                            }
                        }, client);
                    }
                });
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

    void send(Packet packet) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(FrameEncoder.encode(ch.alloc(), packet), ch.voidPromise());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            int id = frame.readUnsignedShortLE();
            switch (id) {
                case CHANNEL_MESSAGE:
                    frame.skipBytes(8); // u32 sender, u32 channel
                    stampedText(frame);
                    break;
                case WHISPER:
                    // str sender display name, then the text
                    frame.readerIndex(frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) 0) + 1);
                    stampedText(frame);
                    break;
                case UPDATE_STATUS:
                    statusSink.status(frame.readUnsignedIntLE(), frame.readUnsignedByte(), System.nanoTime());
                    break;
                case PLAYER_COUNT:
                    loggedIn.complete(null);
                    break;
                case CHANGED_CHANNEL:
                    int nul = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) 0);
                    joined.complete(frame.getUnsignedIntLE(nul + 1));
                    break;
                case PING:
                    send(PongReply.INSTANCE);
                    break;
                case REJECT:
                    loggedIn.completeExceptionally(new IllegalStateException("rejected, reason "
                            + frame.readUnsignedByte()));
                    break;
                default:
                    break;
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    /** A text "t=<nanos>;..." written by a sender of this process: its intended send time goes to the sink. */
    private void stampedText(ByteBuf frame) {
        long now = System.nanoTime();
        int start = frame.readerIndex();
        if (frame.readableBytes() > 2 && frame.getByte(start) == 't' && frame.getByte(start + 1) == '=') {
            int semicolon = frame.indexOf(start, frame.writerIndex(), (byte) ';');
            if (semicolon > start + 2) {
                long intended = Long.parseLong(frame.toString(start + 2, semicolon - start - 2,
                        StandardCharsets.US_ASCII));
                sink.received(intended, now);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
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
        return ch != null ? ch.closeFuture() : io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

}
