package org.honchat.server.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the server reads from its YAML file (README "Configuration"), immutable. Every key has its default in
 * one place, the bundled {@code honchat-defaults.yaml}; a file only names what it changes.
 */
public record ServerConfig(String dataDir, ChatConfig chat, HttpConfig http, LoginConfig login,
        AdminConfig admin, DatabaseConfig database, LimitsConfig limits) {

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

    /** The operator's HTTP listener ({@code /metrics}), loopback by default. */
    public record AdminConfig(String bindAddress, int port) {
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

    /** Every key at its default (the bundled {@code honchat-defaults.yaml}). */
    public static ServerConfig defaults() {
        return ConfigLoader.load(null, Map.of());
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /**
     * This configuration with some keys changed, by their names in the file ({@code "chat.clientPort", "0"}), checked
     * as a file would be.
     */
    public ServerConfig with(String... keysAndValues) {
        return ConfigLoader.override(this, keysAndValues);
    }

    public ServerConfig withDataDir(String dir) {
        return with("dataDir", dir);
    }
}
