package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupPackets.GroupInvite;
import org.honchat.protocol.clientbound.GroupPackets.GroupInviteBroadcast;
import org.honchat.protocol.clientbound.GroupPackets.GroupRejectInvite;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupInviteRequest;
import org.honchat.protocol.serverbound.GroupRequests.GroupJoin;
import org.honchat.protocol.serverbound.GroupRequests.GroupKick;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.GroupRequests.GroupRejectInviteRequest;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.GroupUpdateType;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matchmaking groups over real sockets: docs/protocol.md §6.11 (this phase: no queue). */
class GroupsIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);
    static final GroupCreate SETTINGS = new GroupCreate("4.10.1", 1, 1, "caldavar", "ap|sd", "USE|EU", true, 0, 0,
            false);

    @Test
    void createAndInviteByteForByte() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice"); // account 1000
            ChatClient bob = h.game("Bob"); // account 1001
            alice.send(SETTINGS);
            // §6.11 0x0D03, type 0 CREATE, full layout, to the creator: every field in order
            String create = String.join(" ",
                    "70 00 03 0D", // length 112, id 0x0D03
                    "00", "E8 03 00 00", "01", "00 00", "E8 03 00 00", // type 0, about 1000, size 1, rating, leader
                    "01", "01", // arranged match type 1 (MM, ranked), game type 1
                    "63 61 6C 64 61 76 61 72 00", "61 70 7C 73 64 00", "55 53 45 7C 45 55 00", // map, modes, regions
                    "01 00 00 00", // ranked, fidelity, bot difficulty, randomize bots
                    "00", "00", // restricted regions, invitation responses
                    "05", "01", // team size, TMM type
                    "E8 03 00 00", "41 6C 69 63 65 00", "01", // member: id, "Alice", slot 1
                    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", // medals and rankings
                    "01", "FF FF", "00 00 00", // eligible for campaign, rating, loading, ready, in game
                    "01", "77 68 69 74 65 00", "44 65 66 61 75 6C 74 20 49 63 6F 6E 00", "00", "01", // ranked, colour,
                    "74 72 75 65 7C 74 72 75 65 00", // icon, country, all modes; mode access "true|true"
                    "00"); // is Alice a buddy of the recipient
            assertThat(alice.nextFrame(Duration.ofSeconds(5)).hex()).isEqualTo(create);

            alice.send(new GroupInviteRequest("bob"));
            // 0x0C0D: Alice's ShortCard (ascension right after the icon), then map, game type, modes, regions
            String invite = String.join(" ",
                    "3C 00 0D 0C", // length 60, id 0x0C0D
                    "41 6C 69 63 65 00", "E8 03 00 00", "03", "00", "77 68 69 74 65 00",
                    "44 65 66 61 75 6C 74 20 49 63 6F 6E 00", "00 00 00 00",
                    "63 61 6C 64 61 76 61 72 00", "01", "61 70 7C 73 64 00", "55 53 45 7C 45 55 00");
            assertThat(bob.nextFrame(Duration.ofSeconds(5)).hex()).isEqualTo(invite);
            assertThat(alice.expect(GroupInviteBroadcast.class)).isEqualTo(new GroupInviteBroadcast("Bob", "Alice"));
        }
    }

    @Test
    void joinLeaveKickAndDissolve() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatClient carol = h.game("Carol");
            long aliceId = h.id("Alice");
            long bobId = h.id("Bob");
            long carolId = h.id("Carol");
            alice.send(SETTINGS);
            alice.expect(GroupUpdate.class);
            // joining without an invite is silent
            bob.send(new GroupJoin("4.10.1", "Alice"));
            bob.expectNothing(QUIET);
            for (ChatClient c : List.of(bob, carol)) {
                alice.send(new GroupInviteRequest(c == bob ? "Bob" : "Carol"));
                c.expect(GroupInvite.class);
                c.send(new GroupJoin("4.10.1", "Alice"));
                if (c == bob) {
                    // Bob's join is in before Carol's is sent: two connections' commands have no order between them
                    assertThat(bob.await(GroupUpdate.class).type()).isEqualTo(GroupUpdateType.PLAYER_JOINED);
                }
            }
            // type 3 to every member, the joiner included, about the joiner; slots from 1 in order
            GroupUpdate joined = carol.await(GroupUpdate.class);
            assertThat(joined.type()).isEqualTo(GroupUpdateType.PLAYER_JOINED);
            assertThat(joined.accountId()).isEqualTo(carolId);
            assertThat(joined.leaderId()).isEqualTo(aliceId);
            assertThat(joined.members()).extracting(GroupUpdate.Member::slot).containsExactly(1, 2, 3);
            assertThat(joined.members()).extracting(GroupUpdate.Member::accountId)
                    .containsExactly(aliceId, bobId, carolId);
            drain(alice, bob);

            // kick: the leader only; type 5 with the list before removal, then type 1 to the rest
            bob.send(new GroupKick(3));
            carol.expectNothing(QUIET);
            alice.send(new GroupKick(3));
            GroupUpdate kicked = carol.expect(GroupUpdate.class);
            assertThat(kicked.type()).isEqualTo(GroupUpdateType.PLAYER_KICKED);
            assertThat(kicked.accountId()).isEqualTo(carolId);
            assertThat(kicked.members()).hasSize(3);
            carol.expectNothing(QUIET);
            assertThat(bob.expect(GroupUpdate.class).type()).isEqualTo(GroupUpdateType.PLAYER_KICKED);
            GroupUpdate after = bob.expect(GroupUpdate.class);
            assertThat(after.type()).isEqualTo(GroupUpdateType.FULL);
            assertThat(after.accountId()).isEqualTo(bobId);
            assertThat(after.members()).hasSize(2);
            drain(alice);

            // a member leaves: type 4 to all (the leaver included), then type 1 to the rest
            bob.send(new GroupLeave());
            assertThat(bob.expect(GroupUpdate.class).type()).isEqualTo(GroupUpdateType.PLAYER_LEFT);
            assertThat(alice.expect(GroupUpdate.class).accountId()).isEqualTo(bobId);
            assertThat(alice.expect(GroupUpdate.class).members()).hasSize(1);

            // the leader leaving dissolves the group: type 4 with the leader's id, and nothing after
            alice.send(new GroupInviteRequest("Bob"));
            bob.expect(GroupInvite.class);
            bob.send(new GroupJoin("4.10.1", "Alice"));
            bob.await(GroupUpdate.class);
            drain(alice);
            alice.send(new GroupLeave());
            GroupUpdate dissolved = bob.expect(GroupUpdate.class);
            assertThat(dissolved.type()).isEqualTo(GroupUpdateType.PLAYER_LEFT);
            assertThat(dissolved.accountId()).isEqualTo(dissolved.leaderId());
            bob.expectNothing(QUIET);
        }
    }

    @Test
    void readyRejectFullAndDisconnect() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatClient carol = h.game("Carol");
            ChatClient dnd = h.game("Dnd");
            // a 3-player map
            alice.send(new GroupCreate("4.10.1", 1, 1, "grimmscrossing", "ap", "EU", false, 0, 0, false));
            assertThat(alice.expect(GroupUpdate.class).teamSize()).isEqualTo(3);
            // invites to DND sessions are silent; a reject goes to the inviter's group
            dnd.send(new SetChatMode(ChatMode.DND, ""));
            dnd.await(org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged.class);
            alice.send(new GroupInviteRequest("Dnd"));
            dnd.expectNothing(QUIET);
            alice.send(new GroupInviteRequest("Carol"));
            carol.expect(GroupInvite.class);
            alice.expect(GroupInviteBroadcast.class);
            carol.send(new GroupRejectInviteRequest("Alice"));
            assertThat(alice.expect(GroupRejectInvite.class)).isEqualTo(new GroupRejectInvite("Carol", "Alice"));

            alice.send(new GroupInviteRequest("Bob"));
            bob.expect(GroupInvite.class);
            alice.expect(GroupInviteBroadcast.class);
            bob.send(new GroupJoin("4.10.1", "Alice"));
            bob.expect(GroupUpdate.class);
            alice.expect(GroupUpdate.class);
            // ready: type 2 (partial) to all; when everyone is ready and no match server is connected, §9.1:
            // 0x0E0A reason 2 (busy) to every member, and the group ends without further 0x0D03
            // §9.2 0x0D05 rule 2: the leader's ready while Bob is not ready only prompts Bob (0x0F02)
            alice.send(new GroupReady(1, 0));
            bob.expect(org.honchat.protocol.clientbound.MatchmakingPackets.RequestReadyUp.class);
            alice.expectNothing(QUIET);
            bob.send(new GroupReady(1, 0));
            GroupUpdate partial = alice.expect(GroupUpdate.class);
            assertThat(partial.type()).isEqualTo(GroupUpdateType.PARTIAL);
            assertThat(partial.members()).extracting(GroupUpdate.Member::ready).containsExactly(false, true);
            bob.expect(GroupUpdate.class);
            alice.send(new GroupReady(1, 0));
            bob.expect(GroupUpdate.class);
            alice.expect(GroupUpdate.class);
            assertThat(bob.expect(GroupJoinFailed.class)).isEqualTo(GroupJoinFailed.of(2));
            assertThat(alice.expect(GroupJoinFailed.class)).isEqualTo(GroupJoinFailed.of(2));
            bob.send(new GroupLeave());
            bob.expectNothing(QUIET);

            // full group: 0x0E0A reason 5
            alice.send(new GroupCreate("4.10.1", 1, 1, "grimmscrossing", "ap", "EU", false, 0, 0, false));
            alice.expect(GroupUpdate.class);
            ChatClient[] others = {bob, carol, h.game("Dave")};
            String[] names = {"Bob", "Carol", "Dave"};
            for (int i = 0; i < 3; i++) {
                alice.send(new GroupInviteRequest(names[i]));
                others[i].await(GroupInvite.class);
            }
            bob.send(new GroupJoin("4.10.1", "Alice"));
            bob.await(GroupUpdate.class);
            carol.send(new GroupJoin("4.10.1", "Alice"));
            carol.await(GroupUpdate.class);
            others[2].send(new GroupJoin("4.10.1", "Alice"));
            assertThat(others[2].await(GroupJoinFailed.class)).isEqualTo(GroupJoinFailed.of(5));
            // a member's disconnect is a leave
            drain(alice, bob);
            carol.close();
            GroupUpdate left = bob.await(GroupUpdate.class);
            assertThat(left.type()).isEqualTo(GroupUpdateType.PLAYER_LEFT);
            assertThat(left.accountId()).isEqualTo(h.id("Carol"));
            assertThat(bob.await(GroupUpdate.class).members()).hasSize(2);
        }
    }

    @Test
    void isBuddyBytesFollowTheRecipient() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatClient carol = h.game("Carol");
            ChatHarness.befriend(alice, "Alice", bob, "Bob");
            alice.send(SETTINGS);
            alice.expect(GroupUpdate.class);
            for (ChatClient c : List.of(bob, carol)) {
                alice.send(new GroupInviteRequest(c == bob ? "Bob" : "Carol"));
                c.expect(GroupInvite.class);
                c.send(new GroupJoin("4.10.1", "Alice"));
                c.await(GroupUpdate.class);
            }
            GroupUpdate toAlice = alice.await(GroupUpdate.class);
            while (toAlice.members().size() < 3) {
                toAlice = alice.await(GroupUpdate.class);
            }
            assertThat(toAlice.members()).extracting(GroupUpdate.Member::buddyOfRecipient)
                    .containsExactly(false, true, false);
            carol.expectNothing(QUIET);
        }
    }

    private static void drain(ChatClient... clients) throws InterruptedException {
        for (ChatClient c : clients) {
            while (c.next(Duration.ofMillis(200)) != null) {
                // earlier updates not under test
            }
        }
    }
}
