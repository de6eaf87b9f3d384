package org.honchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
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
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.server.domain.CommandTable;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.session.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat connection on its event loop (docs/protocol.md §3.2, §3.9). Each state of the connection is its own handler
 * ({@link PreAuth}, {@link Authenticating}, {@link Authenticated}, {@link Closed}); what a command may do in a state
 * comes from its {@link CommandTable} row. Accepted commands go to the hub in arrival order; nothing here touches
 * chat state. The state is the one "closed" truth: the hub reads it before registering a session.
 */
final class ChatConnection extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);

    /** What the connection does with a command in its current state. */
    private interface State {
        void receive(ServerboundPacket packet, CommandTable.Command row);
    }

    private final ConnectionServices services;
    private final FrameDecoder frames = new FrameDecoder(FrameDecoder.PRE_AUTH_MAX_LENGTH);
    private final State closed = new Closed();
    /** Written on the event loop, read by the hub when it registers the session. */
    private volatile State state = new PreAuth();
    private Channel channel;
    private DecodeContext context = DecodeContext.SERVER;
    /** Set on the hub at registration; read on the event loop and by the hub at disconnect. */
    private volatile ChatSession session;
    /** §3.9 keep-alive: when the connection last read and last flushed, and the one timer for both. Event loop only. */
    private long lastReadNanos;
    private long lastFlushNanos;
    private ScheduledFuture<?> idleTimer;
    /** Cluster mode, hub on another node: this connection's id at the gateway, else 0. Event loop only. */
    private long remoteId;
    private ClusterGateway gateway;
    /** Where the gateway writes this connection's output (cluster mode); event loop only. */
    private ConnectionLink link;
    private boolean counted;

    ChatConnection(ConnectionServices services) {
        this.services = services;
    }

    /** The frame stage before this handler: cuts frames with this connection's current size limit. */
    ByteToMessageDecoder frameStage() {
        return new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                if (state == closed) {
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
            if (state instanceof PreAuth || state instanceof Authenticating) {
                LOG.debug("{}: not authenticated within the deadline, closed", channel.remoteAddress());
                closeSilently();
            }
        }, services.config().authDeadlineSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf body = (ByteBuf) msg;
        try {
            if (state == closed) {
                return;
            }
            PacketRegistry.Decoded<ServerboundPacket> decoded;
            try {
                decoded = Serverbound.REGISTRY.decode(body, context);
            } catch (ProtocolDecodeException e) {
                if (state instanceof Authenticated) {
                    LOG.debug("{}: command ignored: {}", channel.remoteAddress(), e.getMessage()); // §1.3 rules 3, 7
                } else {
                    refuse(e); // §3.2: anything malformed before acceptance closes silently
                }
                return;
            }
            if (decoded.trailingBytes() > 0) {
                LOG.debug("{}: {} bytes after {} ignored", channel.remoteAddress(), decoded.trailingBytes(),
                        decoded.packet().codec());
            }
            receive(decoded.packet());
        } finally {
            ReferenceCountUtil.release(body);
        }
    }

    private void receive(ServerboundPacket packet) {
        state.receive(packet, services.commands().row(packet.codec().id()));
    }

    /** §3.2: only the rows allowed before login; anything else closes silently. */
    private final class PreAuth implements State {
        @Override
        public void receive(ServerboundPacket packet, CommandTable.Command row) {
            if (!row.beforeLogin()) {
                LOG.debug("{}: {} before authentication, closed", channel.remoteAddress(), packet.codec());
                closeSilently();
            } else if (packet instanceof ClientConnect connect) {
                authenticate(connect);
            } else if (packet instanceof PingRequest) {
                write(Pong.INSTANCE);
                channel.flush();
            }
        }
    }

    /** §3.2 sequencing: the checks run; what arrives meanwhile is held and replayed once accepted. */
    private final class Authenticating implements State {
        final boolean gameClient;
        final List<ServerboundPacket> held = new ArrayList<>();

        Authenticating(boolean gameClient) {
            this.gameClient = gameClient;
        }

        @Override
        public void receive(ServerboundPacket packet, CommandTable.Command row) {
            held.add(packet);
        }
    }

    /** Accepted: commands for the hub go there in order; keep-alive is answered here (§3.9). */
    private final class Authenticated implements State {
        final boolean gameClient;

        Authenticated(boolean gameClient) {
            this.gameClient = gameClient;
        }

        @Override
        public void receive(ServerboundPacket packet, CommandTable.Command row) {
            switch (row.route()) {
                case HUB -> {
                    if (remoteId != 0) {
                        gateway.command(remoteId, packet);
                    } else {
                        ChatSession target = session;
                        services.hub().execute(() -> services.domain().handle(target, packet));
                    }
                }
                case CONNECTION -> {
                    // §3.9: the 4.10 client cannot parse 0x2A01, so for it a ping only counts as activity; a second
                    // 0x0C00 and a pong are activity too
                    if (packet instanceof PingRequest && !gameClient) {
                        write(Pong.INSTANCE);
                        channel.flush();
                    }
                }
                case IGNORED -> {
                    // accepted and ignored in this phase (§1.3 rule 7)
                }
            }
        }
    }

    /** Closed, or closing: nothing more is read. */
    private static final class Closed implements State {
        @Override
        public void receive(ServerboundPacket packet, CommandTable.Command row) {
        }
    }

    /** §3.3-§3.4: stop reading, check off the loop, then register on the hub or reject. */
    private void authenticate(ClientConnect connect) {
        Authenticating checking = new Authenticating(connect.isGameClient());
        state = checking;
        channel.config().setAutoRead(false);
        ClusterGateway remote = services.remoteHub();
        if (remote != null) {
            // the hub node checks the login and registers the session; its answer comes back through the gateway
            gateway = remote;
            link = new ConnectionLink(channel);
            remoteId = remote.connect(this, String.valueOf(channel.remoteAddress()), connect);
            if (remoteId == 0) {
                reject(RejectReason.UNKNOWN); // no node holds the hub at the moment
            }
            return;
        }
        try {
            services.workers().execute(() -> {
                if (state != checking) {
                    return; // gone while the check waited (the client gave up, or the §3.3 deadline passed)
                }
                Authenticator.Verdict verdict;
                try {
                    verdict = services.authenticator().check(connect);
                } catch (RuntimeException e) {
                    LOG.warn("{}: authentication failed on the store: {}", channel.remoteAddress(), e.toString());
                    verdict = Authenticator.Verdict.reject(RejectReason.UNKNOWN);
                }
                if (verdict.accepted()) {
                    Authenticator.Verdict accepted = verdict;
                    services.hub().execute(() -> register(connect, checking, accepted));
                } else {
                    RejectReason reason = verdict.reject();
                    channel.eventLoop().execute(() -> reject(reason));
                }
            });
        } catch (RejectedExecutionException busy) {
            reject(RejectReason.UNKNOWN);
        }
    }

    /** On the hub: unless the connection went meanwhile, the session joins the chat (§3.7 is sent there). */
    private void register(ClientConnect connect, Authenticating checking, Authenticator.Verdict verdict) {
        if (state != checking) {
            return;
        }
        String region = connect.tail() instanceof ClientConnect.GameClientInfo info ? info.region() : "";
        ChatSession registered = new ChatSession(verdict.account(), checking.gameClient, region, connect.cookie(),
                connect.initialChatMode() == ChatMode.INVISIBLE, new ConnectionLink(channel));
        session = registered;
        services.domain().register(registered, verdict.profile());
        channel.eventLoop().execute(() -> activate(checking, registered.accountId));
    }

    /** Cluster mode: the hub node accepted this connection's login (its §3.7 output follows). Event loop. */
    void remoteAccepted(long accountId, boolean gameClient) {
        if (state instanceof Authenticating checking && checking.gameClient == gameClient) {
            activate(checking, accountId);
        }
    }

    /** Cluster mode: the hub node refused the login. Event loop. */
    void remoteRejected(RejectReason reason) {
        if (state instanceof Authenticating) {
            reject(reason);
        }
    }

    /**
     * Cluster mode: where the gateway writes this connection's output; set before the gateway knows the connection.
     */
    ConnectionLink link() {
        return link;
    }

    java.util.concurrent.Executor eventLoop() {
        return channel.eventLoop();
    }

    /** Cluster mode: unread output passed the limit; true if this closed it. Any thread. */
    boolean closeSlowConsumer() {
        if (state == closed) {
            return false;
        }
        LOG.debug("{} did not read its output, closed", channel.remoteAddress());
        state = closed;
        channel.close();
        return true;
    }

    /** Cluster mode: the session behind this connection is gone with its hub; the connection closes. Any thread. */
    void closeFromCluster() {
        state = closed;
        channel.close();
    }

    private void reject(RejectReason reason) {
        if (state == closed) {
            return;
        }
        state = closed;
        services.metrics().chatRejected(reason.name().toLowerCase(java.util.Locale.ROOT),
                String.valueOf(channel.remoteAddress()));
        channel.writeAndFlush(encode(new AuthRejected(reason))).addListener(ChannelFutureListener.CLOSE);
    }

    /** Accepted (§3.7 sent by the hub): larger frames, keep-alive, and the commands held meanwhile. */
    private void activate(Authenticating checking, long accountId) {
        if (state != checking) {
            return;
        }
        state = new Authenticated(checking.gameClient);
        counted = true;
        services.sessionsHere().incrementAndGet();
        frames.setMaxLength(FrameDecoder.MAX_LENGTH);
        context = DecodeContext.server(accountId, !checking.gameClient);
        // §3.9: reading and writing idle from our own clocks (channelReadComplete, flush) and one timer, not
        // Netty's IdleStateHandler: its writer mode adds a promise and a listener to every write, and as a
        // pipeline stage it is one more hop per write and a handler, context and timer per session
        lastReadNanos = System.nanoTime();
        lastFlushNanos = lastReadNanos;
        scheduleIdleCheck(Math.min(readIdleLimitNanos(), writeIdleLimitNanos()));
        for (ServerboundPacket packet : checking.held) {
            if (packet instanceof ClientConnect) {
                closeSilently(); // §3.2: a second 0x0C00
                return;
            }
            receive(packet);
        }
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
        return TimeUnit.SECONDS.toNanos(services.config().readIdleTimeoutSeconds());
    }

    private long writeIdleLimitNanos() {
        return TimeUnit.SECONDS.toNanos(services.config().pingAfterWriteIdleSeconds());
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = channel.eventLoop().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * §3.9: nothing read for 120 s (configurable) closes the session; nothing written for 20 s sends a ping.
     * Otherwise look again when the nearer of the two could be due.
     */
    private void checkIdle() {
        if (state == closed) {
            return;
        }
        long readLimit = readIdleLimitNanos();
        long writeLimit = writeIdleLimitNanos();
        long now = System.nanoTime();
        long untilReadIdle = readLimit - (now - lastReadNanos);
        if (untilReadIdle <= 0) {
            LOG.debug("{}: nothing read for {} s, closed", channel.remoteAddress(),
                    services.config().readIdleTimeoutSeconds());
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
        state = closed;
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        if (counted) {
            counted = false;
            services.sessionsHere().decrementAndGet();
        }
        if (remoteId != 0) {
            gateway.closed(remoteId);
            ctx.fireChannelInactive();
            return;
        }
        services.hub().execute(() -> {
            ChatSession gone = session;
            if (gone != null) {
                services.domain().disconnected(gone);
            }
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: connection error: {}", ctx.channel().remoteAddress(), cause.toString());
        closeSilently();
    }

    private void refuse(ProtocolDecodeException e) {
        LOG.debug("{}: closed: {}", channel.remoteAddress(), e.getMessage());
        closeSilently();
    }

    private void closeSilently() {
        if (state != closed) {
            state = closed;
            channel.close();
        }
    }

    private void write(ClientboundPacket packet) {
        channel.write(encode(packet), channel.voidPromise());
    }

    private ByteBuf encode(ClientboundPacket packet) {
        return FrameEncoder.encode(channel.alloc(), packet);
    }
}
