package org.honchat.server.chat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
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
import org.honchat.server.net.Transports;
import org.honchat.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat port (PROTOCOL.md §3): the listener, the hub and the chat rules. */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    private final ServerConfig.ChatConfig config;
    private final ExecutorService workers;
    private final Hub hub;
    private final StoreGateway store;
    private final ChatDomain domain;
    private final Authenticator authenticator;
    private final ChannelGroup connections = new DefaultChannelGroup("chat", GlobalEventExecutor.INSTANCE);
    private final EventLoopGroup group;
    private Channel listener;

    public ChatServer(ServerConfig config, Database database, AuthHash authHash, ExecutorService workers,
            ScheduledExecutorService timers, LoginService loginService, Clock clock) {
        this.config = config.chat();
        this.workers = workers;
        this.hub = new Hub(PooledByteBufAllocator.DEFAULT);
        this.store = new StoreGateway(database.accounts(), database.channels(), database.social(), workers, hub);
        this.domain = new ChatDomain(this.config, hub, store, clock,
                (delay, task) -> timers.schedule(() -> hub.execute(task), delay, TimeUnit.MILLISECONDS),
                database.channels().loadAll());
        this.authenticator = new Authenticator(this.config, database.accounts(), database.sessions(),
                database.social(), authHash, clock);
        this.group = Transports.group("honchat-chat", 0);
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
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
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

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        hub.close();
        store.close();
    }
}
