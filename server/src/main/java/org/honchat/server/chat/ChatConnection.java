package org.honchat.server.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.Ping;
import org.honchat.protocol.clientbound.SessionPackets.Pong;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.serverbound.SessionRequests.PingRequest;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat connection on its event loop (PROTOCOL.md §3.2, §3.9): the pre-authentication rules, the hand-over to
 * the hub once accepted, keep-alive, and the hub's {@link SessionLink} for writing to it. Commands reach the hub in
 * arrival order; nothing here touches chat state.
 */
final class ChatConnection extends ChannelDuplexHandler implements SessionLink {

    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);

    private enum State { PRE_AUTH, AUTHENTICATING, AUTHENTICATED, CLOSED }

    private final ChatServer server;
    private final FrameDecoder frames = new FrameDecoder(FrameDecoder.PRE_AUTH_MAX_LENGTH);
    private State state = State.PRE_AUTH;
    private Channel channel;
    private DecodeContext context = DecodeContext.SERVER;
    private boolean gameClient;
    /** Commands that arrived while the 0x0C00 checks ran (§3.2 sequencing); replayed once accepted. */
    private final List<ServerboundPacket> held = new ArrayList<>();
    /** Bytes the hub handed over for this connection and its I/O thread has not written yet. */
    private final java.util.concurrent.atomic.AtomicLong handedOver = new java.util.concurrent.atomic.AtomicLong();
    /** §3.9 keep-alive: when the connection last read and last flushed, and the one timer for both. Event loop only. */
    private long lastReadNanos;
    private long lastFlushNanos;
    private io.netty.util.concurrent.ScheduledFuture<?> idleTimer;
    /** Set on the hub at registration; read on the event loop after activation. */
    private volatile ChatSession session;
    /** Hub thread only. */
    private boolean closedForHub;

    ChatConnection(ChatServer server) {
        this.server = server;
    }

    /** The frame stage before this handler: cuts frames with this connection's current size limit. */
    ByteToMessageDecoder frameStage() {
        return new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                if (state == State.CLOSED) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                try {
                    ByteBuf frame = frames.readFrame(in);
                    if (frame != null) {
                        out.add(frame);
                    }
                } catch (ProtocolDecodeException e) {
                    in.skipBytes(in.readableBytes());
                    refuse(e);
                }
            }
        };
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.executor().schedule(() -> {
            if (state != State.AUTHENTICATED && state != State.CLOSED) {
                LOG.debug("{}: not authenticated within the deadline, closed", remoteAddress());
                closeSilently();
            }
        }, server.config().authDeadlineSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf body = (ByteBuf) msg;
        try {
            if (state == State.CLOSED) {
                return;
            }
            PacketRegistry.Decoded<ServerboundPacket> decoded;
            try {
                decoded = Serverbound.REGISTRY.decode(body, context);
            } catch (ProtocolDecodeException e) {
                if (state == State.AUTHENTICATED) {
                    LOG.debug("{}: command ignored: {}", remoteAddress(), e.getMessage()); // §1.3 rules 3 and 7
                } else {
                    refuse(e); // §3.2: anything malformed before acceptance closes silently
                }
                return;
            }
            if (decoded.trailingBytes() > 0) {
                LOG.debug("{}: {} bytes after {} ignored", remoteAddress(), decoded.trailingBytes(),
                        decoded.packet().codec());
            }
            receive(decoded.packet());
        } finally {
            ReferenceCountUtil.release(body);
        }
    }

    private void receive(ServerboundPacket packet) {
        switch (state) {
            case PRE_AUTH:
                if (packet instanceof ClientConnect) {
                    authenticate((ClientConnect) packet);
                } else if (packet instanceof PingRequest) {
                    write(Pong.INSTANCE);
                    channel.flush();
                } else if (!(packet instanceof PongReply)) {
                    LOG.debug("{}: {} before authentication, closed", remoteAddress(), packet.codec());
                    closeSilently();
                }
                break;
            case AUTHENTICATING:
                held.add(packet);
                break;
            case AUTHENTICATED:
                if (packet instanceof PingRequest) {
                    // §3.9: the 4.10 client cannot parse 0x2A01; for it a ping only counts as activity
                    if (!gameClient) {
                        write(Pong.INSTANCE);
                        channel.flush();
                    }
                } else if (!(packet instanceof PongReply) && !(packet instanceof ClientConnect)) {
                    ChatSession target = session;
                    server.hub().execute(() -> server.domain().handle(target, packet));
                }
                break;
            default:
                break;
        }
    }

    /** §3.3-§3.4: stop reading, check off the loop, then register on the hub or reject. */
    private void authenticate(ClientConnect connect) {
        state = State.AUTHENTICATING;
        channel.config().setAutoRead(false);
        gameClient = connect.isGameClient();
        try {
            server.workers().execute(() -> {
                if (!channel.isActive()) {
                    return; // gone while the check waited (the client gave up, or the §3.3 deadline passed)
                }
                Authenticator.Verdict verdict;
                try {
                    verdict = server.authenticator().check(connect);
                } catch (RuntimeException e) {
                    LOG.warn("{}: authentication failed on the store: {}", remoteAddress(), e.toString());
                    verdict = Authenticator.Verdict.reject(RejectReason.UNKNOWN);
                }
                if (!verdict.accepted()) {
                    RejectReason reason = verdict.reject();
                    channel.eventLoop().execute(() -> reject(reason));
                    return;
                }
                var account = verdict.account();
                var profile = verdict.profile();
                server.hub().execute(() -> {
                    if (closedForHub || !channel.isActive()) {
                        return;
                    }
                    String region = connect.tail() instanceof ClientConnect.GameClientInfo
                            ? ((ClientConnect.GameClientInfo) connect.tail()).region() : "";
                    session = new ChatSession(account, gameClient, region, connect.cookie(),
                            connect.initialChatMode() == ChatMode.INVISIBLE, this);
                    server.domain().register(session, profile);
                    ChatSession registered = session;
                    channel.eventLoop().execute(() -> activate(registered));
                });
            });
        } catch (RejectedExecutionException busy) {
            reject(RejectReason.UNKNOWN);
        }
    }

    private void reject(RejectReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        channel.writeAndFlush(encode(new AuthRejected(reason))).addListener(ChannelFutureListener.CLOSE);
    }

    /** Accepted (§3.7 sent by the hub): larger frames, keep-alive, and the commands held meanwhile. */
    private void activate(ChatSession registered) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        state = State.AUTHENTICATED;
        frames.setMaxLength(FrameDecoder.MAX_LENGTH);
        context = DecodeContext.server(registered.accountId, !gameClient);
        // §3.9: reading and writing idle from our own clocks (channelReadComplete, flush) and one timer, not
        // Netty's IdleStateHandler: its writer mode adds a promise and a listener to every write, and as a
        // pipeline stage it is one more hop per write and a handler, context and timer per session
        lastReadNanos = System.nanoTime();
        lastFlushNanos = lastReadNanos;
        scheduleIdleCheck(Math.min(readIdleLimitNanos(), writeIdleLimitNanos()));
        for (ServerboundPacket packet : held) {
            if (packet instanceof ClientConnect) {
                closeSilently(); // §3.2: a second 0x0C00
                return;
            }
            receive(packet);
        }
        held.clear();
        channel.config().setAutoRead(true);
    }

    /**
     * Notes the time of every flush (§3.9). The only outbound operation this handler overrides, so Netty lets
     * writes skip it.
     */
    @Override
    public void flush(ChannelHandlerContext ctx) {
        lastFlushNanos = System.nanoTime();
        ctx.flush();
    }

    /** Every socket read ends here, whole frame or not, so a slow large frame counts as activity (§3.9). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    private long readIdleLimitNanos() {
        return TimeUnit.SECONDS.toNanos(server.config().readIdleTimeoutSeconds());
    }

    private long writeIdleLimitNanos() {
        return TimeUnit.SECONDS.toNanos(server.config().pingAfterWriteIdleSeconds());
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = channel.eventLoop().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * §3.9: nothing read for 120 s (configurable) closes the session; nothing written for 20 s sends a ping.
     * Otherwise look again when the nearer of the two could be due.
     */
    private void checkIdle() {
        if (!channel.isActive() || state == State.CLOSED) {
            return;
        }
        long readLimit = readIdleLimitNanos();
        long writeLimit = writeIdleLimitNanos();
        long now = System.nanoTime();
        long untilReadIdle = readLimit - (now - lastReadNanos);
        if (untilReadIdle <= 0) {
            LOG.debug("{}: nothing read for {} s, closed", remoteAddress(), server.config().readIdleTimeoutSeconds());
            closeSilently();
            return;
        }
        if (now - lastFlushNanos >= writeLimit) {
            write(Ping.INSTANCE);
            channel.flush(); // through flush() above: restarts the write-idle clock
        }
        long untilWriteIdle = writeLimit - (System.nanoTime() - lastFlushNanos);
        scheduleIdleCheck(Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(untilReadIdle, untilWriteIdle)));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        held.clear();
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        server.hub().execute(() -> {
            closedForHub = true;
            if (session != null) {
                server.domain().disconnected(session);
            }
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: connection error: {}", remoteAddress(), cause.toString());
        closeSilently();
    }

    private void refuse(ProtocolDecodeException e) {
        LOG.debug("{}: closed: {}", remoteAddress(), e.getMessage());
        closeSilently();
    }

    private void closeSilently() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            channel.close();
        }
    }

    private void write(ClientboundPacket packet) {
        channel.write(encode(packet), channel.voidPromise());
    }

    private ByteBuf encode(ClientboundPacket packet) {
        return FrameEncoder.encode(channel.alloc(), packet);
    }

    // ---- SessionLink, called on this connection's event loop by the hub's batches ----

    @Override
    public java.util.concurrent.Executor executor() {
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
        // frames still in the hub's hand-over tasks, then what Netty holds for the socket (§4 slow consumers): a
        // connection whose I/O thread is far behind must not hide its backlog in the task queue
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return handedOver.get() + (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }
}
