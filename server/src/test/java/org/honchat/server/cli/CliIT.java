package org.honchat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Database;
import org.honchat.server.store.LoginSession;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an operator runs it: the packaged jar in its own process, beside a running server on the same
 * data directory or alone, and a server killed with SIGKILL keeping every acknowledged session.
 */
class CliIT {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void accountCommandsWorkAloneAndBesideARunningServer() throws Exception {
        Run created = honchat("account", "create", "Alice", "--password", "first", "--data-dir", dir.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out().strip()).matches("\\d+");
        long aliceId = Long.parseLong(created.out().strip());

        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
            // the server holds the embedded database; the command line reaches it through H2's automatic server
            Run bob = honchat("account", "create", "Bob", "--password", "pw", "--type", "premium",
                    "--data-dir", dir.toString());
            assertThat(bob.exitCode()).as(bob.err()).isZero();
            Run duplicate = honchat("account", "create", "bob", "--password", "x", "--data-dir", dir.toString());
            assertThat(duplicate.exitCode()).isEqualTo(2);
            assertThat(duplicate.err()).contains("honchat: an account named 'bob' already exists");
            assertThat(duplicate.err().strip().lines().filter(l -> l.startsWith("honchat:")).count()).isEqualTo(1);
            Run badName = honchat("account", "create", "x", "--password", "x", "--data-dir", dir.toString());
            assertThat(badName.exitCode()).isEqualTo(2);
            assertThat(badName.err()).contains("2 to 16 characters");
            Run badType = honchat("account", "set-type", "Bob", "--type", "emperor", "--data-dir", dir.toString());
            assertThat(badType.exitCode()).isEqualTo(2);

            assertThat(honchat("account", "set-password", "alice", "--password", "second", "--data-dir",
                    dir.toString()).exitCode()).isZero();
            LoginClient login = new LoginClient("127.0.0.1", server.httpPort());
            assertThat(login.auth(LoginClient.Style.BODY_ONLY, "Alice", "first").php()).containsEntry(0L, false);
            assertThat(login.auth(LoginClient.Style.BODY_ONLY, "Alice", "second").php())
                    .containsEntry(0L, true).containsEntry("account_id", Long.toString(aliceId));

            Run disable = honchat("account", "set-type", "Alice", "--type", "disabled", "--data-dir",
                    dir.toString());
            assertThat(disable.exitCode()).as(disable.err()).isZero();
            assertThat(disable.out()).contains("disabled on the running server");
            assertThat(login.auth(LoginClient.Style.BODY_ONLY, "Alice", "second").php())
                    .containsEntry("auth", "This account has been disabled.");

            Run list = honchat("account", "list", "--data-dir", dir.toString());
            assertThat(list.exitCode()).isZero();
            assertThat(list.out()).contains("Alice", "disabled", "Bob", "premium");

            // a match-server host account (§9.7) and a matchmaking ban (§9.3 reason 9)
            assertThat(honchat("account", "create", "gamehost", "--password", "pw", "--type", "server",
                    "--data-dir", dir.toString()).exitCode()).isZero();
            assertThat(server.database().accounts().findByName("gamehost").orElseThrow().type())
                    .isEqualTo(org.honchat.protocol.types.AccountType.SERVER);
            Run ban = honchat("account", "mm-ban", "Bob", "--minutes", "60", "--data-dir", dir.toString());
            assertThat(ban.exitCode()).as(ban.err()).isZero();
            assertThat(ban.out()).contains("banned from matchmaking until");
            long bobId = server.database().accounts().findByName("Bob").orElseThrow().id();
            assertThat(server.database().matchmaking().matchmakingBan(bobId)).isPresent();
            assertThat(honchat("account", "mm-ban", "Bob", "--minutes", "0", "--data-dir", dir.toString()).out())
                    .contains("ban lifted");
            assertThat(server.database().matchmaking().matchmakingBan(bobId)).isEmpty();

            // the live commands go through the admin API of the server on this data directory
            Run status = honchat("status", "--data-dir", dir.toString());
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("sessions", "uptimeSeconds");
            assertThat(honchat("broadcast", "maintenance soon", "--data-dir", dir.toString()).out())
                    .contains("sent to 0 sessions");
            Run kick = honchat("kick", "Nobody", "--data-dir", dir.toString());
            assertThat(kick.exitCode()).isEqualTo(2);
            assertThat(kick.err()).contains("honchat: no session of Nobody");
            Run delete = honchat("account", "delete", "Bob", "--data-dir", dir.toString());
            assertThat(delete.exitCode()).as(delete.err()).isZero();
            assertThat(delete.out()).contains("deleted through the running server");
            assertThat(server.database().accounts().findByName("Bob")).isEmpty();
            Run missing = honchat("account", "delete", "Bob", "--data-dir", dir.toString());
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("no account named 'Bob'");
        }
        // and again with the server gone
        assertThat(honchat("account", "list", "--data-dir", dir.toString()).out()).contains("Alice")
                .doesNotContain("Bob");
        Run offline = honchat("status", "--data-dir", dir.toString());
        assertThat(offline.exitCode()).isEqualTo(2);
        assertThat(offline.err()).contains("no server is running on");
        assertThat(honchat("account", "delete", "Alice", "--data-dir", dir.toString()).out())
                .contains("deleted from the store (no server is running)");
        Run token = honchat("admin", "token", "--data-dir", dir.toString());
        assertThat(token.out().strip()).matches("[0-9a-f]{64}");
        Run rotated = honchat("admin", "token", "--rotate", "--data-dir", dir.toString());
        assertThat(rotated.out().strip()).matches("[0-9a-f]{64}").isNotEqualTo(token.out().strip());
    }

    @Test
    void importCreatesEveryAccountOfAFileOrNone() throws Exception {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "Imp1\tplain:pw\nImp2 plain:pw\nimp1\tmd5:" + "0".repeat(32) + "\n");
        Run refused = honchat("account", "import", bad.toString(), "--data-dir", dir.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ": line 2: expected NAME<TAB>CREDENTIAL",
                bad + ": line 3: 'imp1' is already on line 1", "honchat: nothing imported: 2 bad lines");
        assertThat(honchat("account", "list", "--data-dir", dir.toString()).out()).doesNotContain("Imp1");

        StringBuilder lines = new StringBuilder("# name, credential, type\n");
        for (int i = 0; i < 3000; i++) {
            lines.append("bulk").append(i).append("\tplain:pw").append(i).append('\n');
        }
        lines.append("Migrated\tmd5:").append(org.honchat.server.store.Credentials.md5Hex("old secret"))
                .append("\tstaff\n");
        Path good = dir.resolve("good.tsv");
        Files.writeString(good, lines);
        Run dry = honchat("account", "import", good.toString(), "--dry-run", "--data-dir", dir.toString());
        assertThat(dry.out()).contains("3001 accounts would be imported");
        Run imported = honchat("account", "import", good.toString(), "--data-dir", dir.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).containsPattern("imported 3001 accounts in \\d+ ms");
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
            LoginClient login = new LoginClient("127.0.0.1", server.httpPort());
            assertThat(login.auth(LoginClient.Style.BODY_ONLY, "bulk2999", "pw2999").php()).containsEntry(0L, true);
            assertThat(login.auth(LoginClient.Style.BODY_ONLY, "Migrated", "old secret").php())
                    .containsEntry(0L, true);
            assertThat(server.database().accounts().list()).hasSize(3001);
            // a second import of the same file is refused as a whole, line by line
            Run again = honchat("account", "import", good.toString(), "--data-dir", dir.toString());
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("line 2: an account named 'bulk0' already exists",
                    "nothing imported: 3001 bad lines");
        }
    }

    @Test
    void configFileAndDataDirOptionsAreAccepted() throws Exception {
        Path other = dir.resolve("other");
        Path config = dir.resolve("honchat.yaml");
        Files.writeString(config, "dataDir: " + other + "\n");
        Run created = honchat("account", "create", "Cfg", "--password", "pw", "--config", config.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(other.resolve("honchat.mv.db")).exists();
        Files.writeString(config, "chat:\n  clientPrt: 1\n");
        Run bad = honchat("account", "list", "--config", config.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown configuration key: chat.clientPrt");
    }

    @Test
    void sessionSurvivesKillDashNine() throws Exception {
        assertThat(honchat("account", "create", "Durable", "--password", "pw", "--data-dir", dir.toString())
                .exitCode()).isZero();
        int port = freePort();
        Process server = start("serve", "--data-dir", dir.toString(), "--http-port", Integer.toString(port),
                "--chat-port", "0", "--admin-port", "0", "--match-server-port", "0", "--manager-port", "0");
        List<String> cookies = new ArrayList<>();
        try {
            waitForPort(port, server);
            LoginClient login = new LoginClient("127.0.0.1", port);
            for (int i = 0; i < 5; i++) {
                cookies.add((String) login.auth(LoginClient.Style.GAME_CLIENT, "Durable", "pw").php().get("cookie"));
            }
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            server.waitFor(30, TimeUnit.SECONDS);
        }
        ServerConfig config = ServerConfig.defaults().withDataDir(dir.toString());
        try (Database db = Database.open(config)) {
            for (String cookie : cookies) {
                LoginSession session = db.sessions().find(cookie).orElseThrow(
                        () -> new AssertionError("acknowledged session lost: " + cookie));
                assertThat(session.validAt(Instant.now())).isTrue();
            }
        }
    }

    @Test
    void serveStopsCleanlyOnSigterm() throws Exception {
        assertThat(honchat("account", "create", "Stayer", "--password", "pw", "--data-dir", dir.toString())
                .exitCode()).isZero();
        int http = freePort();
        int chat = freePort();
        Process server = start("serve", "--data-dir", dir.toString(), "--http-port", Integer.toString(http),
                "--chat-port", Integer.toString(chat), "--admin-port", "0", "--match-server-port", "0", "--manager-port", "0");
        waitForPort(chat, server);
        waitForPort(http, server); // the login service binds after the chat listener (it names its port)
        ChatLogin login = ChatLogin.login(new LoginClient("127.0.0.1", http), "Stayer", "pw");
        try (ChatClient client = ChatClient.connect("127.0.0.1", chat)) {
            client.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            client.await(PlayerCount.class);
            long start = System.nanoTime();
            server.destroy(); // SIGTERM: stop accepting, close sessions cleanly, flush, exit 0
            assertThat(client.awaitClose(Duration.ofSeconds(15))).as("the session was closed").isTrue();
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            // within limits.shutdownSeconds (10) and its margin
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(13));
        }
        // the last-seen time of the closed session was stored on the way out
        try (Database db = Database.open(ServerConfig.defaults().withDataDir(dir.toString()))) {
            assertThat(db.accounts().findByName("Stayer").orElseThrow().lastSeen()).isNotNull();
        }
    }

    private Run honchat(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        assertThat(done).as("honchat %s finished", String.join(" ", args)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("last-stderr.txt"));
        return new Run(process.exitValue(), out, err);
    }

    private Process start(String... args) throws IOException {
        return startServer(dir, args);
    }

    @Test
    void jsonLogLinesOnRequest() throws Exception {
        // HONCHAT_LOG_FORMAT=json: every log line one JSON object (the first open of a store logs its migration)
        Process process = startServer(dir, java.util.Map.of("HONCHAT_LOG_FORMAT", "json"), "account", "create",
                "Jason", "--password", "pw", "--data-dir", dir.toString());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("last-stderr.txt"));
        assertThat(lines).isNotEmpty();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).get("formattedMessage")).as(line).isNotNull();
        }
        assertThat(lines).anyMatch(line -> line.contains("database schema migrated"));
    }

    /** Starts the packaged jar with these arguments; its standard error goes to {@code dir/last-stderr.txt}. */
    static Process startServer(Path dir, String... args) throws IOException {
        return startServer(dir, java.util.Map.of(), args);
    }

    /** The same with extra environment variables. */
    static Process startServer(Path dir, java.util.Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("last-stderr.txt").toFile());
        // tests listen on loopback only
        builder.environment().put("HONCHAT_CHAT_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("HONCHAT_HTTP_BIND_ADDRESS", "127.0.0.1");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("honchat.jar", "target/honchat.jar"));
        assertThat(jar).as("the packaged server (mvn package runs before the integration tests)").exists();
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void waitForPort(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process running").isTrue();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server did not listen on " + port);
    }
}
