package org.honchat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.config.Version;
import org.honchat.server.store.Account;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.Database;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's paths of docs/operations.md: backup while serving and restore into a fresh directory, the move
 * from the embedded database to PostgreSQL, any number of SIGTERMs, and one line with exit code 2 for a mistyped
 * command, option or environment variable.
 */
class OperationsIT {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    /** The command line in this JVM, with an environment that lists only the given variables. */
    private static Run honchat(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run honchat(String... args) {
        return honchat(Map.of(), args);
    }

    @Test
    void mistypedCommandsOptionsAndVariablesStopWithOneLineAndExitCodeTwo() {
        Run version = honchat("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip()).isEqualTo("honchat " + Version.current());
        assertThat(Version.current()).isNotEqualTo("development").endsWith("-SNAPSHOT");

        for (String[] args : new String[][] {{"nosuch", "--help"}, {"nosuch"}, {"account", "lisst"},
            {"account", "list", "--nosuch"}, {"database"}}) {
            Run run = honchat(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("honchat: ");
            assertThat(run.out()).isEmpty();
        }
        Run variable = honchat(Map.of("HONCHAT_CHAT_CLIENTPORT", "1"), "account", "list", "--data-dir",
                dir.toString());
        assertThat(variable.exitCode()).isEqualTo(2);
        assertThat(variable.err().strip()).startsWith("honchat: unknown environment variable HONCHAT_CHAT_CLIENTPORT");
        // the launcher's and the log's own variables are not settings, and are accepted
        assertThat(honchat(Map.of("HONCHAT_LOG_FORMAT", "json", "HONCHAT_REBUILD", "1"), "account", "list",
                "--data-dir", dir.toString()).exitCode()).isZero();
    }

    @Test
    void aBackupTakenWhileServingRestoresIntoAFreshDirectoryWithItsSessionsAndSecrets() throws Exception {
        Path live = dir.resolve("live");
        String cookie;
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(live))) {
            server.database().accounts().create("Alice", AccountType.REGULAR,
                    Credentials.forPassword("pw", new SecureRandom()), Instant.now());
            server.database().channels().create("Saved", ChannelFlags.PERMANENT, "kept", "", 100);
            ChatLogin login = ChatLogin.login(new LoginClient("127.0.0.1", server.httpPort()), "Alice", "pw");
            cookie = login.cookie();
            try (ChatClient alice = ChatClient.gameClient("127.0.0.1", server.chatPort(), login)) {
                Path archive = dir.resolve("backup.zip");
                Run backup = honchat("backup", archive.toString(), "--data-dir", live.toString());
                assertThat(backup.exitCode()).as(backup.err()).isZero();
                assertThat(backup.out()).startsWith("backed up 1 accounts into " + archive);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                        .isEqualTo("rw-------");
                // a second backup to the same file is refused; restore beside the running server too
                assertThat(honchat("backup", archive.toString(), "--data-dir", live.toString()).exitCode())
                        .isEqualTo(2);
                Run whileRunning = honchat("restore", archive.toString(), "--data-dir", live.toString());
                assertThat(whileRunning.exitCode()).isEqualTo(2);
                assertThat(whileRunning.err()).contains("a server is running on", "stop it first");
            }
        }
        Path fresh = dir.resolve("fresh");
        Run restore = honchat("restore", dir.resolve("backup.zip").toString(), "--data-dir", fresh.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).startsWith("restored 1 accounts from");
        for (String secret : List.of("chat-secret", "db-password", "admin-token")) {
            assertThat(Files.readString(fresh.resolve(secret))).as(secret)
                    .isEqualTo(Files.readString(live.resolve(secret)));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(secret))))
                    .isEqualTo("rw-------");
        }
        try (HonchatServer restored = HonchatServer.start(TestDatabases.loopback(fresh))) {
            // the account, its password, its login session (cookie) and the permanent channel came back
            assertThat(restored.database().sessions().find(cookie)).isPresent();
            assertThat(restored.database().channels().loadAll()).anyMatch(c -> c.name().equals("Saved"));
            ChatLogin again = ChatLogin.login(new LoginClient("127.0.0.1", restored.httpPort()), "Alice", "pw");
            try (ChatClient alice = ChatClient.gameClient("127.0.0.1", restored.chatPort(), again)) {
                assertThat(alice).isNotNull();
            }
        }
        // into a directory that holds a database: refused, or moved aside with --replace
        Run refused = honchat("restore", dir.resolve("backup.zip").toString(), "--data-dir", fresh.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("already holds a database", "--replace");
        Run replaced = honchat("restore", dir.resolve("backup.zip").toString(), "--data-dir", fresh.toString(),
                "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        try (var aside = Files.list(fresh)) {
            assertThat(aside.filter(p -> p.getFileName().toString().startsWith("replaced-")).toList())
                    .singleElement().satisfies(p -> assertThat(p.resolve("honchat.mv.db")).exists());
        }
    }

    @Test
    void theEmbeddedDatabaseMovesToPostgresqlWithEveryRowAndIdsThatGoOn() throws Exception {
        assumeTrue(TestDatabases.kinds().contains(TestDatabases.POSTGRESQL), "PostgreSQL (HONCHAT_TEST_PG_URL)");
        ServerConfig embedded = TestDatabases.loopback(dir);
        long lastId;
        try (Database db = Database.open(embedded)) {
            Account a = db.accounts().create("Alice", AccountType.REGULAR,
                    Credentials.forPassword("pw", new SecureRandom()), Instant.now());
            Account b = db.accounts().create("Bob", AccountType.PREMIUM,
                    Credentials.forPassword("pw2", new SecureRandom()), Instant.now());
            db.social().addRequest(a.id(), b.id(), Instant.now());
            db.social().approve(a.id(), b.id(), Instant.now());
            db.social().createClan("Fans", "FAN", a.id(), Map.of(a.id(), org.honchat.protocol.types.ClanRank.LEADER),
                    Instant.now());
            db.channels().create("Saved", ChannelFlags.PERMANENT, "kept", "pass", 100);
            lastId = b.id();
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String[] pg = TestDatabases.postgresql(schema);
        Path target = dir.resolve("postgres.yaml");
        Files.writeString(target, "database:\n  url: \"" + pg[1] + "\"\n  user: \"" + pg[3] + "\"\n  password: \""
                + pg[5] + "\"\n  schema: " + schema + "\n");
        Run copy = honchat("database", "copy", "--to", target.toString(), "--data-dir", dir.toString());
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out()).containsPattern("accounts +2 rows").containsPattern("buddies +2 rows")
                .containsPattern("clan_members +1 rows")
                .contains("counts checked");
        ServerConfig postgres = ServerConfig.defaults().with(pg);
        try (Database db = Database.open(postgres)) {
            assertThat(db.accounts().findByName("bob")).hasValueSatisfying(b -> assertThat(b.type())
                    .isEqualTo(AccountType.PREMIUM));
            assertThat(db.accounts().credentials(lastId).orElseThrow().matchesMd5(LoginClient.md5Hex("pw2")))
                    .isTrue();
            assertThat(db.channels().loadAll()).singleElement().satisfies(c -> assertThat(c.password())
                    .isEqualTo("pass"));
            Account carol = db.accounts().create("Carol", AccountType.REGULAR,
                    Credentials.forPassword("pw", new SecureRandom()), Instant.now());
            assertThat(carol.id()).as("the identity goes on after the copied ids").isGreaterThan(lastId);
        }
        // a second copy into the now non-empty target is refused, and writes nothing
        Run again = honchat("database", "copy", "--to", target.toString(), "--data-dir", dir.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("the target database is not empty");
        try (Database db = Database.open(postgres)) {
            assertThat(db.accounts().list()).hasSize(3);
        }
    }

    @Test
    void aBackupOfPostgresqlNamesThePgDumpCommandInstead() {
        Run run = honchat(Map.of("HONCHAT_DATABASE_URL", "jdbc:postgresql://db.example:5432/honchat",
                "HONCHAT_DATABASE_USER", "honchat", "HONCHAT_DATABASE_SCHEMA", "chat"), "backup",
                dir.resolve("x.zip").toString(), "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("pg_dump --format=custom --file=" + dir.resolve("x.zip"),
                "--username=honchat", "--schema=chat", "'postgresql://db.example:5432/honchat'",
                "chat-secret and admin-token");
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    @Test
    void anyNumberOfSigtermsRunOneOrderlyStop() throws Exception {
        Path data = dir.resolve("data");
        int http = freePort();
        Map<String, String> env = new HashMap<>();
        Process server = CliIT.startServer(dir, env, "serve", "--data-dir", data.toString(), "--http-port",
                Integer.toString(http), "--chat-port", "0", "--admin-port", "0", "--match-server-port", "0",
                "--manager-port", "0");
        CliIT.waitForPort(http, server);
        Thread.sleep(300);
        server.destroy();
        Thread.sleep(50);
        server.destroy();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        String log = Files.readString(dir.resolve("last-stderr.txt"));
        assertThat(log).doesNotContain("Exception");
        assertThat(log.lines().filter(l -> l.contains("honchat stopped"))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("stopping"))).hasSizeGreaterThanOrEqualTo(1);
        assertThat(data.resolve("admin-address")).doesNotExist();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
