package org.honchat.server.net;

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
import java.util.concurrent.CompletableFuture;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.honchat.server.cluster.HubCalls;
import org.honchat.server.cluster.RedisCoordinator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.login.AuthHash;
import org.honchat.server.login.ChatBridge;
import org.honchat.server.login.LoginService;
import org.honchat.server.domain.ChatDomain;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.LocalDirectory;
import org.honchat.server.domain.core.Scheduler;
import org.honchat.server.domain.matchmaking.FirstComeBroker;
import org.honchat.server.domain.matchmaking.Matchmaking;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.session.Authenticator;
import org.honchat.server.hub.Hub;
import org.honchat.server.hub.HubOutbox;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat port (docs/protocol.md §3): the listener, and the hub and chat rules it feeds. */
public final class ChatServer implements ChatBridge, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    private final ServerConfig.ChatConfig config;
    private final ServerConfig.LimitsConfig limits;
    private final ConnectionGuard guard;
    private final Hub hub;
    private final LocalDirectory directory = new LocalDirectory();
    private final StoreGateway store;
    private final ChatDomain domain;
    private final ConnectionServices services;
    private final ChannelGroup connections = new DefaultChannelGroup("chat", GlobalEventExecutor.INSTANCE);
    private final EventLoopGroup group;
    private final ExecutorService brokerThread;
    private final ServerConfig.ClusterConfig clusterConfig;
    private final String advertisedHost;
    private final int advertisedPort;
    private final Authenticator authenticator;
    private final ExecutorService workers;
    private final AtomicReference<ClusterGateway> gateway = new AtomicReference<>();
    private final AtomicInteger sessionsHere = new AtomicInteger();
    private final Metrics metrics;
    private Channel listener;
    /** Cluster mode only, set once at start. */
    private ClusterNode cluster;

    public ChatServer(ServerConfig config, Database database, AuthHash authHash, ExecutorService workers,
            ScheduledExecutorService timers, LoginService loginService, Clock clock, Metrics metrics) {
        this.config = config.chat();
        this.limits = config.limits();
        this.clusterConfig = config.cluster();
        this.advertisedHost = config.login().chatUrl();
        this.advertisedPort = config.login().chatPort();
        this.workers = workers;
        this.guard = new ConnectionGuard(config.limits(), metrics);
        this.metrics = metrics;
        this.hub = new Hub(PooledByteBufAllocator.DEFAULT, config.limits().maxPendingOutputBytes(),
                config.limits().flushDelayMicros());
        metrics.countDeliveries(hub::delivered);
        this.store = new StoreGateway(database.accounts(), database.channels(), database.social(), workers,
                StoreGateway.writerThread(), hub::execute);
        HubOutbox outbox = new HubOutbox(hub, directory);
        Scheduler scheduler = (delay, task) -> timers.schedule(() -> hub.execute(task), delay, TimeUnit.MILLISECONDS);
        // the broker runs on its own thread so a cycle never stalls chat (§9.4.3); its result comes back to the hub
        this.brokerThread = Executors.newSingleThreadExecutor(
                new io.netty.util.concurrent.DefaultThreadFactory("honchat-broker", true));
        Matchmaking matchmaking = new Matchmaking(config, outbox, directory, clock, scheduler, new SecureRandom(),
                new FirstComeBroker(), brokerThread, hub::execute, metrics);
        this.domain = new ChatDomain(this.config, outbox, directory, store, clock, scheduler, matchmaking,
                database.channels().loadAll(), metrics);
        hub.onOverload(domain::overloaded);
        this.authenticator = new Authenticator(this.config, database.accounts(), database.sessions(),
                database.social(), database.matchmaking(), authHash, clock);
        this.services = new ConnectionServices(this.config, domain.commands(), hub, domain, authenticator, workers,
                metrics, gateway, sessionsHere);
        // the channel count for /metrics, read where the channels live
        timers.scheduleAtFixedRate(() -> hub.execute(() -> metrics.channelsOpen().set(
                directory.channelsFrom(0).size())), 1, 1, TimeUnit.SECONDS);
        // one I/O thread per core by default, not Netty's two per core: on a busy fan-out the extra threads only
        // compete for the same cores (docs/performance.md)
        this.group = Transports.group("honchat-chat", config.limits().chatIoThreadsOrCores());
        loginService.onLogout(this::loggedOut);
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
                        ChatConnection connection = new ChatConnection(services);
                        ch.pipeline().addLast("frames", connection.frameStage()).addLast("session", connection);
                    }
                });
        listener = bootstrap.bind(config.bindAddress(), config.clientPort()).sync().channel();
        LOG.info("chat server listening on {}:{}", config.bindAddress(), port());
    }

    /**
     * Cluster mode (docs/cluster.md), once every listener runs (the heartbeat names their ports): this node joins
     * the cluster ({@link ClusterNode}); nothing on a single node.
     */
    public void joinCluster(int matchServerPort, int managerPort) {
        if (!clusterConfig.enabled()) {
            return;
        }
        String host = !advertisedHost.isEmpty() ? advertisedHost
                : address().getAddress().isAnyLocalAddress() ? "" : address().getAddress().getHostAddress();
        int chatPort = advertisedPort != 0 ? advertisedPort : port();
        ServerConfig.ClusterConfig node = clusterConfig.withNodeId(clusterConfig.nodeId().isEmpty()
                ? defaultNodeId(port()) : clusterConfig.nodeId());
        cluster = new ClusterNode(node, new RedisCoordinator.NodeInfo(node.nodeId(), 0, host,
                chatPort, 0, matchServerPort, managerPort), hub, domain, directory, authenticator, workers, sessionsHere,
                limits.maxPendingOutputBytes(), metrics);
        gateway.set(cluster.gateway());
        registerHubCalls();
        cluster.start();
    }

    /** An unset {@code cluster.nodeId}: this machine's name and the chat port, unique per process on a machine. */
    private static String defaultNodeId(int chatPort) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + chatPort;
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    /** Cluster mode: {@code task} runs whenever a term ends here (the match-server links close then). */
    public void onTermEnd(Runnable task) {
        if (cluster != null) {
            cluster.onTermEnd(task);
        }
    }

    /**
     * Cluster placement (§8.6 chat_url/chat_port): the live node with the fewest sessions, or null to name this
     * node (not in cluster mode, placement {@code self}, or no node known yet). An empty host means "the host the
     * client reached the login service by".
     */
    public InetSocketAddress placement() {
        return cluster == null ? null : cluster.placement();
    }

    /** Cluster mode: the coordinator, for tests and operations; null on a single node. */
    public RedisCoordinator coordinator() {
        return cluster == null ? null : cluster.coordinator();
    }

    /** Logged-in connections on this node (in cluster mode, whichever node holds their session). */
    public int sessionsHere() {
        return sessionsHere.get();
    }

    public int port() {
        return address().getPort();
    }

    /** The address the chat listener is bound to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public CompletableFuture<Boolean> requestBuddy(long requesterId, long targetId) {
        if (hubElsewhere()) {
            return hubCalls().call("requestBuddy", Long.toString(requesterId), Long.toString(targetId))
                    .thenApply(Boolean::parseBoolean);
        }
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        hub.execute(() -> domain.requestBuddy(requesterId, targetId, verdict::complete));
        return verdict;
    }

    @Override
    public CompletableFuture<Void> removeBuddy(long accountId, long buddyId) {
        if (hubElsewhere()) {
            return hubCalls().call("removeBuddy", Long.toString(accountId), Long.toString(buddyId))
                    .thenApply(done -> null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        hub.execute(() -> domain.removeBuddy(accountId, buddyId, () -> done.complete(null)));
        return done;
    }

    @Override
    public CompletableFuture<Boolean> isOnline(long accountId) {
        if (hubElsewhere()) {
            return hubCalls().call("isOnline", Long.toString(accountId)).thenApply(Boolean::parseBoolean);
        }
        return query(directory -> directory.session(accountId) != null);
    }

    @Override
    public CompletableFuture<java.util.Set<Long>> rosterOf(long serverId) {
        if (hubElsewhere()) {
            return hubCalls().call("rosterOf", Long.toString(serverId)).thenApply(ChatServer::longs);
        }
        return query(directory -> domain.matchmaking().rosterOf(serverId));
    }

    /** §8.7: a logout closes the cookie's chat session, on whichever node holds the hub. */
    private void loggedOut(String cookie) {
        if (hubElsewhere()) {
            hubCalls().call("logout", cookie);
        } else {
            hub.execute(() -> domain.closeByCookie(cookie));
        }
    }

    private static java.util.Set<Long> longs(String list) {
        java.util.Set<Long> values = new java.util.HashSet<>();
        for (String value : list.split(",")) {
            if (!value.isEmpty()) {
                values.add(Long.parseLong(value));
            }
        }
        return values;
    }

    /** Cluster mode, and another node holds the hub: the chat state is there, not here. */
    public boolean hubElsewhere() {
        return cluster != null && cluster.hubElsewhere();
    }

    /** Cluster mode: requests to the hub node (null on a single node). */
    public HubCalls hubCalls() {
        return cluster == null ? null : cluster.calls();
    }

    /** What this node answers when it holds the hub and another node's login service asks. */
    private void registerHubCalls() {
        HubCalls hubCalls = cluster.calls();
        hubCalls.register("requestBuddy", args -> requestBuddy(Long.parseLong(args.get(0)),
                Long.parseLong(args.get(1))).thenApply(String::valueOf));
        hubCalls.register("removeBuddy", args -> removeBuddy(Long.parseLong(args.get(0)),
                Long.parseLong(args.get(1))).thenApply(done -> ""));
        hubCalls.register("isOnline", args -> isOnline(Long.parseLong(args.get(0))).thenApply(String::valueOf));
        hubCalls.register("rosterOf", args -> rosterOf(Long.parseLong(args.get(0))).thenApply(ids -> String.join(
                ",", ids.stream().map(String::valueOf).toList())));
        hubCalls.register("logout", args -> {
            loggedOut(args.get(0));
            return CompletableFuture.completedFuture("");
        });
    }

    /** Runs {@code task} on the hub thread, where the chat state (matchmaking included) lives. */
    public void onHub(Runnable task) {
        hub.execute(task);
    }

    public ChatDomain domain() {
        return domain;
    }

    /**
     * Runs a read of the chat state on the hub thread, where the state lives, and hands back its answer: how the
     * rest of the process (tests, operations) looks at who is online without sharing the state.
     */
    public <T> CompletableFuture<T> query(Function<Directory, T> read) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        hub.execute(() -> {
            try {
                answer.complete(read.apply(directory));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private void onHubAndWait(Runnable task) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        hub.execute(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        try {
            done.await(limits.shutdownSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, cleans up and closes every session (their output flushed), then stops the threads. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        ClusterNode node = cluster;
        if (node != null) {
            // a hub node's sessions on other nodes live on: the next hub node takes them over (docs/cluster.md)
            onHubAndWait(() -> domain.closeAll(session -> !node.livesElsewhere(session)));
        } else {
            onHubAndWait(domain::closeAll);
        }
        onHubAndWait(() -> { }); // the batch above has been handed to the I/O threads and to other nodes
        connections.close().awaitUninterruptibly(limits.shutdownSeconds(), TimeUnit.SECONDS);
        if (cluster != null) {
            // after the clean-up and this node's closed connections reached the hub node: then the lease and the
            // heartbeat go at once, and the other nodes take over without waiting for a timeout
            onHubAndWait(() -> { });
            cluster.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        hub.close();
        brokerThread.shutdownNow();
        store.close();
    }
}
