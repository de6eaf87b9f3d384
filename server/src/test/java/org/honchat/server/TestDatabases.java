package org.honchat.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.honchat.server.config.ConfigLoader;
import org.honchat.server.config.ServerConfig;

/**
 * The databases integration tests run against: always the embedded H2; PostgreSQL too when
 * {@code HONCHAT_TEST_PG_URL} (and {@code _USER}, {@code _PASSWORD}) name one, as {@code .ci/run} does. In CI a
 * missing PostgreSQL is an error, not a skip.
 */
public final class TestDatabases {

    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private TestDatabases() {
    }

    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of(H2));
        if (System.getenv("HONCHAT_TEST_PG_URL") != null) {
            kinds.add(POSTGRESQL);
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but HONCHAT_TEST_PG_URL is not set (.ci/run starts PostgreSQL)");
        }
        return kinds;
    }

    /**
     * Defaults with some keys changed ({@code "chat.maxChannelMembers", "2", ...}), listening on loopback only, on
     * free ports, with its data in {@code dataDir}.
     */
    public static ServerConfig loopback(Path dataDir, String... keysAndValues) {
        Map<String, String> environment = new HashMap<>();
        environment.put(ConfigLoader.environmentName("chat.bindAddress"), "127.0.0.1");
        environment.put(ConfigLoader.environmentName("http.bindAddress"), "127.0.0.1");
        environment.put(ConfigLoader.environmentName("admin.port"), "0");
        environment.put(ConfigLoader.environmentName("matchserver.port"), "0");
        environment.put(ConfigLoader.environmentName("matchserver.bindAddress"), "127.0.0.1");
        environment.put(ConfigLoader.environmentName("manager.port"), "0");
        environment.put(ConfigLoader.environmentName("manager.bindAddress"), "127.0.0.1");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(ConfigLoader.environmentName(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return ConfigLoader.load(null, environment).with("dataDir", dataDir.toString(), "http.port", "0",
                "chat.clientPort", "0");
    }

    /** A configuration on {@code kind} whose data directory is {@code dataDir}; PostgreSQL gets a fresh schema. */
    public static ServerConfig config(String kind, Path dataDir) {
        ServerConfig base = loopback(dataDir);
        if (H2.equals(kind)) {
            return base;
        }
        return base.with(postgresql("t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)));
    }

    /** The keys that put a server on the test PostgreSQL, in a schema of its own ({@code "database.url", ...}). */
    public static String[] postgresql(String schema) {
        return new String[] {"database.url", System.getenv("HONCHAT_TEST_PG_URL"),
            "database.user", System.getenv("HONCHAT_TEST_PG_USER"),
            "database.password", System.getenv("HONCHAT_TEST_PG_PASSWORD"),
            "database.schema", schema, "database.maxPoolSize", "4"};
    }
}
