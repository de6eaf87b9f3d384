package org.honchat.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A redis-server of a test's own (Debian's binary, {@code HONCHAT_TEST_REDIS_SERVER}), so the test can restart it. */
final class RedisProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static RedisProcess start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisProcess redis = new RedisProcess(dir, port);
        redis.launch();
        return redis;
    }

    int port() {
        return port;
    }

    private void launch() throws IOException, InterruptedException {
        String binary = System.getenv().getOrDefault("HONCHAT_TEST_REDIS_SERVER", "redis-server");
        process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Kills Redis (everything it held is gone) and starts it again on the same port. */
    void restart() throws IOException, InterruptedException {
        process.destroyForcibly().waitFor();
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
