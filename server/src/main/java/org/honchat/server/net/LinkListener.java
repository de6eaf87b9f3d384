package org.honchat.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.MatchmakingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server-link port: match servers on 11032 (docs/protocol.md §9.5) or server managers on 11033 (§9.6). Each
 * connection is a {@link LinkConnection}; the cookie is checked on a worker thread, everything else happens on the
 * chat hub through {@link ChatServer#onHub}.
 */
public final class LinkListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkListener.class);

    /** Which link this is, with its timings. */
    public enum Kind { MATCH_SERVER, MANAGER }

    /** What a connection needs from the process. */
    record Services(Kind kind, ServerConfig config, ChatServer chat, MatchmakingStore store, AccountStore accounts,
            ExecutorService workers) {
    }

    private final Services services;
    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup("links", GlobalEventExecutor.INSTANCE);
    private Channel listener;

    public LinkListener(Kind kind, ServerConfig config, ChatServer chat, MatchmakingStore store,
            AccountStore accounts, ExecutorService workers, EventLoopGroup group) {
        this.services = new Services(kind, config, chat, store, accounts, workers);
        this.group = group;
    }

    public void start() throws InterruptedException {
        ServerConfig c = services.config();
        boolean matchServers = services.kind() == Kind.MATCH_SERVER;
        String bind = matchServers ? c.matchserver().bindAddress() : c.manager().bindAddress();
        int port = matchServers ? c.matchserver().port() : c.manager().port();
        int readIdle = matchServers ? c.matchserver().readIdleTimeoutSeconds() : c.manager().readIdleTimeoutSeconds();
        // §9.6: the chat server never pings managers (HoNfigurator does not answer; its own pings keep the link up)
        int writeIdle = matchServers ? c.matchserver().pingAfterWriteIdleSeconds() : 0;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (services.chat().hubElsewhere()) {
                            // cluster mode: matches live where the hub is; server_requester.php names that node
                            LOG.debug("{} link from {} refused: another node holds the hub", services.kind(),
                                    ch.remoteAddress());
                            ch.close();
                            return;
                        }
                        connections.add(ch);
                        LinkConnection connection = new LinkConnection(services);
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(readIdle, writeIdle, 0, TimeUnit.SECONDS))
                                .addLast("frames", connection.frameStage())
                                .addLast("link", connection);
                    }
                });
        listener = bootstrap.bind(bind, port).sync().channel();
        // cluster mode: the links belong to the hub this node held; when its term ends they go with it
        services.chat().onTermEnd(() -> connections.close());
        LOG.info("{} link listening on {}:{}", matchServers ? "match-server" : "manager", bind, port());
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
