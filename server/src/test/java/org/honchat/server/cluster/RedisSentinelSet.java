package org.honchat.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A replicated Redis of a test's own: a master, a replica and one Sentinel watching them (Debian's redis-server binary
 * in its three roles), so a test can kill the master and let the Sentinel promote the replica.
 */
final class RedisSentinelSet implements AutoCloseable {

    static final String MASTER_NAME = "honchat-test";

    private final Path dir;
    private final int masterPort;
    private final int replicaPort;
    private final int sentinelPort;
    private final List<Process> processes = new ArrayList<>();
    private Process master;

    private RedisSentinelSet(Path dir) throws IOException {
        this.dir = dir;
        this.masterPort = freePort();
        this.replicaPort = freePort();
        this.sentinelPort = freePort();
    }

    static RedisSentinelSet start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        RedisSentinelSet set = new RedisSentinelSet(dir);
        set.master = set.launch("master", set.masterPort, "--save", "", "--appendonly", "no");
        set.launch("replica", set.replicaPort, "--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1",
                Integer.toString(set.masterPort));
        // one Sentinel, quorum 1; the master counts as down after 500 ms without an answer
        Path config = dir.resolve("sentinel.conf");
        Files.writeString(config, "port " + set.sentinelPort + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + set.masterPort + " 1\n"
                + "sentinel down-after-milliseconds " + MASTER_NAME + " 500\n"
                + "sentinel failover-timeout " + MASTER_NAME + " 5000\n");
        set.launchWith("sentinel", set.sentinelPort, List.of(config.toString(), "--sentinel"));
        ClusterHarness.waitFor(() -> set.masterPortNamed() == set.masterPort, "the Sentinel knows the master");
        ClusterHarness.waitFor(() -> set.reply(set.replicaPort, "ROLE").contains("connected"),
                "the replica follows the master");
        return set;
    }

    /** The Sentinel, as cluster.redis.address names it. */
    String sentinelAddress() {
        return "127.0.0.1:" + sentinelPort;
    }

    /** Kills the master (SIGKILL) and waits until the Sentinel names the replica as the new one. */
    void failOver() throws InterruptedException {
        master.destroyForcibly().waitFor();
        ClusterHarness.waitFor(() -> masterPortNamed() == replicaPort, "the Sentinel promoted the replica");
    }

    private int masterPortNamed() {
        String answer = reply(sentinelPort, "SENTINEL get-master-addr-by-name " + MASTER_NAME);
        String[] lines = answer.split("\r\n");
        try {
            return Integer.parseInt(lines[lines.length - 1].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One inline command's raw reply, or "" if the server does not answer. */
    private String reply(int port, String command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            Thread.sleep(50);
            int read = in.read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private Process launch(String role, int port, String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString()));
        arguments.addAll(List.of(options));
        return launchWith(role, port, arguments);
    }

    private Process launchWith(String role, int port, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getenv().getOrDefault("HONCHAT_TEST_REDIS_SERVER", "redis-server"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(role + ".log").toFile()).start();
        processes.add(process);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server (" + role + ") did not start on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }
}
