package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAddFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAdded;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthDisabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthEnabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthList;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthRemoveFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthRemoved;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelBan;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelDemote;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelIsBanned;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelKick;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPromote;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenceLifted;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilencePlaced;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenced;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelUnban;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ChannelRequests.SendEmote;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DemoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DisableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.KickFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.ListChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.PromoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.RemoveChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.UnbanFromChannel;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channel moderation over real sockets: docs/protocol.md §6.2 0x30-0x43 and the rank rules of §6.3. */
class ModerationIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final long ROOM = 2;

    /** Admin (first joiner, ADMINISTRATOR), then the others in order, all in "Room" (id 2). */
    private static List<ChatClient> room(ChatHarness h, String... names) throws Exception {
        List<ChatClient> clients = new java.util.ArrayList<>();
        for (String name : names) {
            ChatClient c = name.startsWith("Staff") ? h.game(name, AccountType.STAFF, ChatMode.AVAILABLE)
                    : h.game(name);
            c.send(new JoinChannel("Room"));
            c.await(ChangedChannel.class);
            for (ChatClient earlier : clients) {
                earlier.await(JoinedChannel.class);
            }
            clients.add(c);
        }
        for (ChatClient c : clients) {
            c.expectNothing(Duration.ofMillis(100));
        }
        return clients;
    }

    @Test
    void kickNeedsAHigherLevel() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            List<ChatClient> c = room(h, "Admin", "Alice", "Bob");
            ChatClient admin = c.get(0);
            ChatClient alice = c.get(1);
            ChatClient bob = c.get(2);
            // equal levels cannot act on each other (§6.3 "higher" is strict)
            alice.send(new KickFromChannel(ROOM, h.id("Bob")));
            alice.send(new KickFromChannel(ROOM, h.id("Admin")));
            bob.expectNothing(QUIET);
            admin.expectNothing(QUIET);
            // 0x31 to all members, the kicked one included, then its 0x06 (§6.2 0x31)
            admin.send(new KickFromChannel(ROOM, h.id("Bob")));
            for (ChatClient x : c) {
                assertThat(x.expect(ChannelKick.class)).isEqualTo(new ChannelKick(ROOM, h.id("Admin"), h.id("Bob")));
                assertThat(x.expect(LeftChannel.class)).isEqualTo(new LeftChannel(h.id("Bob"), ROOM));
            }
            // a kicked member may come back (no ban), and is still connected
            bob.send(new JoinChannel("Room"));
            bob.expect(ChangedChannel.class);
        }
    }

    @Test
    void bannedAccountCannotRejoinUntilUnbanned() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            List<ChatClient> c = room(h, "Admin", "Alice", "Bob", "StaffSam");
            ChatClient admin = c.get(0);
            ChatClient alice = c.get(1);
            ChatClient bob = c.get(2);
            ChatClient sam = c.get(3);
            // nobody bans staff; a plain member bans nobody
            admin.send(new BanFromChannel(ROOM, "StaffSam"));
            alice.send(new BanFromChannel(ROOM, "Bob"));
            sam.expectNothing(QUIET);
            bob.expectNothing(QUIET);

            admin.send(new BanFromChannel(ROOM, "[KON]bob"));
            // out of the channel first (0x06 to all, Bob included), then 0x32 to the rest and to Bob
            for (ChatClient x : c) {
                assertThat(x.expect(LeftChannel.class)).isEqualTo(new LeftChannel(h.id("Bob"), ROOM));
            }
            ChannelBan ban = new ChannelBan(ROOM, h.id("Admin"), "Bob");
            for (ChatClient x : c) {
                assertThat(x.expect(ChannelBan.class)).isEqualTo(ban);
            }
            bob.send(new JoinChannel("Room"));
            assertThat(bob.expect(ChannelIsBanned.class)).isEqualTo(new ChannelIsBanned("Room"));
            // already banned: silent
            admin.send(new BanFromChannel(ROOM, "Bob"));
            admin.expectNothing(QUIET);
            // unban needs an officer; 0x33 to the members and to Bob, who is not a member
            alice.send(new UnbanFromChannel(ROOM, "Bob"));
            bob.expectNothing(QUIET);
            admin.send(new UnbanFromChannel(ROOM, "Bob"));
            ChannelUnban unban = new ChannelUnban(ROOM, h.id("Admin"), "Bob");
            for (ChatClient x : List.of(admin, alice, sam, bob)) {
                assertThat(x.expect(ChannelUnban.class)).isEqualTo(unban);
            }
            bob.send(new JoinChannel("Room"));
            bob.expect(ChangedChannel.class);
            // staff ignore bans
            admin.send(new BanFromChannel(ROOM, "Alice"));
            alice.await(ChannelBan.class);
        }
    }

    @Test
    void silencedMessagesReachNobodyUntilTheSilenceEnds() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            List<ChatClient> c = room(h, "Admin", "Alice", "Bob");
            ChatClient admin = c.get(0);
            ChatClient alice = c.get(1);
            ChatClient bob = c.get(2);
            admin.send(new SilenceInChannel(ROOM, "Alice", 1500));
            ChannelSilencePlaced placed = new ChannelSilencePlaced("Room", "Admin", "Alice", 1500);
            for (ChatClient x : c) {
                assertThat(x.expect(ChannelSilencePlaced.class)).isEqualTo(placed);
            }
            alice.send(new SendChannelMessage("can you hear me", ROOM));
            assertThat(alice.expect(ChannelSilenced.class)).isEqualTo(new ChannelSilenced(ROOM));
            alice.send(new SendEmote("waves", ROOM));
            alice.expect(ChannelSilenced.class);
            bob.expectNothing(QUIET);
            admin.expectNothing(Duration.ofMillis(10));
            // at expiry: 0x36 to the target, and its messages flow again
            assertThat(alice.next(Duration.ofSeconds(3))).isEqualTo(new ChannelSilenceLifted("Room"));
            alice.send(new SendChannelMessage("back", ROOM));
            assertThat(bob.expect(ChannelMessage.class).message()).isEqualTo("back");
            // duration 0 lifts at once
            admin.send(new SilenceInChannel(ROOM, "Bob", 60_000));
            bob.await(ChannelSilencePlaced.class);
            admin.send(new SilenceInChannel(ROOM, "Bob", 0));
            bob.await(ChannelSilencePlaced.class);
            bob.send(new SendChannelMessage("free", ROOM));
            assertThat(alice.await(ChannelMessage.class).message()).isEqualTo("free");
            // equal levels cannot silence each other
            alice.send(new SilenceInChannel(ROOM, "Bob", 60_000));
            bob.expectNothing(QUIET);
        }
    }

    @Test
    void promoteThenDemoteRestoresThePreviousLevelEverywhere() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            List<ChatClient> c = room(h, "Admin", "Alice", "Bob");
            ChatClient admin = c.get(0);
            ChatClient alice = c.get(1);
            ChatClient bob = c.get(2);
            long aliceId = h.id("Alice");
            // a member cannot promote (needs requester > target + 1)
            bob.send(new PromoteInChannel(ROOM, aliceId));
            alice.expectNothing(QUIET);
            admin.send(new PromoteInChannel(ROOM, aliceId));
            for (ChatClient x : c) {
                assertThat(x.expect(ChannelPromote.class)).isEqualTo(new ChannelPromote(ROOM, aliceId, h.id("Admin")));
            }
            // officer rights follow the level: Alice may now set the topic
            alice.send(new SetChannelTopic(ROOM, "alice's topic"));
            assertThat(bob.expect(ChannelTopic.class).topic()).isEqualTo("alice's topic");
            alice.expect(ChannelTopic.class);
            admin.expect(ChannelTopic.class);
            admin.send(new PromoteInChannel(ROOM, aliceId));
            assertThat(bob.expect(ChannelPromote.class).targetId()).isEqualTo(aliceId);
            // ADMINISTRATOR (3) is not above LEADER (2) + 1: no third promotion
            admin.send(new PromoteInChannel(ROOM, aliceId));
            bob.expectNothing(QUIET);
            assertThat(adminListSeenByANewcomer(h, c)).contains(new AdminEntry(aliceId, AdminLevel.LEADER));
            // a LEADER cannot demote the ADMINISTRATOR
            alice.send(new DemoteInChannel(ROOM, h.id("Admin")));
            bob.expectNothing(QUIET);
            admin.send(new DemoteInChannel(ROOM, aliceId));
            assertThat(bob.await(ChannelDemote.class)).isEqualTo(new ChannelDemote(ROOM, aliceId, h.id("Admin")));
            admin.send(new DemoteInChannel(ROOM, aliceId));
            assertThat(bob.await(ChannelDemote.class).targetId()).isEqualTo(aliceId);
            // back to NONE everywhere: not in the admin list, no officer rights
            assertThat(adminListSeenByANewcomer(h, c)).containsExactly(
                    new AdminEntry(h.id("Admin"), AdminLevel.ADMINISTRATOR));
            alice.send(new SetChannelTopic(ROOM, "again"));
            bob.expectNothing(QUIET);
            // demoting a NONE is refused
            admin.send(new DemoteInChannel(ROOM, aliceId));
            bob.expectNothing(QUIET);
        }
    }

    /** The admin list a new joiner receives in its 0x04; the members' join, leave and logout notices are read. */
    private static List<AdminEntry> adminListSeenByANewcomer(ChatHarness h, List<ChatClient> members)
            throws Exception {
        ChatClient newcomer = h.game("Newcomer" + System.nanoTime() % 100000);
        newcomer.send(new JoinChannel("Room"));
        List<AdminEntry> admins = newcomer.expect(ChangedChannel.class).admins();
        newcomer.close();
        for (ChatClient member : members) {
            member.await(JoinedChannel.class);
            member.await(LeftChannel.class);
            member.await(org.honchat.protocol.clientbound.UpdateStatus.class);
        }
        return admins;
    }

    @Test
    void authRequiredChannelsAdmitOnlyTheListAndAdmins() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            List<ChatClient> c = room(h, "Admin", "Alice");
            ChatClient admin = c.get(0);
            ChatClient alice = c.get(1);
            // leader and up only
            alice.send(new EnableChannelAuth(ROOM));
            admin.expectNothing(QUIET);
            admin.send(new EnableChannelAuth(ROOM));
            assertThat(alice.expect(ChannelAuthEnabled.class)).isEqualTo(new ChannelAuthEnabled(ROOM));
            admin.expect(ChannelAuthEnabled.class);
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("Room"));
            bob.expectNothing(QUIET);
            // the auth list: added (name as sent), already there, removed, absent
            admin.send(new AddChannelAuthUser(ROOM, "[KON]Bob"));
            assertThat(admin.expect(ChannelAuthAdded.class)).isEqualTo(new ChannelAuthAdded(ROOM, "[KON]Bob"));
            admin.send(new AddChannelAuthUser(ROOM, "bob"));
            assertThat(admin.expect(ChannelAuthAddFailed.class)).isEqualTo(new ChannelAuthAddFailed(ROOM, "bob"));
            admin.send(new AddChannelAuthUser(ROOM, "carol"));
            admin.expect(ChannelAuthAdded.class);
            bob.send(new JoinChannel("Room"));
            bob.expect(ChangedChannel.class);
            admin.expect(JoinedChannel.class);
            alice.expect(JoinedChannel.class);
            // the list shows display names of online accounts, stored names of others
            admin.send(new ListChannelAuth(ROOM));
            assertThat(admin.await(ChannelAuthList.class).names()).containsExactlyInAnyOrder("Bob", "carol");
            admin.send(new RemoveChannelAuthUser(ROOM, "Carol"));
            assertThat(admin.expect(ChannelAuthRemoved.class)).isEqualTo(new ChannelAuthRemoved(ROOM, "Carol"));
            admin.send(new RemoveChannelAuthUser(ROOM, "Carol"));
            assertThat(admin.expect(ChannelAuthRemoveFailed.class))
                    .isEqualTo(new ChannelAuthRemoveFailed(ROOM, "Carol"));
            ChatClient carol = h.game("Carol");
            carol.send(new JoinChannel("Room"));
            carol.expectNothing(QUIET);
            // a plain member cannot read the list; staff always get in
            alice.send(new ListChannelAuth(ROOM));
            alice.expectNothing(QUIET);
            ChatClient staff = h.game("StaffSue", AccountType.STAFF, ChatMode.AVAILABLE);
            staff.send(new JoinChannel("Room"));
            staff.expect(ChangedChannel.class);
            admin.send(new DisableChannelAuth(ROOM));
            assertThat(alice.await(ChannelAuthDisabled.class)).isEqualTo(new ChannelAuthDisabled(ROOM));
            carol.send(new JoinChannel("Room"));
            carol.expect(ChangedChannel.class);
        }
    }
}
