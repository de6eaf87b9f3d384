package org.honchat.server.config;

import java.nio.file.Path;

/**
 * Everything the server reads from its YAML file (README "Configuration"), immutable. Every key has a default
 * ({@link #defaults()}); a file only names what it changes.
 */
public record ServerConfig(String dataDir, ChatConfig chat, HttpConfig http, LoginConfig login,
        DatabaseConfig database, LimitsConfig limits) {

    /**
     * Protection of the chat port: connections per client address and in all (keep the total below the process's
     * file limit), accepts per second, and the output a session may leave unread before it is disconnected;
     * {@code shutdownSeconds} bounds a graceful stop.
     */
    public record LimitsConfig(int maxConnectionsPerAddress, int maxConnections, int acceptsPerSecond,
            int maxPendingOutputBytes, int shutdownSeconds, int chatIoThreads) {

        /** The chat listener's I/O threads: as configured, or one per core (0). */
        public int chatIoThreadsOrCores() {
            return chatIoThreads > 0 ? chatIoThreads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** PROTOCOL.md §4.10, plus the listener address. */
    public record ChatConfig(String bindAddress, int clientPort, String secret, int authDeadlineSeconds,
            int pingAfterWriteIdleSeconds, int readIdleTimeoutSeconds, int playerCountIntervalSeconds,
            String requiredClientVersion, boolean allowLegacyClients, String generalChannelName,
            int generalChannelCapacity, int maxChannelsPerSession, int maxChannelMembers, int maxBuddies,
            FloodConfig flood, boolean leaveGeneralWhenJoiningGame, OptionsConfig options) {
    }

    /** PROTOCOL.md §4.9. */
    public record FloodConfig(int threshold, int disconnectAt, int decayMillis, boolean notice) {
    }

    /** The first six fields of {@code 0xC0} (PROTOCOL.md §3.7). */
    public record OptionsConfig(int ftpReplays, int httpReplays, int quests, int questLadder,
            int connectResendSeconds, int messagesSystem) {
    }

    /** The login service's HTTP listener (PROTOCOL.md §8.1). */
    public record HttpConfig(String bindAddress, int port) {
    }

    /**
     * The login service (PROTOCOL.md §8). {@code chatUrl} empty means "the host name the client used to reach the
     * login service", so a server works out of the box under any address.
     */
    public record LoginConfig(String chatUrl, int chatPort, long cookieTtlSeconds, int srpPendingSeconds,
            RateLimitConfig rateLimit) {
    }

    /** Failed logins allowed per account name and per client IP within a sliding window. */
    public record RateLimitConfig(int failuresPerName, int failuresPerIp, int windowSeconds) {
    }

    /**
     * The account store. An empty {@code url} selects the embedded H2 database under the data directory; a
     * {@code jdbc:postgresql:} URL selects PostgreSQL. {@code schema} (optional) isolates several servers or test
     * runs in one database.
     */
    public record DatabaseConfig(String url, String user, String password, String schema, int maxPoolSize) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("./data",
                new ChatConfig("0.0.0.0", 11031, "", 5, 20, 120, 30, "", true, "HoN", 50, 8, 250, 250,
                        new FloodConfig(5, 20, 3500, false), true, new OptionsConfig(0, 0, 0, 0, 0, 0)),
                new HttpConfig("0.0.0.0", 8080),
                new LoginConfig("", 11031, 24 * 3600, 60, new RateLimitConfig(10, 30, 300)),
                new DatabaseConfig("", "", "", "", 8),
                new LimitsConfig(32, 19_000, 2_000, 1 << 20, 10, 0));
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public ServerConfig withDataDir(String dir) {
        return new ServerConfig(dir, chat, http, login, database, limits);
    }

    public ServerConfig withHttpPort(int port) {
        return new ServerConfig(dataDir, chat, new HttpConfig(http.bindAddress(), port), login, database, limits);
    }

    public ServerConfig withChatPort(int port) {
        ChatConfig c = chat;
        return new ServerConfig(dataDir, new ChatConfig(c.bindAddress(), port, c.secret(), c.authDeadlineSeconds(),
                c.pingAfterWriteIdleSeconds(), c.readIdleTimeoutSeconds(), c.playerCountIntervalSeconds(),
                c.requiredClientVersion(), c.allowLegacyClients(), c.generalChannelName(), c.generalChannelCapacity(),
                c.maxChannelsPerSession(), c.maxChannelMembers(), c.maxBuddies(), c.flood(),
                c.leaveGeneralWhenJoiningGame(), c.options()), http, login, database, limits);
    }

    public ServerConfig withDatabase(DatabaseConfig db) {
        return new ServerConfig(dataDir, chat, http, login, db, limits);
    }
}
