package org.honchat.server.chat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.login.AuthHash;
import org.honchat.server.login.LoginService;
import org.honchat.server.net.Metrics;
import org.honchat.server.net.Transports;
import org.honchat.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat port (PROTOCOL.md §3): the listener, the hub and the chat rules. */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    private final ServerConfig.ChatConfig config;
    private final ServerConfig.LimitsConfig limits;
    private final ConnectionGuard guard;
    private final ExecutorService workers;
    private final Hub hub;
    private final StoreGateway store;
    private final ChatDomain domain;
    private final Authenticator authenticator;
    private final ChannelGroup connections = new DefaultChannelGroup("chat", GlobalEventExecutor.INSTANCE);
    private final EventLoopGroup group;
    private Channel listener;

    public ChatServer(ServerConfig config, Database database, AuthHash authHash, ExecutorService workers,
            ScheduledExecutorService timers, LoginService loginService, Clock clock, Metrics metrics) {
        this.config = config.chat();
        this.limits = config.limits();
        this.workers = workers;
        this.guard = new ConnectionGuard(config.limits(), metrics);
        this.hub = new Hub(PooledByteBufAllocator.DEFAULT, config.limits().maxPendingOutputBytes());
        this.store = new StoreGateway(database.accounts(), database.channels(), database.social(), workers, hub);
        this.domain = new ChatDomain(this.config, hub, store, clock,
                (delay, task) -> timers.schedule(() -> hub.execute(task), delay, TimeUnit.MILLISECONDS),
                database.channels().loadAll(), metrics);
        hub.onOverload(domain::overloaded);
        this.authenticator = new Authenticator(this.config, database.accounts(), database.sessions(),
                database.social(), authHash, clock);
        // one I/O thread per core by default, not Netty's two per core: on a busy fan-out the extra threads only
        // compete for the same cores (docs/performance.md)
        this.group = Transports.group("honchat-chat", config.limits().chatIoThreadsOrCores());
        loginService.onLogout(cookie -> hub.execute(() -> domain.closeByCookie(cookie)));
        int interval = this.config.playerCountIntervalSeconds();
        if (interval > 0) {
            timers.scheduleAtFixedRate(() -> hub.execute(domain::broadcastPlayerCount), interval, interval,
                    TimeUnit.SECONDS);
        }
    }

    public void start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        limits.maxPendingOutputBytes() / 4, limits.maxPendingOutputBytes() / 2))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!guard.admit(ch)) {
                            return;
                        }
                        connections.add(ch);
                        ChatConnection connection = new ChatConnection(ChatServer.this);
                        ch.pipeline().addLast("frames", connection.frameStage()).addLast("session", connection);
                    }
                });
        listener = bootstrap.bind(config.bindAddress(), config.clientPort()).sync().channel();
        LOG.info("chat server listening on {}:{}", config.bindAddress(), port());
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    ServerConfig.ChatConfig config() {
        return config;
    }

    Hub hub() {
        return hub;
    }

    ChatDomain domain() {
        return domain;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    ExecutorService workers() {
        return workers;
    }

    /** Stops accepting, cleans up and closes every session (their output flushed), then stops the threads. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        hub.execute(() -> {
            domain.closeAll();
            closed.countDown();
        });
        try {
            closed.await(limits.shutdownSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly(limits.shutdownSeconds(), TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        hub.close();
        store.close();
    }
}
