package org.honchat.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the YAML file over the defaults, then environment overrides, then validates: every problem fails at start
 * with the key's name. An environment variable {@code HONCHAT_<KEY>} overrides a key, its path upper-cased with
 * camel case and dots turned into underscores ({@code chat.clientPort} is {@code HONCHAT_CHAT_CLIENT_PORT}).
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final String DEFAULTS = "/honchat-defaults.yaml";

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private ConfigLoader() {
    }

    /** Loads {@code file} (may be {@code null}: defaults only) with the given environment. */
    public static ServerConfig load(Path file, Map<String, String> environment) {
        ObjectNode tree = bundledDefaults();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("configuration file not found: " + file);
            }
            try {
                JsonNode user = YAML.readTree(file.toFile());
                if (user != null && !user.isMissingNode() && !user.isNull()) {
                    if (!user.isObject()) {
                        throw new ConfigException(file + ": the top level must be a mapping of keys");
                    }
                    merge(tree, (ObjectNode) user, "");
                }
            } catch (JsonProcessingException e) {
                throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        Set<String> known = new HashSet<>();
        applyEnvironment(tree, "", environment, known);
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("HONCHAT_") && !known.contains(name) && !notASetting(name)) {
                throw new ConfigException("unknown environment variable " + name + ": it names no configuration key "
                        + "(HONCHAT_ plus the key's path, e.g. HONCHAT_CHAT_CLIENT_PORT for chat.clientPort)");
            }
        }
        return convert(tree);
    }

    /** The launcher's and the log's own variables, and the test suite's, which are not configuration keys. */
    private static boolean notASetting(String name) {
        return name.equals("HONCHAT_LOG_FORMAT") || name.equals("HONCHAT_LOG_LEVEL") || name.equals("HONCHAT_REBUILD")
                || name.startsWith("HONCHAT_TEST_");
    }

    /** The bundled defaults, the one place every key has its default value. */
    private static ObjectNode bundledDefaults() {
        try (java.io.InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the server jar");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
    }

    /** {@code base} with some keys set, by their names in the file; checked as a file would be. */
    static ServerConfig override(ServerConfig base, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        ObjectNode tree = YAML.valueToTree(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = keysAndValues[i];
            ObjectNode parent = tree;
            String[] path = key.split("\\.");
            for (int p = 0; p < path.length - 1; p++) {
                JsonNode child = parent.get(path[p]);
                if (child == null || !child.isObject()) {
                    throw new ConfigException("unknown configuration key: " + key);
                }
                parent = (ObjectNode) child;
            }
            if (!parent.has(path[path.length - 1])) {
                throw new ConfigException("unknown configuration key: " + key);
            }
            parent.put(path[path.length - 1], keysAndValues[i + 1]);
        }
        return convert(tree);
    }

    private static ServerConfig convert(ObjectNode tree) {
        ServerConfig config;
        try {
            config = YAML.treeToValue(tree, ServerConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key: " + path(e));
        } catch (JsonMappingException e) {
            throw new ConfigException("bad value for " + path(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException("bad configuration: " + e.getOriginalMessage());
        }
        validate(config);
        return config;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        });
        return path.toString();
    }

    /** User values replace defaults; a key the defaults do not have is kept, so conversion names it. */
    private static void merge(ObjectNode target, ObjectNode source, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            String key = prefix + field.getKey();
            if (existing != null && existing.isObject()) {
                if (!field.getValue().isObject()) {
                    throw new ConfigException(key + " must be a mapping of keys");
                }
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), key + ".");
            } else if (existing != null && field.getValue().isContainerNode()) {
                throw new ConfigException(key + " must be a single value");
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> environment,
            Set<String> known) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            if (field.getValue().isObject()) {
                applyEnvironment((ObjectNode) field.getValue(), key + ".", environment, known);
                continue;
            }
            known.add(environmentName(key));
            String value = environment.get(environmentName(key));
            if (value != null) {
                node.put(field.getKey(), value);
            }
        }
    }

    /** {@code chat.clientPort} -> {@code HONCHAT_CHAT_CLIENT_PORT}. */
    public static String environmentName(String key) {
        return "HONCHAT_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
    }

    private static void validateCluster(ServerConfig c) {
        ServerConfig.ClusterConfig cluster = c.cluster();
        if (!cluster.enabled()) {
            return;
        }
        require(!c.database().embedded() && c.database().url().startsWith("jdbc:postgresql:"),
                "cluster.enabled needs PostgreSQL: set database.url to a jdbc:postgresql: URL every node shares");
        require(!c.chat().secret().isEmpty(), "cluster.enabled needs chat.secret, the same on every node: a login "
                + "service may send a client to any node, which must check the client's auth hash (at least 16 "
                + "characters)");
        require(cluster.nodeId().isEmpty() || cluster.nodeId().matches("[A-Za-z0-9._-]{1,64}"),
                "cluster.nodeId must be empty (host name and chat port) or 1-64 letters, digits, '.', '_' or '-', "
                        + "unique among the nodes");
        require(cluster.name().matches("[A-Za-z0-9._-]{1,64}"),
                "cluster.name must be 1-64 letters, digits, '.', '_' or '-'");
        for (String address : cluster.redis().addresses()) {
            require(address.matches(".+:\\d{1,5}"), "cluster.redis.address must be host:port (or, with "
                    + "cluster.redis.sentinelMaster, a comma-separated list of the Sentinels' host:port): " + address);
            require(ServerConfig.RedisConfig.port(address) >= 1 && ServerConfig.RedisConfig.port(address) <= 65535,
                    "cluster.redis.address: the port must be 1-65535: " + address);
        }
        require(cluster.redis().addresses().size() == 1 || cluster.redis().sentinels(),
                "cluster.redis.address lists several addresses: they must be Redis Sentinels, named with "
                        + "cluster.redis.sentinelMaster (the name of the master they watch)");
        require(cluster.redis().sentinelMaster().matches("[A-Za-z0-9._-]{0,64}"),
                "cluster.redis.sentinelMaster must be the master's name as the Sentinels know it");
        require(cluster.redis().connectRetrySeconds() >= 0, "cluster.redis.connectRetrySeconds must be 0 or more");
        require(cluster.heartbeatMillis() >= 50, "cluster.heartbeatMillis must be at least 50");
        require(cluster.nodeTimeoutMillis() >= 3 * cluster.heartbeatMillis(),
                "cluster.nodeTimeoutMillis must be at least three heartbeats (3 x cluster.heartbeatMillis)");
        require(cluster.placement().equals("least-loaded") || cluster.placement().equals("self"),
                "cluster.placement must be least-loaded or self");
    }

    static void validate(ServerConfig c) {
        require(c.dataDir() != null && !c.dataDir().isBlank(), "dataDir must not be empty");
        port("chat.clientPort", c.chat().clientPort());
        port("http.port", c.http().port());
        port("admin.port", c.admin().port());
        port("login.chatPort", c.login().chatPort());
        positive("chat.authDeadlineSeconds", c.chat().authDeadlineSeconds());
        positive("chat.pingAfterWriteIdleSeconds", c.chat().pingAfterWriteIdleSeconds());
        positive("chat.readIdleTimeoutSeconds", c.chat().readIdleTimeoutSeconds());
        require(c.chat().playerCountIntervalSeconds() >= 0, "chat.playerCountIntervalSeconds must be 0 or more");
        String version = c.chat().requiredClientVersion();
        require(version.isEmpty() || VERSION.matcher(version).matches(),
                "chat.requiredClientVersion must look like 4.10.1.0, got '" + version + "'");
        String general = c.chat().generalChannelName();
        require(!general.isBlank() && general.length() <= 32 && general.strip().equals(general),
                "chat.generalChannelName must be 1-32 characters without surrounding spaces");
        positive("chat.generalChannelCapacity", c.chat().generalChannelCapacity());
        positive("chat.maxChannelsPerSession", c.chat().maxChannelsPerSession());
        positive("chat.maxChannelMembers", c.chat().maxChannelMembers());
        positive("chat.maxBuddies", c.chat().maxBuddies());
        positive("chat.flood.threshold", c.chat().flood().threshold());
        require(c.chat().flood().disconnectAt() > c.chat().flood().threshold(),
                "chat.flood.disconnectAt must be above chat.flood.threshold");
        positive("chat.flood.decayMillis", c.chat().flood().decayMillis());
        ServerConfig.OptionsConfig o = c.chat().options();
        for (int value : new int[] {o.ftpReplays(), o.httpReplays(), o.quests(), o.questLadder(),
            o.connectResendSeconds(), o.messagesSystem()}) {
            require(value >= 0 && value <= 255, "chat.options.* values must be 0-255");
        }
        require(c.chat().secret().isEmpty() || c.chat().secret().length() >= 16,
                "chat.secret must be empty (generated) or at least 16 characters");
        require(c.login().cookieTtlSeconds() >= 60, "login.cookieTtlSeconds must be at least 60");
        positive("login.srpPendingSeconds", c.login().srpPendingSeconds());
        positive("login.maxSavedChannels", c.login().maxSavedChannels());
        positive("login.maxIgnored", c.login().maxIgnored());
        positive("login.rateLimit.failuresPerName", c.login().rateLimit().failuresPerName());
        positive("login.rateLimit.failuresPerIp", c.login().rateLimit().failuresPerIp());
        positive("login.rateLimit.windowSeconds", c.login().rateLimit().windowSeconds());
        require(c.login().leaverThreshold() >= 0 && c.login().leaverThreshold() <= 1,
                "login.leaverThreshold must be 0-1");
        require(c.login().firstMatchId() >= 1 && c.login().firstMatchId() < (1L << 31),
                "login.firstMatchId must be 1 to 2147483647");
        validateMatchmaking(c);
        ServerConfig.DatabaseConfig db = c.database();
        require(db.embedded() || db.url().startsWith("jdbc:postgresql:") || db.url().startsWith("jdbc:h2:"),
                "database.url must be empty (embedded H2), jdbc:postgresql:... or jdbc:h2:...");
        require(db.schema().isEmpty() || db.schema().matches("[a-z_][a-z0-9_]{0,62}"),
                "database.schema must be a lower-case SQL identifier");
        positive("database.maxPoolSize", db.maxPoolSize());
        validateCluster(c);
        ServerConfig.LimitsConfig limits = c.limits();
        positive("limits.maxConnectionsPerAddress", limits.maxConnectionsPerAddress());
        positive("limits.maxConnections", limits.maxConnections());
        positive("limits.acceptsPerSecond", limits.acceptsPerSecond());
        require(limits.maxPendingOutputBytes() >= 64 * 1024, "limits.maxPendingOutputBytes must be at least 65536");
        positive("limits.shutdownSeconds", limits.shutdownSeconds());
        require(limits.chatIoThreads() >= 0, "limits.chatIoThreads must be 0 (one per core) or more");
        require(limits.flushDelayMicros() >= 0 && limits.flushDelayMicros() <= 10_000,
                "limits.flushDelayMicros must be 0-10000");
    }

    /** docs/protocol.md §9.8: a list the client could not parse is refused here, with its key named. */
    private static void validateMatchmaking(ServerConfig c) {
        ServerConfig.MatchmakingConfig m = c.matchmaking();
        try {
            org.honchat.server.domain.matchmaking.Catalog.of(m);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        positive("matchmaking.brokerIntervalSeconds", m.brokerIntervalSeconds());
        require(m.queueUpdateSeconds() >= 0, "matchmaking.queueUpdateSeconds must be 0 (off) or more");
        positive("matchmaking.averageWindow", m.averageWindow());
        positive("matchmaking.maxQueuedGroups", m.maxQueuedGroups());
        positive("matchmaking.loadingTimeoutSeconds", m.loadingTimeoutSeconds());
        require(m.maxQueueSeconds() >= 0, "matchmaking.maxQueueSeconds must be 0 (no limit) or more");
        positive("matchmaking.announceTimeoutSeconds", m.announceTimeoutSeconds());
        positive("matchmaking.matchRecordTimeoutSeconds", m.matchRecordTimeoutSeconds());
        positive("matchmaking.requeueWindowSeconds", m.requeueWindowSeconds());
        require(!m.matchNamePrefix().contains("\0"), "matchmaking.matchNamePrefix must not contain NUL");
        require(Float.isFinite(m.defaultRating()), "matchmaking.defaultRating must be a number");
        ServerConfig.MatchServerConfig ms = c.matchserver();
        port("matchserver.port", ms.port());
        positive("matchserver.authDeadlineSeconds", ms.authDeadlineSeconds());
        positive("matchserver.pingAfterWriteIdleSeconds", ms.pingAfterWriteIdleSeconds());
        positive("matchserver.readIdleTimeoutSeconds", ms.readIdleTimeoutSeconds());
        positive("matchserver.maxServers", ms.maxServers());
        List<Long> values = ms.options().values();
        for (int i = 0; i < values.size(); i++) {
            long max = org.honchat.protocol.link.ChatToMatchServer.Options.WIDTHS[i] == 1 ? 255 : 0xFFFF_FFFFL;
            require(values.get(i) >= 0 && values.get(i) <= max,
                    "matchserver.options: field " + (i + 1) + " of 0x1505 must be 0-" + max);
        }
        ServerConfig.ManagerConfig mg = c.manager();
        port("manager.port", mg.port());
        positive("manager.authDeadlineSeconds", mg.authDeadlineSeconds());
        positive("manager.readIdleTimeoutSeconds", mg.readIdleTimeoutSeconds());
        ServerConfig.ManagerOptions o = mg.options();
        for (int flag : new int[] {o.submitStats(), o.uploadReplays(), o.ftpOnDemand(), o.httpOnDemand(),
            o.resubmitStats()}) {
            require(flag == 0 || flag == 1, "manager.options flags must be 0 or 1");
        }
        require(o.resubmitCutoffMatchId() >= 0 && o.resubmitCutoffMatchId() <= 0xFFFF_FFFFL,
                "manager.options.resubmitCutoffMatchId must be a u32");
    }

    private static void port(String key, int value) {
        require(value >= 0 && value <= 65535, key + " must be 0-65535 (0 picks a free port), got " + value);
    }

    private static void positive(String key, long value) {
        require(value > 0, key + " must be positive, got " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ConfigException(message);
        }
    }
}
