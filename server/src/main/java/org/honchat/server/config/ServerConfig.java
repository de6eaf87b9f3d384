package org.honchat.server.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the server reads from its YAML file (README "Configuration"), immutable. Every key has its default in
 * one place, the bundled {@code honchat-defaults.yaml}; a file only names what it changes.
 */
public record ServerConfig(String dataDir, ChatConfig chat, HttpConfig http, LoginConfig login,
        MatchmakingConfig matchmaking, MatchServerConfig matchserver, ManagerConfig manager,
        AdminConfig admin, DatabaseConfig database, LimitsConfig limits, ClusterConfig cluster) {

    /** docs/protocol.md §9.8, the queue and the broker. Lists are "|"-separated, as in the file. */
    public record MatchmakingConfig(boolean enabled, int brokerIntervalSeconds, int queueUpdateSeconds,
            int averageWindow, int teamSizeOverride, String maps, String gameTypes, String modes, String regions,
            int popularity, String requiredClientVersion, int maxQueuedGroups, int loadingTimeoutSeconds,
            int maxQueueSeconds, int announceTimeoutSeconds, int matchRecordTimeoutSeconds,
            int requeueWindowSeconds, boolean anyRegionFallback, String matchNamePrefix, float defaultRating,
            boolean seasonActive) {
    }

    /** The match-server link (docs/protocol.md §9.5, §9.8). */
    public record MatchServerConfig(String bindAddress, int port, int authDeadlineSeconds,
            int pingAfterWriteIdleSeconds, int readIdleTimeoutSeconds, int maxServers, String remoteCommands,
            MatchServerOptions options) {

        /** The console commands of {@code remoteCommands}, one per non-blank line. */
        public java.util.List<String> remoteCommandList() {
            return remoteCommands.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    /** The 21 fields of {@code 0x1505} (docs/protocol.md §9.5.3), in wire order. */
    public record MatchServerOptions(long matchIdRequired, long matchIdAttempts, long matchIdTimeoutMs,
            long matchIdIntervalMs, long authAttempts, long authTimeoutMs, long authIntervalMs, long submitStats,
            long uploadReplays, long uploadFtp, long uploadS3, long maxConnectAttempts, long maxPacketsPerSecond,
            long maxBytesPerSecond, long submitDisconnects, long heartbeatMs, long disconnectReporting,
            long questsAvailability, long ladderAvailability, long logProductUsage, long dynamicConcede) {

        /** The values in wire order; the heartbeat is never below 60000 ms (§9.5.3 field 16). */
        public java.util.List<Long> values() {
            return java.util.List.of(matchIdRequired, matchIdAttempts, matchIdTimeoutMs, matchIdIntervalMs,
                    authAttempts, authTimeoutMs, authIntervalMs, submitStats, uploadReplays, uploadFtp, uploadS3,
                    maxConnectAttempts, maxPacketsPerSecond, maxBytesPerSecond, submitDisconnects,
                    Math.max(60_000L, heartbeatMs), disconnectReporting, questsAvailability, ladderAvailability,
                    logProductUsage, dynamicConcede);
        }
    }

    /** The server-manager link (docs/protocol.md §9.6). */
    public record ManagerConfig(String bindAddress, int port, int authDeadlineSeconds, int readIdleTimeoutSeconds,
            ManagerOptions options) {
    }

    /** The six fields of {@code 0x1703}. */
    public record ManagerOptions(int submitStats, int uploadReplays, int ftpOnDemand, int httpOnDemand,
            int resubmitStats, long resubmitCutoffMatchId) {
    }

    /**
     * Protection of the chat port: connections per client address and in all (keep the total below the process's
     * file limit), accepts per second, and the output a session may leave unread before it is disconnected;
     * {@code shutdownSeconds} bounds a graceful stop.
     */
    public record LimitsConfig(int maxConnectionsPerAddress, int maxConnections, int acceptsPerSecond,
            int maxPendingOutputBytes, int shutdownSeconds, int chatIoThreads, int flushDelayMicros) {

        /** The chat listener's I/O threads: as configured, or one per core (0). */
        public int chatIoThreadsOrCores() {
            return chatIoThreads > 0 ? chatIoThreads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** docs/protocol.md §4.10, plus the listener address. */
    public record ChatConfig(String bindAddress, int clientPort, String secret, int authDeadlineSeconds,
            int pingAfterWriteIdleSeconds, int readIdleTimeoutSeconds, int playerCountIntervalSeconds,
            String requiredClientVersion, boolean allowLegacyClients, String generalChannelName,
            int generalChannelCapacity, int maxChannelsPerSession, int maxChannelMembers, int maxBuddies,
            FloodConfig flood, boolean leaveGeneralWhenJoiningGame, OptionsConfig options) {
    }

    /** docs/protocol.md §4.9. */
    public record FloodConfig(int threshold, int disconnectAt, int decayMillis, boolean notice) {
    }

    /** The first six fields of {@code 0xC0} (docs/protocol.md §3.7). */
    public record OptionsConfig(int ftpReplays, int httpReplays, int quests, int questLadder,
            int connectResendSeconds, int messagesSystem) {
    }

    /** The login service's HTTP listener (docs/protocol.md §8.1). */
    public record HttpConfig(String bindAddress, int port) {
    }

    /** The operator's HTTP listener ({@code /metrics}), loopback by default. */
    public record AdminConfig(String bindAddress, int port) {
    }

    /**
     * The login service (docs/protocol.md §8). {@code chatUrl} empty means "the host name the client used to reach the
     * login service", so a server works out of the box under any address.
     */
    public record LoginConfig(String chatUrl, int chatPort, long cookieTtlSeconds, int srpPendingSeconds,
            String chatAddressForServers, double leaverThreshold, String cdnUploadHost, String requiredServerVersion,
            long firstMatchId, RateLimitConfig rateLimit, int maxSavedChannels, int maxIgnored) {
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

    /**
     * Cluster mode (docs/cluster.md): the nodes share PostgreSQL and coordinate through Redis. {@code placement} is
     * {@code least-loaded} or {@code self}.
     */
    public record ClusterConfig(boolean enabled, String nodeId, String name, RedisConfig redis, int heartbeatMillis,
            int nodeTimeoutMillis, String placement) {

        public boolean leastLoaded() {
            return "least-loaded".equals(placement);
        }

        public ClusterConfig withNodeId(String id) {
            return new ClusterConfig(enabled, id, name, redis, heartbeatMillis, nodeTimeoutMillis, placement);
        }
    }

    /**
     * The Redis of a cluster. {@code address}: one Redis server's host:port, or, with {@code sentinelMaster} set, the Redis Sentinels'
     * addresses, comma-separated (docs/cluster.md "Redis itself").
     */
    public record RedisConfig(String address, String password, String sentinelMaster, int connectRetrySeconds) {

        /** The addresses, in the order given. */
        public java.util.List<String> addresses() {
            return java.util.Arrays.stream(address.split(",")).map(String::trim).toList();
        }

        /** Whether the addresses are Sentinels that name the current master. */
        public boolean sentinels() {
            return !sentinelMaster.isEmpty();
        }

        public static String host(String address) {
            return address.substring(0, address.lastIndexOf(':'));
        }

        public static int port(String address) {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
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
