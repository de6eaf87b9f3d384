package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ChannelPackets.ChatEmote;
import org.honchat.protocol.clientbound.ChannelPackets.ChatRoll;
import org.honchat.protocol.clientbound.ChannelPackets.JoinChannelPassword;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ChannelPackets.MaxChannels;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ChannelRequests.SendEmote;
import org.honchat.protocol.serverbound.ChannelRequests.SendRoll;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatMode;
import org.honchat.server.config.ServerConfig;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels over real sockets: docs/protocol.md §6.1-§6.3 and §6.6. */
class ChannelsIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void firstJoinerCreatesAndAdministersAChannel() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("  Fans   of\tHoN  "));
            ChangedChannel created = alice.expect(ChangedChannel.class);
            // §6.3: normalised name, next sequential id (1 is the general channel), first joiner is ADMINISTRATOR
            assertThat(created.name()).isEqualTo("Fans of HoN");
            assertThat(created.channelId()).isEqualTo(2);
            assertThat(created.flags()).isEqualTo(ChannelFlags.NONE);
            assertThat(created.topic()).isEmpty();
            assertThat(created.admins()).containsExactly(new AdminEntry(h.id("Alice"), AdminLevel.ADMINISTRATOR));
            assertThat(created.members()).isEmpty();

            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("FANS OF HON"));
            ChangedChannel joined = bob.expect(ChangedChannel.class);
            // the joiner is not in its own member list; the admin list is unchanged
            assertThat(joined.name()).isEqualTo("Fans of HoN");
            assertThat(joined.members()).extracting(m -> m.displayName()).containsExactly("Alice");
            assertThat(joined.admins()).containsExactly(new AdminEntry(h.id("Alice"), AdminLevel.ADMINISTRATOR));
            JoinedChannel seen = alice.expect(JoinedChannel.class);
            assertThat(seen.channelId()).isEqualTo(2);
            assertThat(seen.member().displayName()).isEqualTo("Bob");
            // joining again is ignored (§6.3 step 4)
            bob.send(new JoinChannel("Fans of HoN"));
            bob.expectNothing(QUIET);
            alice.expectNothing(QUIET);
        }
    }

    @Test
    void staffJoinerUpdatesTheAdminList() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("Fans"));
            alice.expect(ChangedChannel.class);
            ChatClient boss = h.game("Boss", AccountType.STAFF, ChatMode.AVAILABLE);
            boss.send(new JoinChannel("Fans"));
            // §6.3 step 12: the joiner's level is above NONE and new to the list, so 0x2F first, then 0x05
            ChannelUpdate update = alice.expect(ChannelUpdate.class);
            assertThat(update.admins()).containsExactly(new AdminEntry(h.id("Alice"), AdminLevel.ADMINISTRATOR),
                    new AdminEntry(h.id("Boss"), AdminLevel.STAFF));
            alice.expect(JoinedChannel.class);
            assertThat(boss.expect(ChangedChannel.class).admins()).hasSize(2);
        }
    }

    @Test
    void messagesReachEveryOtherMemberAndNeverTheSender() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            List<ChatClient> members = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ChatClient c = h.game("Member" + i);
                c.send(new JoinChannel("Room"));
                c.expect(ChangedChannel.class);
                for (ChatClient earlier : members) {
                    earlier.expect(JoinedChannel.class);
                }
                members.add(c);
            }
            ChatClient outsider = h.game("Outsider");
            ChatClient sender = members.get(2);
            sender.send(new SendChannelMessage("hello room", 2));
            for (ChatClient member : members) {
                if (member != sender) {
                    assertThat(member.expect(ChannelMessage.class))
                            .isEqualTo(new ChannelMessage(h.id("Member2"), 2, "hello room"));
                }
            }
            sender.expectNothing(QUIET);
            outsider.expectNothing(QUIET);
            // not a member, unknown channel, empty text: dropped (§6.2 0x03)
            outsider.send(new SendChannelMessage("let me in", 2));
            sender.send(new SendChannelMessage("nowhere", 99));
            sender.send(new SendChannelMessage("", 2));
            members.get(0).expectNothing(QUIET);
            // cut to 250 code points, never inside a character
            String longText = "😀".repeat(300);
            sender.send(new SendChannelMessage(longText, 2));
            String got = members.get(0).expect(ChannelMessage.class).message();
            assertThat(got.codePointCount(0, got.length())).isEqualTo(250);
            assertThat(got).isEqualTo("😀".repeat(250));
        }
    }

    @Test
    void leavingTellsEveryoneIncludingTheLeaverAndEmptyChannelsVanish() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            alice.send(new JoinChannel("Temp"));
            alice.expect(ChangedChannel.class);
            bob.send(new JoinChannel("Temp"));
            bob.expect(ChangedChannel.class);
            alice.expect(JoinedChannel.class);
            bob.send(new LeaveChannel("temp"));
            assertThat(bob.expect(LeftChannel.class)).isEqualTo(new LeftChannel(h.id("Bob"), 2));
            assertThat(alice.expect(LeftChannel.class)).isEqualTo(new LeftChannel(h.id("Bob"), 2));
            alice.send(new LeaveChannel("Temp"));
            alice.expect(LeftChannel.class);
            // deleted when empty: a new join creates a new channel with a new id, and a new first admin
            bob.send(new JoinChannel("Temp"));
            ChangedChannel again = bob.expect(ChangedChannel.class);
            assertThat(again.channelId()).isEqualTo(3);
            assertThat(again.admins()).containsExactly(new AdminEntry(h.id("Bob"), AdminLevel.ADMINISTRATOR));
            // leaving a channel one is not in is silent
            alice.send(new LeaveChannel("Temp"));
            alice.expectNothing(QUIET);
        }
    }

    @Test
    void eightChannelLimitExceptForStaff() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient boss = h.game("Boss", AccountType.STAFF, ChatMode.AVAILABLE);
            for (int i = 1; i <= 8; i++) {
                alice.send(new JoinChannel("Limit " + i));
                alice.expect(ChangedChannel.class);
                boss.send(new JoinChannel("Staff " + i));
                boss.expect(ChangedChannel.class);
            }
            alice.send(new JoinChannel("Limit 9"));
            alice.expect(MaxChannels.class);
            alice.send(new JoinChannelWithPassword("Limit 9", ""));
            alice.expect(MaxChannels.class);
            boss.send(new JoinChannel("Staff 9"));
            assertThat(boss.expect(ChangedChannel.class).name()).isEqualTo("Staff 9");
        }
    }

    @Test
    void memberLimitIsSilent() throws Exception {
        ServerConfig config = ChatHarness.config(dir, "chat.maxChannelMembers", "2");
        try (ChatHarness h = new ChatHarness(config)) {
            ChatClient a = h.game("A1");
            ChatClient b = h.game("B1");
            ChatClient c = h.game("C1");
            ChatClient boss = h.game("Boss", AccountType.STAFF, ChatMode.AVAILABLE);
            a.send(new JoinChannel("Small"));
            a.expect(ChangedChannel.class);
            b.send(new JoinChannel("Small"));
            b.expect(ChangedChannel.class);
            c.send(new JoinChannel("Small"));
            c.expectNothing(QUIET);
            a.expect(JoinedChannel.class);
            a.expectNothing(QUIET);
            boss.send(new JoinChannel("Small"));
            assertThat(boss.expect(ChangedChannel.class).members()).hasSize(2);
        }
    }

    @Test
    void generalChannelOverflowsIntoNumberedChannels() throws Exception {
        ServerConfig config = ChatHarness.config(dir, "chat.generalChannelName", "Newerth",
                "chat.generalChannelCapacity", "2");
        try (ChatHarness h = new ChatHarness(config)) {
            List<ChangedChannel> joins = new ArrayList<>();
            List<ChatClient> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ChatClient c = h.game("Player" + i);
                c.send(new JoinChannel(i == 4 ? "newerth 7" : "Newerth"));
                joins.add(c.await(ChangedChannel.class));
                clients.add(c);
            }
            // §6.3: 2 per general channel; "<G> k" with the smallest free k; any "<G> n" routes the same way
            assertThat(joins).extracting(ChangedChannel::name)
                    .containsExactly("Newerth", "Newerth", "Newerth 2", "Newerth 2", "Newerth 3");
            ChangedChannel first = joins.get(0);
            assertThat(first.channelId()).isEqualTo(1);
            assertThat(first.flags()).isEqualTo(new ChannelFlags(0x19));
            assertThat(first.topic()).isEqualTo("Welcome to Heroes of Newerth!");
            // nobody is admin in a general channel, not even the first joiner
            assertThat(first.admins()).isEmpty();
            assertThat(joins.get(2).flags()).isEqualTo(new ChannelFlags(0x18));
            // an emptied overflow channel is deleted and its number reused; the first general stays
            clients.get(4).send(new LeaveChannel("Newerth 3"));
            clients.get(4).await(LeftChannel.class);
            clients.get(4).send(new JoinChannel("Newerth"));
            ChangedChannel back = clients.get(4).await(ChangedChannel.class);
            assertThat(back.name()).isEqualTo("Newerth 3");
            assertThat(back.channelId()).isGreaterThan(joins.get(4).channelId());
        }
    }

    @Test
    void passwordsOnJoin() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient owner = h.game("Owner");
            owner.send(new JoinChannel("Secret"));
            owner.expect(ChangedChannel.class);
            owner.send(new SetChannelPassword(2, "Hunter2"));
            assertThat(owner.expect(ChannelPasswordChanged.class))
                    .isEqualTo(new ChannelPasswordChanged(2, "Owner"));
            ChatClient guest = h.game("Guest");
            // §6.3 step 5: 0x1E to a passworded channel is answered 0x46 with the channel name
            guest.send(new JoinChannel("secret"));
            assertThat(guest.expect(JoinChannelPassword.class).channelName()).isEqualTo("Secret");
            // a wrong password fails silently; the right one, in any case, lets in (§6.2 0x46)
            guest.send(new JoinChannelWithPassword("Secret", "wrong"));
            guest.expectNothing(QUIET);
            guest.send(new JoinChannelWithPassword("Secret", "hUNTER2"));
            assertThat(guest.expect(ChangedChannel.class).name()).isEqualTo("Secret");
            owner.expect(JoinedChannel.class);
            // a plain member cannot change it
            guest.send(new SetChannelPassword(2, ""));
            owner.expectNothing(QUIET);
        }
    }

    @Test
    void topicsNeedAnOfficer() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient owner = h.game("Owner");
            owner.send(new JoinChannel("Topical"));
            owner.expect(ChangedChannel.class);
            ChatClient member = h.game("Member");
            member.send(new JoinChannel("Topical"));
            member.expect(ChangedChannel.class);
            owner.expect(JoinedChannel.class);
            member.send(new SetChannelTopic(2, "mine now"));
            owner.expectNothing(QUIET);
            owner.send(new SetChannelTopic(2, "x".repeat(200)));
            ChannelTopic topic = member.expect(ChannelTopic.class);
            assertThat(topic.topic()).hasSize(140);
            assertThat(owner.expect(ChannelTopic.class)).isEqualTo(topic);
            // unchanged: nothing sent
            owner.send(new SetChannelTopic(2, "x".repeat(140)));
            member.expectNothing(QUIET);
        }
    }

    @Test
    void rollAndEmoteForBothKindsOfClient() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient game = h.game("Gamer");
            ChatClient bot = h.legacy("Bot");
            ChatClient roller = h.legacy("Roller");
            for (ChatClient c : List.of(game, bot, roller)) {
                c.send(new JoinChannel("Dice"));
                c.await(ChangedChannel.class);
            }
            game.await(JoinedChannel.class);
            game.await(JoinedChannel.class);
            bot.await(JoinedChannel.class);
            long id = h.id("Roller");
            roller.send(new SendRoll("Roller rolls 17 (1-100)", 2));
            // §6.6: never 0x64/0x65 to a game client: a prefixed 0x03 instead; LEGACY gets the command itself
            assertThat(game.expect(ChannelMessage.class))
                    .isEqualTo(new ChannelMessage(id, 2, "[ROLL] Roller rolls 17 (1-100)"));
            assertThat(bot.expect(ChatRoll.class)).isEqualTo(new ChatRoll(id, 2, "Roller rolls 17 (1-100)"));
            roller.send(new SendEmote("Roller dances", 2));
            assertThat(game.expect(ChannelMessage.class)).isEqualTo(new ChannelMessage(id, 2, "[EMOTE] Roller dances"));
            assertThat(bot.expect(ChatEmote.class)).isEqualTo(new ChatEmote(id, 2, "Roller dances"));
            roller.expectNothing(QUIET);
            // an empty text is dropped
            roller.send(new SendEmote("", 2));
            bot.expectNothing(QUIET);
            // the prefixed text is cut to 250 too
            roller.send(new SendRoll("r".repeat(250), 2));
            assertThat(game.expect(ChannelMessage.class).message()).hasSize(250).startsWith("[ROLL] rrr");
            assertThat(bot.expect(ChatRoll.class).text()).hasSize(250);
        }
    }
}
