package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ConfigLoader;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Credentials;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;

/**
 * Several honchat nodes in this process, one cluster on the Redis and PostgreSQL that {@code .ci/run} starts
 * ({@code HONCHAT_TEST_REDIS}, {@code HONCHAT_TEST_PG_URL}); each harness has a Redis key prefix and a database
 * schema of its own, so tests run side by side. Without those services the tests are skipped, except in CI.
 */
final class ClusterHarness implements AutoCloseable {

    static final Duration SETTLE = Duration.ofSeconds(20);

    private final String[] sharedKeys;
    private final Path dir;
    final List<HonchatServer> nodes = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /** The services the cluster tests need; skips the test without them (fails in CI). */
    static String redisAddress() {
        String redis = System.getenv("HONCHAT_TEST_REDIS");
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci && (redis == null || System.getenv("HONCHAT_TEST_PG_URL") == null)) {
            throw new IllegalStateException("CI=true but HONCHAT_TEST_REDIS or HONCHAT_TEST_PG_URL is not set "
                    + "(.ci/run starts Redis and PostgreSQL)");
        }
        assumeTrue(redis != null && System.getenv("HONCHAT_TEST_PG_URL") != null,
                "cluster tests need HONCHAT_TEST_REDIS and HONCHAT_TEST_PG_URL (.ci/run sets them)");
        return redis;
    }

    /**
     * The keys every node of one test cluster shares: its Redis prefix, its schema, the chat secret, fast
     * heartbeats, flood control out of reach (these tests send bursts), plus {@code extra}.
     */
    static String[] clusterKeys(String... extra) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<String> keys = new ArrayList<>(List.of(
                "cluster.enabled", "true", "cluster.name", name, "cluster.redis.address", redisAddress(),
                "cluster.heartbeatMillis", "100", "cluster.nodeTimeoutMillis", "600",
                "chat.secret", "cluster-test-secret-" + name,
                "chat.flood.threshold", "100000", "chat.flood.disconnectAt", "200000"));
        keys.addAll(List.of(TestDatabases.postgresql(name)));
        keys.addAll(List.of(extra));
        return keys.toArray(new String[0]);
    }

    /**
     * For tests that lose no node on purpose: a node timeout that outlasts a stall of the test JVM, which runs all
     * the nodes at once on a busy CI machine. With the 600 ms of {@link #clusterKeys} such a stall can write a node
     * off in the middle of a test (its sessions end, and what its users sent last is lost), which the tests of node
     * loss want and these do not.
     */
    static String[] steady(String... extra) {
        List<String> keys = new ArrayList<>(List.of("cluster.nodeTimeoutMillis", "5000"));
        keys.addAll(List.of(extra));
        return keys.toArray(new String[0]);
    }

    /** {@code count} nodes; node 0 starts first and holds the hub. */
    ClusterHarness(Path dir, int count, String... extraKeys) throws Exception {
        this(dir, clusterKeys(extraKeys), count);
    }

    /** The same with the shared keys given whole ({@link #clusterKeys}). */
    ClusterHarness(Path dir, String[] sharedKeys, int count) throws Exception {
        this.dir = dir;
        this.sharedKeys = sharedKeys;
        for (int i = 0; i < count; i++) {
            startNode("n" + i);
            if (i == 0) {
                waitFor(() -> nodes.get(0).chat().coordinator().isHub(), "n0 holds the hub");
            }
        }
        for (HonchatServer node : nodes) {
            waitFor(() -> node.chat().coordinator().term() != null, "every node knows the hub");
        }
    }

    ServerConfig nodeConfig(String nodeId) {
        String[] keys = Arrays.copyOf(sharedKeys, sharedKeys.length + 2);
        keys[keys.length - 2] = "cluster.nodeId";
        keys[keys.length - 1] = nodeId;
        return TestDatabases.loopback(dir.resolve(nodeId), keys);
    }

    HonchatServer startNode(String nodeId) throws InterruptedException {
        return startNode(nodeConfig(nodeId));
    }

    HonchatServer startNode(ServerConfig config) throws InterruptedException {
        HonchatServer node = HonchatServer.start(config);
        nodes.add(node);
        return node;
    }

    /**
     * A node in a process of its own (the packaged jar), configured by environment variables, so a test can kill
     * it with SIGKILL. Its ports are picked by the system; the others learn its chat port from its heartbeat.
     */
    Process startProcessNode(String nodeId) throws java.io.IOException {
        Path data = dir.resolve(nodeId);
        java.nio.file.Files.createDirectories(data);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString(), "serve", "--data-dir", data.toString(), "--http-port", "0",
                "--chat-port", "0", "--admin-port", "0", "--match-server-port", "0", "--manager-port", "0");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("output.txt").toFile());
        java.util.Map<String, String> environment = builder.environment();
        for (int i = 0; i < sharedKeys.length; i += 2) {
            environment.put(ConfigLoader.environmentName(sharedKeys[i]), sharedKeys[i + 1]);
        }
        environment.put(ConfigLoader.environmentName("cluster.nodeId"), nodeId);
        for (String key : List.of("chat.bindAddress", "http.bindAddress", "matchserver.bindAddress",
                "manager.bindAddress")) {
            environment.put(ConfigLoader.environmentName(key), "127.0.0.1");
        }
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Waits until the process node {@code nodeId} has logged that it started. */
    void awaitProcessStarted(String nodeId) throws InterruptedException {
        Path output = dir.resolve(nodeId).resolve("output.txt");
        waitFor(() -> {
            try {
                return java.nio.file.Files.readString(output).contains("honchat started");
            } catch (java.io.IOException e) {
                return false;
            }
        }, nodeId + " started");
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("honchat.jar", "target/honchat.jar"));
        assertThat(jar).as("the packaged server (mvn package runs before the integration tests)").exists();
        return jar;
    }

    /** A live node's heartbeat as node {@code observer} last read it, or null. */
    RedisCoordinator.NodeInfo liveNode(int observer, String nodeId) {
        return nodes.get(observer).chat().coordinator().liveNodes().stream()
                .filter(node -> node.nodeId().equals(nodeId)).findFirst().orElse(null);
    }

    /** Logs in through node {@code via}'s login service and connects to the chat port {@code port}. */
    ChatClient game(int via, int port, String name) throws Exception {
        if (nodes.get(0).database().accounts().findByName(name).isEmpty()) {
            account(name);
        }
        ChatClient client = ChatClient.gameClient("127.0.0.1", port, login(via, name));
        clients.add(client);
        return client;
    }

    HonchatServer node(int index) {
        return nodes.get(index);
    }

    long account(String name) {
        return nodes.get(0).database().accounts().create(name, AccountType.REGULAR,
                Credentials.forPassword("pw-" + name, random), Instant.now()).id();
    }

    long account(String name, AccountType type) {
        return nodes.get(0).database().accounts().create(name, type, Credentials.forPassword("pw-" + name, random),
                Instant.now()).id();
    }

    long id(String name) {
        return nodes.get(0).database().accounts().findByName(name).orElseThrow().id();
    }

    /** Logs in through node {@code index}'s login service. */
    ChatLogin login(int index, String name) throws Exception {
        return ChatLogin.login(new LoginClient("127.0.0.1", nodes.get(index).httpPort()), name, "pw-" + name);
    }

    ChatClient connect(int index) throws Exception {
        ChatClient client = ChatClient.connect("127.0.0.1", nodes.get(index).chatPort());
        clients.add(client);
        return client;
    }

    /** Creates the account if needed and logs in as the 4.10 game client on node {@code index}. */
    ChatClient game(int index, String name) throws Exception {
        return game(index, nodes.get(index).chatPort(), name);
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        for (ChatClient client : clients) {
            client.close();
        }
        for (HonchatServer node : nodes) {
            node.close();
        }
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }
}
