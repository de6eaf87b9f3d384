package org.honchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.link.ChatToMatchServer;
import org.honchat.protocol.link.LinkPacket;
import org.honchat.protocol.link.LinkPing;
import org.honchat.protocol.link.LinkPong;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.server.domain.matchmaking.ManagerSession;
import org.honchat.server.domain.matchmaking.MatchServer;
import org.honchat.server.domain.matchmaking.Matchmaking;
import org.honchat.server.domain.matchmaking.ServerLink;
import org.honchat.server.store.ServerRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One match-server or manager connection (docs/protocol.md §9.5.1, §9.5.2, §9.5.8, §9.6): framing with the 1024/16384
 * limits, the connect checks, pings answered on the I/O thread at once, and every other command handed to the hub.
 */
final class LinkConnection extends ChannelInboundHandlerAdapter implements ServerLink {

    private static final Logger LOG = LoggerFactory.getLogger(LinkConnection.class);

    /** Commands that may arrive while the cookie is being checked; more than this is hostile. */
    private static final int MAX_HELD = 64;

    private enum Phase { NEW, CHECKING, AUTHENTICATED, CLOSED }

    private final LinkListener.Services services;
    private final boolean matchServerLink;
    private final PacketRegistry<LinkPacket> inbound;
    private final FrameDecoder frames = new FrameDecoder(FrameDecoder.PRE_AUTH_MAX_LENGTH);
    private final List<LinkPacket> held = new ArrayList<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;
    private volatile Phase phase = Phase.NEW;
    /** The hub's session object once accepted (a MatchServer or a ManagerSession); set on the hub. */
    private volatile Object session;
    private long id;

    LinkConnection(LinkListener.Services services) {
        this.services = services;
        this.matchServerLink = services.kind() == LinkListener.Kind.MATCH_SERVER;
        this.inbound = matchServerLink ? MatchServerPackets.FROM_MATCH_SERVER : ManagerPackets.FROM_MANAGER;
    }

    /** Cuts frames; a declared length above the limit closes the connection (§9.5.1). */
    ByteToMessageDecoder frameStage() {
        return new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                if (phase == Phase.CLOSED) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                try {
                    ByteBuf frame;
                    while ((frame = frames.readFrame(in)) != null) {
                        out.add(frame);
                    }
                } catch (ProtocolDecodeException e) {
                    LOG.debug("{}: {}; closed", peer(), e.getMessage());
                    in.skipBytes(in.readableBytes());
                    closeNow();
                }
            }
        };
    }

    private Matchmaking matchmaking() {
        return services.chat().domain().matchmaking();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        int seconds = matchServerLink ? services.config().matchserver().authDeadlineSeconds()
                : services.config().manager().authDeadlineSeconds();
        deadline = ctx.executor().schedule(() -> {
            if (phase != Phase.AUTHENTICATED) {
                LOG.debug("{}: no connect within {} s; closed", peer(), seconds);
                closeNow();
            }
        }, seconds, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf body = (ByteBuf) msg;
        LinkPacket packet;
        try {
            packet = inbound.decode(body, DecodeContext.SERVER).packet();
        } catch (ProtocolDecodeException e) {
            if (phase != Phase.AUTHENTICATED) {
                LOG.debug("{}: {} before authentication; closed", peer(), e.getMessage());
                closeNow();
            } else {
                LOG.debug("{}: {}; dropped", peer(), e.getMessage());
            }
            return;
        } finally {
            ReferenceCountUtil.release(body);
        }
        if (packet instanceof LinkPing) {
            // §9.5.8: answered at once, on this thread, ahead of anything queued
            ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), LinkPong.INSTANCE), ctx.voidPromise());
            return;
        }
        switch (phase) {
            case NEW -> connect(packet);
            case CHECKING -> {
                if (held.size() >= MAX_HELD) {
                    closeNow();
                } else {
                    held.add(packet);
                }
            }
            case AUTHENTICATED -> authenticated(packet);
            default -> { }
        }
    }

    /** §9.5.2 and §9.6: the first command must be the connect; checks 1-4 here, the rest on the hub. */
    private void connect(LinkPacket packet) {
        long protocol;
        String cookie;
        if (packet instanceof MatchServerPackets.Connect c) {
            id = c.serverId();
            cookie = c.cookie();
            protocol = c.protocol();
            if (protocol != MatchServerPackets.PROTOCOL) {
                reject(ChatToMatchServer.Reject.BAD_VERSION);
                return;
            }
        } else if (packet instanceof ManagerPackets.Connect c) {
            id = c.managerId();
            cookie = c.cookie();
            protocol = c.protocol();
            if (protocol != 68 && protocol != 70) {
                reject(ChatToMatchServer.Reject.BAD_VERSION);
                return;
            }
        } else {
            LOG.debug("{}: {} before the connect; closed", peer(), packet.codec());
            closeNow();
            return;
        }
        phase = Phase.CHECKING;
        try {
            services.workers().execute(() -> checkCookie(cookie));
        } catch (RejectedExecutionException busy) {
            closeNow();
        }
    }

    /** Worker thread: the cookie names a registration of this kind and id whose host account is a server. */
    private void checkCookie(String cookie) {
        ServerRegistration.Kind kind = matchServerLink ? ServerRegistration.Kind.MATCH_SERVER
                : ServerRegistration.Kind.MANAGER;
        Optional<ServerRegistration> registration;
        boolean hostOk;
        try {
            registration = services.store().byCookie(cookie).filter(r -> r.kind() == kind && r.id() == id);
            hostOk = registration.flatMap(r -> services.accounts().findById(r.hostAccountId()))
                    .map(a -> a.type() == AccountType.SERVER).orElse(false);
        } catch (RuntimeException e) {
            LOG.warn("{}: the registration could not be read: {}", peer(), e.toString());
            onLoop(ctx, this::closeNow);
            return;
        }
        if (registration.isEmpty() || !hostOk) {
            LOG.info("{} {} refused: bad cookie or host account", matchServerLink ? "match server" : "manager", id);
            onLoop(ctx, () -> reject(ChatToMatchServer.Reject.AUTH_FAILED));
            return;
        }
        ServerRegistration r = registration.get();
        services.chat().onHub(() -> {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (matchServerLink) {
                matchmaking().serverConnected(id, cookie, r.ip(), r.port(), this);
            } else {
                matchmaking().managerConnected(id, this);
            }
        });
    }

    /** Hub thread: accepted as {@code hubSession}; the accept the hub sends next is queued behind this. */
    @Override
    public void opened(Object hubSession) {
        session = hubSession;
        onLoop(ctx, this::accepted);
    }

    /** Runs on the connection's event loop; a loop already shut down (the server stopping) drops the task. */
    private static void onLoop(ChannelHandlerContext c, Runnable task) {
        try {
            c.executor().execute(task);
        } catch (RejectedExecutionException stopping) {
            // the connection is being closed with its event loop
        }
    }

    /** I/O thread, before the accept is written. */
    private void accepted() {
        if (phase == Phase.CLOSED) {
            // closed while the hub accepted it: the hub must forget it too
            lost();
            return;
        }
        phase = Phase.AUTHENTICATED;
        frames.setMaxLength(FrameDecoder.MAX_LENGTH);
        if (deadline != null) {
            deadline.cancel(false);
        }
        held.forEach(this::authenticated);
        held.clear();
    }

    private void authenticated(LinkPacket packet) {
        if (packet instanceof MatchServerPackets.Disconnect || packet instanceof ManagerPackets.Disconnect) {
            closeNow();
            return;
        }
        if (packet instanceof LinkPong) {
            return;
        }
        Object s = session;
        services.chat().onHub(() -> {
            if (s instanceof MatchServer server) {
                matchmaking().fromServer(server, packet);
            } else if (s instanceof ManagerSession manager) {
                matchmaking().fromManager(manager, packet);
            }
        });
    }

    private void reject(int reason) {
        phase = Phase.CLOSED;
        LinkPacket reply = matchServerLink ? new ChatToMatchServer.Reject(reason)
                : new ManagerPackets.Reject(reason);
        ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), reply)).addListener(ChannelFutureListener.CLOSE);
    }

    private void closeNow() {
        phase = Phase.CLOSED;
        if (ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                LOG.info("{}: nothing read for too long; closed", peer());
                closeNow();
            } else if (idle.state() == IdleState.WRITER_IDLE && phase == Phase.AUTHENTICATED) {
                send(LinkPing.INSTANCE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phase = Phase.CLOSED;
        if (deadline != null) {
            deadline.cancel(false);
        }
        lost();
        ctx.fireChannelInactive();
    }

    /** §9.5.9 link loss (and its manager equivalent), on the hub. */
    private void lost() {
        Object s = session;
        if (s == null) {
            return;
        }
        services.chat().onHub(() -> {
            if (s instanceof MatchServer server) {
                matchmaking().serverLost(server);
            } else if (s instanceof ManagerSession manager) {
                matchmaking().managerLost(manager);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: {}; closed", peer(), cause.toString());
        closeNow();
    }

    // ---- ServerLink, called from the hub ----

    @Override
    public void send(LinkPacket packet) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        // an explicit task, so it stays in order with opened() and close(), which are tasks too
        onLoop(c, () -> {
            if (c.channel().isActive()) {
                c.writeAndFlush(FrameEncoder.encode(c.alloc(), packet), c.voidPromise());
            }
        });
    }

    @Override
    public void close() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            onLoop(c, () -> {
                phase = Phase.CLOSED;
                c.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            });
        }
    }

    @Override
    public String peerHost() {
        ChannelHandlerContext c = ctx;
        return c != null && c.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "";
    }

    private String peer() {
        return (matchServerLink ? "match-server link " : "manager link ") + peerHost();
    }

    @Override
    public String toString() {
        return peer();
    }
}
