package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.Ping;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.clientbound.SessionPackets.Pong;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.SessionRequests.CampaignStatsRequest;
import org.honchat.protocol.serverbound.SessionRequests.PingRequest;
import org.honchat.protocol.serverbound.SessionRequests.RefreshUpgrades;
import org.honchat.protocol.serverbound.SessionRequests.TrackPlayerAction;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.Bytes;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.LoginSession;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection lifecycle over real sockets: docs/protocol.md §3.2-§3.10. */
class SessionLifecycleIT {

    @TempDir
    Path dir;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Test
    void gameClientSuccessSequenceByteForByte() throws Exception {
        // §3.7: 0x1C00, 0x00C0 (defaults, §7.17), 0x0B with no entries, 0x68 with one session (§7.14 layout)
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Alice", AccountType.REGULAR);
            ChatLogin login = h.login("Alice");
            ChatClient client = h.connect();
            client.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("02 00 00 1C");
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("09 00 C0 00 00 00 00 00 00 00 00");
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("06 00 0B 00 00 00 00 00");
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("07 00 68 00 01 00 00 00 00");
            client.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void theLoginReplyNamesTheChatListenerTheServerRuns() throws Exception {
        // §8.6 chat_url/chat_port: the chat listener on a free port (not 11031), bound to 127.0.0.1; a bot follows
        // the reply (as honpurple and pyHoNBot do) and is accepted there
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Alice", AccountType.REGULAR);
            ChatLogin login = h.login("Alice");
            assertThat(h.server.chatPort()).isNotEqualTo(11031);
            assertThat(login.chatPort()).isEqualTo(h.server.chatPort());
            assertThat(login.chatHost()).isEqualTo("127.0.0.1");
            try (ChatClient bot = ChatClient.connect(login.chatHost(), login.chatPort())) {
                bot.send(login.legacyConnect());
                assertThat(bot.nextFrame(CLOSE_WAIT).hex()).isEqualTo("02 00 00 1C");
            }
        }
    }

    @Test
    void aListenerOnAllAddressesIsNamedByTheHostTheClientUsedUnlessConfigured() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir, "chat.bindAddress", "0.0.0.0"))) {
            h.account("Alice", AccountType.REGULAR);
            ChatLogin login = h.login("Alice"); // the login client asks for 127.0.0.1:<http port>
            assertThat(login.chatHost()).isEqualTo("127.0.0.1");
            assertThat(login.chatPort()).isEqualTo(h.server.chatPort());
        }
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir.resolve("configured"), "login.chatUrl",
                "chat.example.net",
                "login.chatPort", "11031"))) {
            h.account("Alice", AccountType.REGULAR);
            ChatLogin login = h.login("Alice");
            assertThat(login.chatHost()).isEqualTo("chat.example.net");
            assertThat(login.chatPort()).isEqualTo(11031);
        }
    }

    @Test
    void legacySuccessSequenceHasNoOptions() throws Exception {
        // §2.4: LEGACY sessions get no 0xC0, and 0x0B as one frame per entry (one empty frame here)
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Bot", AccountType.REGULAR);
            ChatLogin login = h.login("Bot");
            ChatClient client = h.connect();
            client.send(login.legacyConnect());
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("02 00 00 1C");
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("06 00 0B 00 00 00 00 00");
            assertThat(client.nextFrame(CLOSE_WAIT).hex()).isEqualTo("07 00 68 00 01 00 00 00 00");
        }
    }

    @Test
    void staffSeeTheRegionalBreakdown() throws Exception {
        // §6.1 0x68: region:count for staff, "unknown" for LEGACY
        try (ChatHarness h = new ChatHarness(dir)) {
            h.legacy("Bot");
            h.account("Boss", AccountType.STAFF);
            ChatLogin login = h.login("Boss");
            ChatClient staff = h.connect();
            staff.send(login.gameClientConnect(ChatMode.AVAILABLE, "eu"));
            assertThat(staff.await(PlayerCount.class)).isEqualTo(new PlayerCount(2, "eu:1|unknown:1"));
        }
    }

    @Test
    void everyRejectReasonThenClose() throws Exception {
        ServerConfig config = ChatHarness.config(dir, "chat.requiredClientVersion", "4.10.1.0",
                "chat.allowLegacyClients", "false");
        try (ChatHarness h = new ChatHarness(config)) {
            h.account("Alice", AccountType.REGULAR);
            h.account("Bob", AccountType.REGULAR);
            ChatLogin alice = h.login("Alice");
            ChatLogin bob = h.login("Bob");
            ClientConnect good = alice.gameClientConnect(ChatMode.AVAILABLE, "en");
            // §3.4 step 2: protocol version
            assertRejected(h, with(good, good.cookie(), good.authHash(), 67, good.tail()), RejectReason.BAD_VERSION);
            // step 3: required client version, and LEGACY refused by configuration
            assertRejected(h, with(good, good.cookie(), good.authHash(), 68,
                    new ClientConnect.GameClientInfo(1, 10, 0, 0, "wac", "x86_64", 4, 10, 0, 9, 0, 0, "en", "en")),
                    RejectReason.BAD_VERSION);
            assertRejected(h, alice.legacyConnect(), RejectReason.BAD_VERSION);
            // step 4: empty, unknown, another account's cookie
            assertRejected(h, with(good, "", good.authHash(), 68, good.tail()), RejectReason.AUTH_FAILED);
            assertRejected(h, with(good, "f".repeat(32), good.authHash(), 68, good.tail()), RejectReason.AUTH_FAILED);
            assertRejected(h, with(good, bob.cookie(), good.authHash(), 68, good.tail()), RejectReason.AUTH_FAILED);
            // step 5: auth hash
            assertRejected(h, with(good, good.cookie(), "0".repeat(40), 68, good.tail()), RejectReason.AUTH_FAILED);
            // an expired cookie
            LoginSession s = h.server.database().sessions().find(alice.cookie()).orElseThrow();
            h.server.database().sessions().delete(s.cookie());
            h.server.database().sessions().create(new LoginSession(s.cookie(), s.accountId(), s.clientIp(),
                    s.created(), Instant.now().minusSeconds(1)));
            assertRejected(h, good, RejectReason.AUTH_FAILED);
            // step 6: disabled and server accounts
            for (AccountType type : new AccountType[] {AccountType.DISABLED, AccountType.SERVER}) {
                ChatLogin fresh = h.login("Bob");
                h.server.database().accounts().setType(bob.accountId(), type);
                assertRejected(h, fresh.gameClientConnect(ChatMode.AVAILABLE, "en"), RejectReason.UNKNOWN);
                h.server.database().accounts().setType(bob.accountId(), AccountType.REGULAR);
            }
            // upper-case hex is accepted (§3.5: ASCII-lower-cased before comparing)
            ChatLogin again = h.login("Alice");
            ChatClient ok = h.connect();
            ok.send(with(good, again.cookie(), again.authHash().toUpperCase(), 68, good.tail()));
            ok.expect(org.honchat.protocol.clientbound.SessionPackets.AuthAccepted.class);
        }
    }

    private static ClientConnect with(ClientConnect c, String cookie, String hash, long protocol,
            ClientConnect.Tail tail) {
        return new ClientConnect(c.accountId(), cookie, c.ip(), hash, protocol, tail);
    }

    private static void assertRejected(ChatHarness h, ClientConnect connect, RejectReason reason) throws Exception {
        ChatClient client = h.connect();
        client.send(connect);
        assertThat(client.expect(AuthRejected.class).reason()).isEqualTo(reason);
        assertThat(client.awaitClose(CLOSE_WAIT)).isTrue();
    }

    @Test
    void beforeAuthenticationOnlyConnectAndPingAreAccepted() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            // 0x2A00 is answered with 0x2A01 (§3.2), 0x2A01 is ignored
            ChatClient pinger = h.connect();
            pinger.send(PingRequest.INSTANCE);
            assertThat(pinger.nextFrame(CLOSE_WAIT).hex()).isEqualTo("02 00 01 2A");
            pinger.sendRaw(Bytes.ofHex("02 00 01 2A").toArray());
            pinger.expectNothing(Duration.ofMillis(300));
            // any other command closes silently
            ChatClient early = h.connect();
            early.send(new JoinChannel("HoN"));
            assertThat(early.awaitClose(CLOSE_WAIT)).isTrue();
            // a frame over 1024 bytes closes at once, before its body arrives
            ChatClient big = h.connect();
            big.sendRaw(Bytes.ofHex("01 04 00 0C").toArray());
            assertThat(big.awaitClose(CLOSE_WAIT)).isTrue();
            // a malformed 0x0C00 (fields 1-5 cut short) closes silently (§3.4 step 1)
            ChatClient broken = h.connect();
            broken.sendRaw(Bytes.ofHex("08 00 00 0C E8 03 00 00 41 00").toArray());
            assertThat(broken.awaitClose(CLOSE_WAIT)).isTrue();
            // unknown ids too
            ChatClient unknown = h.connect();
            unknown.sendRaw(Bytes.ofHex("02 00 34 12").toArray());
            assertThat(unknown.awaitClose(CLOSE_WAIT)).isTrue();
            // empty frames are skipped, not fatal (§1.3 rule 4)
            ChatClient empty = h.connect();
            empty.sendRaw(Bytes.ofHex("00 00 01 00 FF 02 00 00 2A").toArray());
            assertThat(empty.nextFrame(CLOSE_WAIT).hex()).isEqualTo("02 00 01 2A");
        }
    }

    @Test
    void connectionsThatDoNotAuthenticateInTimeAreClosed() throws Exception {
        ServerConfig config = ChatHarness.config(dir, "chat.authDeadlineSeconds", "1");
        try (ChatHarness h = new ChatHarness(config)) {
            ChatClient idle = h.connect();
            long start = System.nanoTime();
            assertThat(idle.awaitClose(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            // an authenticated session is not affected by the deadline
            ChatClient alice = h.game("Alice");
            alice.expectNothing(Duration.ofMillis(1500));
            assertThat(alice.isClosedByServer()).isFalse();
        }
    }

    @Test
    void secondLoginTakesOverAndPeersSeeNoLogout() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("Fans"));
            bob.expect(ChangedChannel.class);
            ChatClient first = h.game("Alice");
            first.send(new JoinChannel("Fans"));
            first.expect(ChangedChannel.class);
            assertThat(bob.expect(JoinedChannel.class).member().accountId()).isEqualTo(h.id("Alice"));

            ChatLogin login = h.login("Alice");
            ChatClient second = h.connect();
            second.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            // §3.6: the old session gets reason 3 and is closed; its channels are left; no 0x0C status 0
            assertThat(first.expect(AuthRejected.class).reason()).isEqualTo(RejectReason.ACCOUNT_SHARING);
            assertThat(first.awaitClose(CLOSE_WAIT)).isTrue();
            second.expect(org.honchat.protocol.clientbound.SessionPackets.AuthAccepted.class);
            assertThat(bob.expect(LeftChannel.class)).isEqualTo(new LeftChannel(h.id("Alice"), 2));
            bob.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void disconnectCleansUpChannelsAndTellsPeers() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("Fans"));
            bob.expect(ChangedChannel.class);
            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("Fans"));
            alice.expect(ChangedChannel.class);
            bob.expect(JoinedChannel.class);
            alice.close(); // the client never says goodbye (§3.10)
            // 0x06 to the remaining members, then 0x0C status 0 to the peers as they were before
            assertThat(bob.expect(LeftChannel.class).accountId()).isEqualTo(h.id("Alice"));
            UpdateStatus gone = bob.expect(UpdateStatus.class);
            assertThat(gone.accountId()).isEqualTo(h.id("Alice"));
            assertThat(gone.status()).isEqualTo(ChatStatus.DISCONNECTED);
            // nothing is left behind: the account logs in again cleanly and last-seen was recorded
            ChatClient again = h.game("Alice");
            again.send(new JoinChannel("Fans"));
            assertThat(again.expect(ChangedChannel.class).members()).hasSize(1);
            assertThat(h.server.database().accounts().findByName("Alice").orElseThrow().lastSeen()).isNotNull();
        }
    }

    @Test
    void keepAliveAndReadTimeout() throws Exception {
        ServerConfig config = ChatHarness.config(dir, "chat.pingAfterWriteIdleSeconds", "1",
                "chat.readIdleTimeoutSeconds", "3", "chat.playerCountIntervalSeconds", "0");
        try (ChatHarness h = new ChatHarness(config)) {
            ChatClient game = h.game("Gamer");
            ChatClient bot = h.legacy("Bot");
            // §3.9: after 1 s without writes the server pings
            assertThat(game.next(Duration.ofSeconds(3))).isEqualTo(Ping.INSTANCE);
            assertThat(bot.next(Duration.ofSeconds(3))).isEqualTo(Ping.INSTANCE);
            // a ping from a LEGACY session is answered; from a game client it only counts as activity
            bot.send(PingRequest.INSTANCE);
            assertThat(bot.next(Duration.ofSeconds(2))).isEqualTo(Pong.INSTANCE);
            game.send(PingRequest.INSTANCE);
            ChatClient.Frame next = game.nextFrame(Duration.ofMillis(900));
            assertThat(next == null || next.hex().equals("02 00 00 2A")).as("no 0x2A01 to a game client").isTrue();
            // tolerated commands keep the connection (§3.8, §6.2)
            game.send(new TrackPlayerAction(0));
            game.send(CampaignStatsRequest.INSTANCE);
            game.send(RefreshUpgrades.INSTANCE);
            // reading nothing for 3 s closes the session; the bot keeps talking and stays
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (!game.isClosedByServer() && System.nanoTime() < deadline) {
                bot.send(PingRequest.INSTANCE);
                Thread.sleep(500);
            }
            assertThat(game.isClosedByServer()).isTrue();
            assertThat(bot.isClosedByServer()).isFalse();
        }
    }

    @Test
    void playerCountIsSentPeriodically() throws Exception {
        ServerConfig config = ChatHarness.config(dir, "chat.playerCountIntervalSeconds", "1");
        try (ChatHarness h = new ChatHarness(config)) {
            ChatClient alice = h.game("Alice");
            h.game("Bob");
            assertThat(alice.await(PlayerCount.class).total()).isEqualTo(2);
        }
    }

    @Test
    void logoutAtTheLoginServiceClosesTheChatSession() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Leaver", AccountType.REGULAR);
            ChatLogin login = h.login("Leaver");
            ChatClient client = h.connect();
            client.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            client.await(PlayerCount.class);
            h.http.call(LoginClient.Style.BODY_ONLY, Map.of("f", "logout", "cookie", login.cookie()));
            // §8.7: closed silently, no 0xC1
            assertThat(client.awaitClose(CLOSE_WAIT)).isTrue();
        }
    }
}
