package org.honchat.server;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.honchat.server.admin.AdminHttpServer;
import org.honchat.server.admin.AdminToken;
import org.honchat.server.admin.RunningServer;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.DataDirectory;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.config.Version;
import org.honchat.server.login.AuthHash;
import org.honchat.server.login.LoginHttpServer;
import org.honchat.server.login.LoginService;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.net.ChatServer;
import org.honchat.server.net.LinkListener;
import org.honchat.server.net.Transports;
import org.honchat.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server process: the store, the login service, the chat server and their threads ({@code honchat serve}). */
public final class HonchatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HonchatServer.class);

    private final ServerConfig config;
    private final Database database;
    private final AuthHash authHash;
    private final LoginService loginService;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService housekeeping;
    private final EventLoopGroup httpGroup;
    private final LoginHttpServer http;
    private final AdminHttpServer admin;
    private final ChatServer chat;
    private final EventLoopGroup linkGroup;
    private final LinkListener matchServers;
    private final LinkListener managers;
    private final Metrics metrics = new Metrics();
    private final ServerLock lock;
    /** Set by the first {@link #close}; later calls wait for that one instead of stopping twice. */
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private HonchatServer(ServerConfig config, ServerLock lock) {
        this.config = config;
        this.lock = lock;
        this.database = Database.open(config);
        this.authHash = AuthHash.load(config.chat().secret(), config.dataPath());
        this.loginService = new LoginService(config, database.accounts(), database.sessions(), database.social(),
                database.matchmaking(), authHash, new SecureRandom(), Clock.systemUTC());
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        // bounded: a login storm beyond this queue is answered 503 rather than buffered without limit
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096),
                new io.netty.util.concurrent.DefaultThreadFactory("honchat-worker", true));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                new io.netty.util.concurrent.DefaultThreadFactory("honchat-housekeeping", true));
        this.httpGroup = Transports.group("honchat-http", 1);
        this.http = new LoginHttpServer(config, loginService, workers);
        this.chat = new ChatServer(config, database, authHash, workers, housekeeping, loginService,
                Clock.systemUTC(), metrics);
        this.admin = new AdminHttpServer(config, metrics, AdminToken.load(config.dataPath()), chat, database,
                workers);
        this.linkGroup = Transports.group("honchat-links", 1);
        this.matchServers = new LinkListener(LinkListener.Kind.MATCH_SERVER, config, chat, database.matchmaking(),
                database.accounts(), workers, linkGroup);
        this.managers = new LinkListener(LinkListener.Kind.MANAGER, config, chat, database.matchmaking(),
                database.accounts(), workers, linkGroup);
    }

    /**
     * Takes the data directory's lock, checks every port, opens the store and binds the listeners; fails fast with
     * one clear line ({@link ConfigException}) and leaves nothing listening.
     */
    public static HonchatServer start(ServerConfig config) throws InterruptedException {
        ServerLock lock = ServerLock.acquire(config.dataPath());
        HonchatServer server;
        try {
            secureDataDirectory(config.dataPath());
            Listeners.checkFree(config);
            server = new HonchatServer(config, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            Listeners.chat(config).bind(server.chat::start);
            server.loginService.chatListener(server.chat.address());
            server.loginService.chatPlacement(server.chat::placement);
            server.loginService.connectChat(server.chat);
            server.loginService.onLoginOutcome(server.metrics::httpLogin);
            Listeners.matchServers(config).bind(server.matchServers::start);
            Listeners.managers(config).bind(server.managers::start);
            server.loginService.linkPorts(server.matchServers.port(), server.managers.port());
            server.chat.joinCluster(server.matchServers.port(), server.managers.port());
            if (server.chat.coordinator() != null) {
                server.loginService.serversToHubNode(server.chat.coordinator()::hubNode);
            }
            Listeners.login(config).bind(() -> server.http.start(server.httpGroup));
            Listeners.admin(config).bind(() -> server.admin.start(server.httpGroup));
            String adminHost = config.admin().bindAddress().equals("0.0.0.0") ? "127.0.0.1"
                    : config.admin().bindAddress();
            try {
                RunningServer.announce(config.dataPath(), adminHost, server.admin.port());
            } catch (java.io.IOException e) {
                throw new ConfigException("cannot write " + RunningServer.FILE + " into " + config.dataPath() + ": "
                        + e.getMessage(), e);
            }
            lock.describe("pid " + ProcessHandle.current().pid() + ", chat port " + server.chatPort()
                    + ", login service port " + server.httpPort() + ", admin port " + server.adminPort()
                    + ", match-server port " + server.matchServerPort() + ", manager port " + server.managerPort());
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        server.housekeeping.scheduleWithFixedDelay(server::expire, 60, 60, TimeUnit.SECONDS);
        LOG.info("honchat started (version {}, {} transport, data in {}, {} database{})", Version.current(),
                Transports.name(), config.dataPath(), config.database().embedded() ? "embedded H2" : "external",
                config.cluster().enabled() ? ", cluster node " + config.cluster().nodeId() : "");
        return server;
    }

    /** Owner-only modes for the data directory and its secrets; a start that had to change them says so once. */
    private static void secureDataDirectory(Path dir) {
        try {
            DataDirectory.create(dir);
            for (String changed : DataDirectory.tighten(dir)) {
                LOG.warn("{}: others could read it; the mode is now owner-only (docs/operations.md \"Secrets\")",
                        changed);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot secure the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private void expire() {
        try {
            loginService.expirePending();
            database.sessions().deleteExpired(Clock.systemUTC().instant());
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed: {}", e.toString());
        }
    }

    public int chatPort() {
        return chat.port();
    }

    public int httpPort() {
        return http.port();
    }

    public int matchServerPort() {
        return matchServers.port();
    }

    public int managerPort() {
        return managers.port();
    }

    public int adminPort() {
        return admin.port();
    }

    public ServerConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public AuthHash authHash() {
        return authHash;
    }

    /** The chat server: its port, and {@link ChatServer#query} to read its state on the hub. */
    public ChatServer chat() {
        return chat;
    }

    public Metrics metrics() {
        return metrics;
    }

    public LoginService loginService() {
        return loginService;
    }

    /**
     * Stops in order: listeners, sessions (cleanly, their output flushed), threads, store. Safe to call from several
     * threads or signals at once: the first call stops, the others wait for it.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            RunningServer.withdraw(config.dataPath());
            http.close();
            admin.close();
            matchServers.close();
            managers.close();
            chat.close();
            linkGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            httpGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            housekeeping.shutdownNow();
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            database.close();
            LOG.info("honchat stopped");
        } finally {
            lock.close();
            closed.countDown();
        }
    }
}
