package org.honchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.DataDirectory;
import org.honchat.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a start guarantees an operator (docs/operations.md): one server per data directory, owner-only secrets, the
 * embedded database's port on loopback, and a port in use named in one line with nothing left listening.
 */
class StartSafetyIT {

    @TempDir
    Path dir;

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedNamingTheFirst() throws Exception {
        try (HonchatServer first = HonchatServer.start(TestDatabases.loopback(dir))) {
            assertThatThrownBy(() -> HonchatServer.start(TestDatabases.loopback(dir)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("a server is already running on the data directory")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("chat port " + first.chatPort());
            assertThat(ServerLock.holder(dir)).hasValueSatisfying(h -> assertThat(h).contains("admin port "
                    + first.adminPort()));
            // the first one still serves, and its admin address is still the one announced
            assertThat(Files.readString(dir.resolve("admin-address"))).contains(":" + first.adminPort());
        }
        assertThat(ServerLock.holder(dir)).isEmpty();
        try (HonchatServer again = HonchatServer.start(TestDatabases.loopback(dir))) {
            assertThat(again.chatPort()).isPositive(); // a clean stop released the lock
        }
    }

    @Test
    void secretsAreOwnerOnlyAndAStartPutsLooseModesRightSayingWhich() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            for (String secret : DataDirectory.SECRETS) {
                assertThat(mode(dir.resolve(secret))).as(secret).isEqualTo("rw-------");
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("chat-secret"), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = logged(HonchatServer.class, () -> {
            try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
                assertThat(mode(dir.resolve("chat-secret"))).isEqualTo("rw-------");
                assertThat(mode(dir)).isEqualTo("rwx------");
            }
        });
        assertThat(warnings).filteredOn(w -> w.contains("others could read it")).hasSize(2)
                .anyMatch(w -> w.startsWith("chat-secret was rw-r--r--, now rw-------"))
                .anyMatch(w -> w.contains("the data directory"));
    }

    @Test
    void theEmbeddedDatabasesServerListensOnLoopbackOnly() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
            // H2's automatic server names its address in the lock file it keeps beside the database
            Properties lock = new Properties();
            try (var in = Files.newInputStream(dir.resolve("honchat.lock.db"))) {
                lock.load(in);
            }
            String address = lock.getProperty("server");
            assertThat(address).as("H2's automatic server runs").isNotNull();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            assertThat(listeningAddresses(port)).isNotEmpty().allMatch(StartSafetyIT::loopback);
        }
    }

    @Test
    void aPortInUseStopsTheStartNamingListenerPortSettingAndFlagAndLeavesNothingListening() throws Exception {
        String[][] listeners = {
            {"chat.clientPort", "chat listener", "--chat-port"},
            {"http.port", "login service", "--http-port"},
            {"admin.port", "admin port", "--admin-port"},
            {"matchserver.port", "match-server link", "--match-server-port"},
            {"manager.port", "manager link", "--manager-port"}};
        for (String[] listener : listeners) {
            int[] ports = {freePort(), freePort(), freePort(), freePort(), freePort()};
            ServerConfig config = TestDatabases.loopback(dir).with("chat.clientPort", "" + ports[0], "http.port",
                    "" + ports[1], "admin.port", "" + ports[2], "matchserver.port", "" + ports[3], "manager.port",
                    "" + ports[4]);
            int taken = switch (listener[0]) {
                case "chat.clientPort" -> ports[0];
                case "http.port" -> ports[1];
                case "admin.port" -> ports[2];
                case "matchserver.port" -> ports[3];
                default -> ports[4];
            };
            try (ServerSocket squatter = new ServerSocket(taken, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThatThrownBy(() -> HonchatServer.start(config)).isInstanceOf(ConfigException.class)
                        .hasMessage("the " + listener[1] + " cannot listen on 127.0.0.1:" + taken + ": the port is "
                                + "in use (another server on this machine?); choose another port with " + listener[0]
                                + " or " + listener[2]);
            }
            for (int port : ports) {
                assertThat(listeningAddresses(port)).as("nothing left on %d after %s", port, listener[0]).isEmpty();
            }
            assertThat(ServerLock.holder(dir)).isEmpty();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean loopback(String hexAddress) {
        return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F")
                || hexAddress.equals("00000000000000000000000001000000");
    }

    /** The local addresses (hex, as /proc shows them) of this machine's TCP sockets listening on {@code port}. */
    static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        List<String> found = new java.util.ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    found.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    interface Action {
        void run() throws Exception;
    }

    /** The WARN and INFO messages {@code type}'s logger wrote while {@code action} ran. */
    private static List<String> logged(Class<?> type, Action action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            action.run();
        } finally {
            logger.detachAppender(lines);
        }
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
