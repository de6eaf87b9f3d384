package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupPackets.GroupInvite;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.AutoMatchConnect;
import org.honchat.protocol.clientbound.MatchmakingPackets.CampaignStats;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.PopularityUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.ServerNotIdle;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.link.ChatToMatchServer;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.link.ChatToMatchServer.RosterEntry;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupInviteRequest;
import org.honchat.protocol.serverbound.GroupRequests.GroupJoin;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.protocol.serverbound.SessionRequests.CampaignStatsRequest;
import org.honchat.protocol.types.AccountType;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.servers.FakeManager;
import org.honchat.testkit.servers.FakeMatchServer;
import org.honchat.testkit.servers.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matchmaking over real sockets (docs/protocol.md §9): game clients on the chat port, the testkit's fake match server on
 * the match-server port and fake managers on the manager port, both registered through server_requester.php.
 */
class MatchmakingIT {

    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Alice and the others queue for midwars as in the §9.9 examples. */
    private static final GroupCreate MIDWARS = new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false,
            0, 1, true);

    private static ChatHarness harness(Path dir, String... keysAndValues) throws Exception {
        List<String> all = new ArrayList<>(List.of("matchmaking.brokerIntervalSeconds", "1"));
        all.addAll(List.of(keysAndValues));
        return new ChatHarness(ChatHarness.config(dir, all.toArray(new String[0])));
    }

    /** Registers through new_session and connects; the accept sequence is read, the server reports IDLE. */
    private static FakeMatchServer matchServer(ChatHarness h, String instance, String location) throws Exception {
        if (h.server.database().accounts().findByName("gamehost").isEmpty()) {
            h.account("gamehost", AccountType.SERVER);
        }
        Registration r = Registration.newSession(h.http, "gamehost:" + instance, "pw-gamehost", "198.51.100.20",
                11235, "eu " + instance, location);
        FakeMatchServer server = FakeMatchServer.connect("127.0.0.1", r.chatPort(), r.id(), r.cookie(), location,
                "10.0.0.1", 11236);
        server.expectAccepted();
        server.idle();
        return server;
    }

    /** From 0x0C0A to the queue-entry frame, for a solo player. */
    private static void queueSolo(ChatClient c) throws Exception {
        c.send(MIDWARS);
        c.expect(GroupUpdate.class);
        c.send(new GroupReady(1, 0));
        c.expect(GroupUpdate.class);
        c.expect(StartLoading.class);
        c.send(new LoadingStatus(100));
        c.expect(GroupUpdate.class);
        c.expect(JoinedQueue.class);
        c.expect(GroupQueueUpdate.class);
    }

    private static String withoutNonce(String hex) {
        return hex.substring(0, hex.length() - "E9 C3 17 5A".length());
    }

    @Test
    void soloQueueToAutoMatchConnectByteForByte() throws Exception {
        try (ChatHarness h = harness(dir)) {
            List<ChatClient> players = new ArrayList<>();
            players.add(h.game("Alice")); // account 1000, the §9.9 examples' Alice
            try (FakeMatchServer server = matchServer(h, "1", "EU")) {
                ChatClient alice = players.get(0);
                alice.send(MIDWARS);
                alice.expect(GroupUpdate.class);
                alice.send(new GroupReady(1, 0));
                alice.expect(GroupUpdate.class);
                assertThat(alice.nextFrame(WAIT).hex()).as("0x0F03 alone in its frame").isEqualTo("02 00 03 0F");
                alice.send(new LoadingStatus(100));
                // §9.9.1 with the average of a fresh server (0 s, no matches yet) instead of 116 s
                assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("39 00 03 0D 02 E8 03 00 00 01 00 00 E8 03 00 00 04"
                        + " 03 6D 69 64 77 61 72 73 00 68 62 7C 73 64 00 45 55 7C 55 53 45 00 00 00 01 01 00 00 05 01 64"
                        + " 01 00 01 0D 06 0D 0B 00 00 00 00");
                for (String name : List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9")) {
                    ChatClient other = h.game(name);
                    players.add(other);
                    queueSolo(other);
                }
                CreateMatch match = server.expectMatch(WAIT);
                assertThat(match.roster()).hasSize(10);
                assertThat(match.roster().subList(0, 5)).extracting(RosterEntry::team).containsOnly(1);
                assertThat(match.roster().get(0).accountId()).isEqualTo(1000);
                assertThat(match.settings()).isEqualTo("mode:hb map:midwars teamsize:5 allheroes:true noleaver:true "
                        + "spectators:10");
                // §9.9.3 exactly
                assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("87 00 02 0D 03 0D 01 E8 03 00 00 01 00 00 E8 03 00"
                        + " 00 04 03 6D 69 64 77 61 72 73 00 68 62 7C 73 64 00 45 55 7C 55 53 45 00 00 00 01 01 00 00"
                        + " 05 01 E8 03 00 00 41 6C 69 63 65 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 FF"
                        + " FF 64 01 00 01 77 68 69 74 65 00 44 65 66 61 75 6C 74 20 49 63 6F 6E 00 00 01 74 72 75 65 7C"
                        + " 74 72 75 65 00 00 09 0D 6D 69 64 77 61 72 73 00 05 03 68 62 00 45 55 00 00 06 0D 10");
                server.announce(match, 119044);
                // §9.9.4 but the random nonce
                String connect = alice.nextFrame(WAIT).hex();
                assertThat(withoutNonce(connect)).isEqualTo(withoutNonce("1B 00 62 00 04 04 D1 01 00 31 39 38 2E 35 31"
                        + " 2E 31 30 30 2E 32 30 00 E3 2B E9 C3 17 5A"));
                assertThat(connect).doesNotEndWith("FF FF FF FF");
                for (ChatClient other : players.subList(1, 10)) {
                    other.await(AutoMatchConnect.class);
                }
                // §9.9.5: a reminder after 0x0506
                server.remind(1000);
                assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("1B 00 62 00 04 04 D1 01 00 31 39 38 2E 35 31 2E 31"
                        + " 30 30 2E 32 30 00 E3 2B FF FF FF FF");
                server.remind(1000);
                alice.expectNothing(Duration.ofMillis(500));
                assertThat(h.server.chat().query(d -> h.server.chat().domain().matchmaking().groupCount()).get())
                        .as("solo groups end at the announce").isZero();
            }
        }
    }

    /** A group of {@code names}, the first leading, everyone ready and loaded: it is queued. */
    private static List<ChatClient> queueGroup(ChatHarness h, String... names) throws Exception {
        List<ChatClient> members = new ArrayList<>();
        for (String name : names) {
            members.add(h.game(name));
        }
        ChatClient leader = members.get(0);
        leader.send(MIDWARS);
        leader.expect(GroupUpdate.class);
        for (int i = 1; i < names.length; i++) {
            leader.send(new GroupInviteRequest(names[i]));
            members.get(i).await(GroupInvite.class);
            members.get(i).send(new GroupJoin("4.10.1.0", names[0]));
            members.get(i).await(GroupUpdate.class);
        }
        // the others first, each seen by the server before the next (a leader's ready while someone is not ready
        // only prompts them, §9.2 0x0D05 rule 2)
        for (int i = names.length - 1; i >= 0; i--) {
            members.get(i).send(new GroupReady(1, 0));
            int ready = names.length - i;
            GroupUpdate update;
            do {
                update = members.get(i).await(GroupUpdate.class);
            } while (update.members().stream().filter(GroupUpdate.Member::ready).count() < ready);
        }
        for (ChatClient member : members) {
            member.await(StartLoading.class);
        }
        for (ChatClient member : members) {
            member.send(new LoadingStatus(100));
        }
        for (ChatClient member : members) {
            member.await(JoinedQueue.class);
        }
        return members;
    }

    @Test
    void fiveVersusFiveFromGroupsOfSeveralSizesInQueueOrder() throws Exception {
        try (ChatHarness h = harness(dir, "matchmaking.brokerIntervalSeconds", "3")) {
            try (FakeMatchServer server = matchServer(h, "1", "EU")) {
                // §9.4.3: anchor g1 (3) in team 1; g2 (3) does not fit team 1, goes to team 2; g3 (2) fills team 1;
                // g4 (2) fills team 2. A group is never split.
                queueGroup(h, "G1a", "G1b", "G1c");
                queueGroup(h, "G2a", "G2b", "G2c");
                queueGroup(h, "G3a", "G3b");
                queueGroup(h, "G4a", "G4b");
                CreateMatch match = server.expectMatch(Duration.ofSeconds(10));
                List<String> names = new ArrayList<>();
                for (RosterEntry e : match.roster()) {
                    String name = h.server.database().accounts().findById(e.accountId()).orElseThrow().name();
                    names.add(name + "/" + e.team() + "/" + e.slot() + "/" + e.groupIndex());
                }
                assertThat(names).containsExactly("G1a/1/0/0", "G1b/1/1/0", "G1c/1/2/0", "G3a/1/3/1", "G3b/1/4/1",
                        "G2a/2/0/2", "G2b/2/1/2", "G2c/2/2/2", "G4a/2/3/3", "G4b/2/4/3");
                assertThat(match.groupIds()).hasSize(4);
            }
        }
    }

    @Test
    void notIdleAndServerLossWithAMatchInFlight() throws Exception {
        try (ChatHarness h = harness(dir, "matchmaking.teamSizeOverride", "1")) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            try (FakeMatchServer server = matchServer(h, "1", "EU")) {
                queueSolo(alice);
                queueSolo(bob);
                CreateMatch match = server.expectMatch(WAIT);
                alice.await(GroupQueueUpdate.class);
                server.notIdle(match);
                // §9.9.6 with this match's matchup id
                assertThat(alice.await(ServerNotIdle.class))
                        .isEqualTo(new ServerNotIdle(4, match.matchupId(), "198.51.100.20", 11235));
                bob.await(ServerNotIdle.class);

                // back in the queue (their credit restores the wait); the server must report IDLE first
                queueSolo(alice);
                queueSolo(bob);
                server.idle();
                CreateMatch second = server.expectMatch(WAIT);
                alice.await(GroupQueueUpdate.class);
                server.close();
                assertThat(alice.await(ServerNotIdle.class).matchupId()).isEqualTo(second.matchupId());
                bob.await(ServerNotIdle.class);
            }
        }
    }

    @Test
    void noMatchServerAndDisabledAndSeasonStats() throws Exception {
        try (ChatHarness h = harness(dir)) {
            ChatClient alice = h.game("Alice");
            alice.send(CampaignStatsRequest.INSTANCE);
            // §9.9.11 then 0x0D07 with matchmaking on, two frames
            assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("3E 00 07 0F 00 80 BB 44 00 00 00 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80 BB 44 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 01 01");
            assertThat(alice.expect(PopularityUpdate.class).enabled()).isTrue();
            alice.send(MIDWARS);
            alice.expect(GroupUpdate.class);
            alice.send(new GroupReady(1, 0));
            alice.expect(GroupUpdate.class);
            // §9.9.9
            assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("03 00 0A 0E 02");
        }
        try (ChatHarness h = harness(dir.resolve("ban"))) {
            // a ban set by an operator in the store applies from the next login: reason 9, seconds left rounded up
            h.account("Banned", AccountType.REGULAR);
            h.server.database().matchmaking().setMatchmakingBan(h.id("Banned"),
                    java.time.Instant.now().plusSeconds(3600));
            ChatClient banned = h.game("Banned");
            banned.send(MIDWARS);
            GroupJoinFailed failed = banned.expect(GroupJoinFailed.class);
            assertThat(failed.reason()).isEqualTo(9);
            assertThat(failed.banSeconds()).isBetween(3590L, 3600L);
        }
        try (ChatHarness h = harness(dir.resolve("off"), "matchmaking.enabled", "false")) {
            ChatClient alice = h.game("Alice");
            alice.send(CampaignStatsRequest.INSTANCE);
            alice.expect(CampaignStats.class);
            assertThat(alice.expect(PopularityUpdate.class).enabled()).isFalse();
            alice.send(MIDWARS);
            assertThat(alice.expect(GroupJoinFailed.class)).isEqualTo(GroupJoinFailed.of(1));
        }
    }

    @Test
    void queuedGroupsGoBackWhenNoServerIsLeftAndLeavingTheQueue() throws Exception {
        try (ChatHarness h = harness(dir)) {
            ChatClient alice = h.game("Alice");
            FakeMatchServer server = matchServer(h, "1", "EU");
            queueSolo(alice);
            server.disconnect();
            // "no servers": 0x0D06 type 13, 0x0D02, 0x0D03 type 1 in one frame
            ChatClient.Frame frame = alice.nextFrame(Duration.ofSeconds(5));
            assertThat(frame.hex().substring(6)).startsWith("06 0D 0D 02 0D 03 0D 01");
            server.close();
            try (FakeMatchServer again = matchServer(h, "1", "EU")) {
                alice.send(new GroupReady(1, 0));
                alice.expect(GroupUpdate.class);
                alice.expect(StartLoading.class);
                alice.send(new LoadingStatus(100));
                alice.await(JoinedQueue.class);
                alice.await(GroupQueueUpdate.class);
                alice.send(GroupLeave.INSTANCE);
                assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("02 00 02 0D");
                assertThat(alice.expect(GroupUpdate.class).type().name()).isEqualTo("PLAYER_LEFT");
            }
        }
    }

    @Test
    void badCookiesAndVersionsAreRefusedAndManagersOf68And70Accepted() throws Exception {
        try (ChatHarness h = harness(dir)) {
            h.account("gamehost", AccountType.SERVER);
            Registration r = Registration.newSession(h.http, "gamehost:1", "pw-gamehost", "198.51.100.20", 11235,
                    "eu 1", "EU");
            // §9.9.13 and §9.9.15: the accept sequence, byte for byte
            try (FakeMatchServer ok = FakeMatchServer.connect("127.0.0.1", r.chatPort(), r.id(), r.cookie(), "EU",
                    "10.0.0.1", 1)) {
                assertThat(ok.nextFrame(WAIT).hex()).isEqualTo("02 00 00 15");
                assertThat(ok.nextFrame(WAIT).hex()).isEqualTo("35 00 05 15 01 03 00 00 00 98 3A 00 00 F4 01 00 00"
                        + " 03 00 00 00 30 75 00 00 10 27 00 00 00 00 00 00 0A 00 00 00 E8 03 00 00 00 00 01 00 00 60"
                        + " EA 00 00 00 00 00 00 01");
            }
            // §9.9.14: a cookie that is not the registration's
            try (FakeMatchServer bad = FakeMatchServer.connect("127.0.0.1", r.chatPort(), r.id(),
                    "00000000000000000000000000000000", "EU", "10.0.0.1", 1)) {
                assertThat(bad.nextFrame(WAIT).hex()).isEqualTo("03 00 01 15 02");
                assertThat(bad.awaitClose(WAIT)).isTrue();
            }
            // another server id with this cookie, and a bad protocol
            try (FakeMatchServer wrongId = FakeMatchServer.connect("127.0.0.1", r.chatPort(), r.id() + 1,
                    r.cookie(), "EU", "10.0.0.1", 1)) {
                assertThat(wrongId.nextFrame(WAIT).hex()).isEqualTo("03 00 01 15 02");
            }
            // managers: replay_auth, then 0x1600 with protocol 68 and with 70
            Registration m = Registration.replayAuth(h.http, "gamehost:", "pw-gamehost");
            for (long protocol : new long[] {68, 70}) {
                try (FakeManager manager = FakeManager.connect("127.0.0.1", m.chatPort(), m.id(), m.cookie(),
                        protocol)) {
                    // §9.9.20
                    manager.expect(ManagerPackets.Accept.class);
                    assertThat(manager.nextFrame(WAIT).hex()).isEqualTo("0B 00 03 17 00 00 00 00 00 00 00 00 00");
                    manager.status("EU");
                    assertThat(h.server.chat().query(d -> h.server.chat().domain().matchmaking()
                            .connectedManagers()).get()).isEqualTo(1);
                }
            }
            try (FakeManager old = FakeManager.connect("127.0.0.1", m.chatPort(), m.id(), m.cookie(), 67)) {
                assertThat(old.nextFrame(WAIT).hex()).isEqualTo("03 00 01 17 01");
            }
            Map<Object, Object> refused = h.http.callServer(Map.of("f", "new_session", "login", "gamehost:1",
                    "pass", "0", "port", "1", "ip", "1.2.3.4")).php();
            assertThat(refused.get(0L)).isEqualTo(false);
            assertThat(refused).containsKey("error");
        }
    }

    /** Reads until the server closes the socket; true when it did within {@code wait}, having sent nothing. */
    private static boolean closedSilently(java.net.Socket socket, Duration wait) throws Exception {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void hostileInputOnTheMatchServerPort() throws Exception {
        // §9.5.1: before authentication only 0x0500 and 0x2A00; a declared length above 1024 closes; no connect
        // within the deadline closes. After authentication an unknown id is ignored and the session stays.
        try (ChatHarness h = harness(dir, "matchserver.authDeadlineSeconds", "1")) {
            int port = h.server.matchServerPort();
            try (java.net.Socket other = new java.net.Socket("127.0.0.1", port)) {
                other.getOutputStream().write(new byte[] {0x06, 0x00, 0x06, 0x05, 1, 0, 0, 0});
                assertThat(closedSilently(other, WAIT)).isTrue();
            }
            try (java.net.Socket big = new java.net.Socket("127.0.0.1", port)) {
                big.getOutputStream().write(new byte[] {0x01, 0x04}); // 1025
                assertThat(closedSilently(big, WAIT)).isTrue();
            }
            try (java.net.Socket idle = new java.net.Socket("127.0.0.1", port)) {
                idle.getOutputStream().write(new byte[] {0x02, 0x00, 0x00, 0x2A}); // a ping is answered
                idle.setSoTimeout(5000);
                byte[] pong = idle.getInputStream().readNBytes(4);
                assertThat(pong).containsExactly(0x02, 0x00, 0x01, 0x2A);
                assertThat(closedSilently(idle, Duration.ofSeconds(5))).as("auth deadline").isTrue();
            }
            try (FakeMatchServer server = matchServer(h, "1", "EU")) {
                server.sendRaw(new byte[] {0x04, 0x00, (byte) 0x99, 0x05, 1, 2}); // unknown id
                server.sendRaw(new byte[] {0x03, 0x00, 0x03, 0x05, 1}); // a truncated announce
                server.send(org.honchat.protocol.link.LinkPing.INSTANCE);
                server.expect(org.honchat.protocol.link.LinkPong.class);
                assertThat(server.isClosedByServer()).isFalse();
                assertThat(h.server.chat().query(d -> h.server.chat().domain().matchmaking().connectedServers())
                        .get()).isEqualTo(1);
            }
        }
    }

    @Test
    void keepAliveOnBothLinks() throws Exception {
        // §9.5.8: the chat server pings a quiet match server and drops one that sends nothing; §9.6: it never pings
        // a manager, and drops one that stays silent
        try (ChatHarness h = harness(dir, "matchserver.pingAfterWriteIdleSeconds", "1",
                "matchserver.readIdleTimeoutSeconds", "3", "manager.readIdleTimeoutSeconds", "2")) {
            h.account("gamehost", AccountType.SERVER);
            Registration r = Registration.newSession(h.http, "gamehost:1", "pw-gamehost", "198.51.100.20", 11235,
                    "eu 1", "EU");
            Registration m = Registration.replayAuth(h.http, "gamehost:", "pw-gamehost");
            try (FakeMatchServer answering = FakeMatchServer.connect("127.0.0.1", r.chatPort(), r.id(), r.cookie(),
                    "EU", "10.0.0.1", 1);
                    FakeManager silent = FakeManager.connect("127.0.0.1", m.chatPort(), m.id(), m.cookie(), 70)) {
                answering.expectAccepted();
                silent.expectAccepted();
                // the fake answers each 0x2A00 with 0x2A01, which counts as reading: it stays
                assertThat(answering.awaitClose(Duration.ofSeconds(5))).isFalse();
                assertThat(silent.awaitClose(Duration.ofSeconds(5))).isTrue();
                assertThat(silent.nextFrame(Duration.ofMillis(10))).as("no ping was sent to the manager").isNull();
            }
            Registration r2 = Registration.newSession(h.http, "gamehost:2", "pw-gamehost", "198.51.100.20", 11236,
                    "eu 2", "EU");
            try (org.honchat.testkit.servers.LinkClient mute = new MuteServer(r2)) {
                mute.expect(ChatToMatchServer.Accept.class);
                assertThat(mute.awaitClose(Duration.ofSeconds(6))).as("no answer to pings: link lost").isTrue();
            }
        }
    }

    /** A match server that never answers pings. */
    private static final class MuteServer extends org.honchat.testkit.servers.LinkClient {
        MuteServer(Registration r) throws java.io.IOException {
            super("127.0.0.1", r.chatPort(), MatchServerPackets.TO_MATCH_SERVER, false);
            send(new MatchServerPackets.Connect(r.id(), r.cookie(), MatchServerPackets.PROTOCOL));
        }
    }
}
