package org.honchat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.ClanPackets.ClanRankChange;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAdded;
import org.honchat.protocol.serverbound.ClanRequests.ClanPromote;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Database;
import org.honchat.server.store.PermanentChannel;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write a client saw acknowledged survives a SIGKILL of the server in the middle of a stream of writes:
 * login sessions, buddy requests (acknowledged by 0xB2), clan rank changes (0x50) and auth-list entries of a
 * permanent channel (0x40). Then the store opens cleanly and holds nothing dangling.
 */
class DurabilityIT {

    @TempDir
    Path dir;

    private void cli(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data-dir", dir.toString())).toArray(String[]::new);
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), all))
                .as(err.toString()).isZero();
    }

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        int targets = 400;
        cli("account", "create", "Writer", "--password", "pw");
        List<String> members = new ArrayList<>();
        try (Database db = Database.open(ServerConfig.defaults().withDataDir(dir.toString()))) {
            java.security.SecureRandom random = new java.security.SecureRandom();
            for (int i = 0; i < targets; i++) {
                db.accounts().create("T" + i, org.honchat.protocol.types.AccountType.REGULAR,
                        org.honchat.server.store.Credentials.forPassword("pw", random), java.time.Instant.now());
                if (i < 150) {
                    members.add("--member");
                    members.add("T" + i);
                }
            }
        }
        List<String> clan = new ArrayList<>(List.of("clan", "create", "Kongor", "--tag", "KON", "--leader", "Writer"));
        clan.addAll(members);
        cli(clan.toArray(String[]::new));
        cli("channel", "create", "Vault");
        cli("channel", "admin", "Vault", "Writer", "--level", "administrator");

        int http = freePort();
        int chat = freePort();
        // this test writes in bursts on purpose: flood control out of reach
        Path config = dir.resolve("honchat.yaml");
        java.nio.file.Files.writeString(config, "chat:\n  flood:\n    threshold: 100000\n    disconnectAt: 200000\n");
        Process server = CliIT.startServer(dir, "serve", "--config", config.toString(), "--data-dir", dir.toString(),
                "--http-port", Integer.toString(http), "--chat-port", Integer.toString(chat),
                "--admin-port", "0", "--match-server-port", "0", "--manager-port", "0");
        Set<String> cookies = ConcurrentHashMap.newKeySet();
        Set<String> requested = ConcurrentHashMap.newKeySet();
        Set<Long> promoted = ConcurrentHashMap.newKeySet();
        Set<String> authorized = ConcurrentHashMap.newKeySet();
        try {
            CliIT.waitForPort(chat, server);
            CliIT.waitForPort(http, server); // the login service binds after the chat listener
            LoginClient login = new LoginClient("127.0.0.1", http);
            ChatLogin writer = ChatLogin.login(login, "Writer", "pw");
            cookies.add(writer.cookie());
            ChatClient client = ChatClient.connect("127.0.0.1", chat);
            client.selfAccountId(writer.accountId());
            client.send(writer.gameClientConnect(ChatMode.AVAILABLE, "en"));
            client.await(org.honchat.protocol.clientbound.SessionPackets.PlayerCount.class);
            long vault = 2;
            Thread reader = new Thread(() -> {
                try {
                    ClientboundPacket p;
                    while ((p = client.next(Duration.ofSeconds(30))) != null) {
                        if (p instanceof BuddyAddResponse
                                && ((BuddyAddResponse) p).type() == BuddyAddResult.REQUEST_SENT) {
                            requested.add(((BuddyAddResponse) p).nickname());
                        } else if (p instanceof ClanRankChange && ((ClanRankChange) p).rank() == ClanRank.OFFICER) {
                            promoted.add(((ClanRankChange) p).targetId());
                        } else if (p instanceof ChannelAuthAdded) {
                            authorized.add(((ChannelAuthAdded) p).name());
                        }
                    }
                } catch (InterruptedException | AssertionError e) {
                    // the connection died with the server
                }
            });
            reader.start();
            List<Long> memberIds = new ArrayList<>();
            try (Database db = Database.open(ServerConfig.defaults().withDataDir(dir.toString()))) {
                // read-only view through H2's automatic server while the server runs
                for (int i = 0; i < 150; i++) {
                    memberIds.add(db.accounts().findByName("T" + i).orElseThrow().id());
                }
            }
            for (int i = 0; i < targets; i++) {
                client.send(new RequestBuddyAdd("T" + i));
                if (i < 150) {
                    client.send(new ClanPromote(memberIds.get(i)));
                }
                client.send(new AddChannelAuthUser(vault, "name" + i));
                if (i % 50 == 0) {
                    cookies.add(ChatLogin.login(login, "T" + i, "pw").cookie());
                }
            }
            // kill in the middle of the stream: some writes acknowledged, the rest still in flight
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (requested.size() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            server.destroyForcibly(); // SIGKILL
            server.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(requested).as("writes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(60);
        assertThat(requested).as("writes still in flight at the kill").hasSizeLessThan(targets);

        try (Database db = Database.open(ServerConfig.defaults().withDataDir(dir.toString()))) {
            long writerId = db.accounts().findByName("Writer").orElseThrow().id();
            for (String cookie : cookies) {
                assertThat(db.sessions().find(cookie)).as("session " + cookie).isPresent();
            }
            for (String name : requested) {
                long target = db.accounts().findByName(name).orElseThrow().id();
                assertThat(db.social().request(writerId, target)).as("buddy request to " + name).isPresent();
            }
            for (long id : promoted) {
                assertThat(db.social().membership(id).orElseThrow().rank()).isEqualTo(ClanRank.OFFICER);
            }
            PermanentChannel stored = db.channels().find("Vault").orElseThrow();
            for (String name : authorized) {
                assertThat(stored.authList()).contains(name);
            }
            // consistent: every stored request points at existing accounts, the clan still has its leader
            assertThat(db.social().members(db.social().membership(writerId).orElseThrow().clan().id()))
                    .hasSize(151);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
