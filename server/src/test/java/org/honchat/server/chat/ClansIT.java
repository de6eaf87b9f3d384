package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailClan;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailInvited;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailOnline;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailPerms;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailUnknown;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddRejected;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateAccept;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateComplete;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailClan;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailDupe;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailFind;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailName;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailParam;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailTag;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateReject;
import org.honchat.protocol.clientbound.ClanPackets.ClanInvite;
import org.honchat.protocol.clientbound.ClanPackets.ClanRankChange;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeAutoResponse;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged;
import org.honchat.protocol.clientbound.MessagePackets.ClanWhisper;
import org.honchat.protocol.clientbound.MessagePackets.ClanWhisperFailed;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.clientbound.PresencePackets.NameChange;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ClanRequests.ClanCreateRequest;
import org.honchat.protocol.serverbound.ClanRequests.ClanDemote;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteAccepted;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteMember;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteRejected;
import org.honchat.protocol.serverbound.ClanRequests.ClanPromote;
import org.honchat.protocol.serverbound.ClanRequests.ClanRemove;
import org.honchat.protocol.serverbound.MessageRequests.SendClanWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ClanRank;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.server.cli.Main;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clans over real sockets: docs/protocol.md §6.8, the clan channel of §6.3, the login keys of §8.6 and §8.8. */
class ClansIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);

    private static List<Object> keys(Object phpArray) {
        return new ArrayList<Object>(((Map<?, ?>) phpArray).keySet());
    }

    private int cli(String... args) {
        String[] withDir = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data-dir", dir.toString())).toArray(String[]::new);
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(),
                withDir);
    }

    /** Kongor [KON]: Bob leads, Dave is a member; both online in the clan channel. */
    private ChatHarness kongor(List<ChatClient> out) throws Exception {
        ChatHarness h = new ChatHarness(ChatHarness.config(dir));
        h.account("Bob", org.honchat.protocol.types.AccountType.REGULAR);
        h.account("Dave", org.honchat.protocol.types.AccountType.REGULAR);
        assertThat(cli("clan", "create", "Kongor", "--tag", "KON", "--leader", "Bob", "--member", "Dave")).isZero();
        for (String name : List.of("Bob", "Dave")) {
            ChatClient c = h.game(name);
            c.send(new JoinChannel("Clan Kongor"));
            c.await(ChangedChannel.class);
            out.add(c);
        }
        out.get(0).await(JoinedChannel.class);
        for (ChatClient c : out) {
            c.expectNothing(Duration.ofMillis(100));
        }
        return h;
    }

    @Test
    void membersCarryTheirTagRankAndClanChannel() throws Exception {
        List<ChatClient> c = new ArrayList<>();
        try (ChatHarness h = kongor(c)) {
            // §8.6: chatrooms, clan_member_info and clan_roster from the shared store
            Map<Object, Object> reply = h.http.auth(LoginClient.Style.GAME_CLIENT, "Bob", "pw-Bob").php();
            assertThat(reply.get("chatrooms")).isEqualTo(Map.of(0L, "HoN", 1L, "Clan Kongor"));
            Map<?, ?> info = (Map<?, ?>) reply.get("clan_member_info");
            assertThat(info.get("name")).isEqualTo("Kongor");
            assertThat(info.get("tag")).isEqualTo("KON");
            assertThat(info.get("rank")).isEqualTo("Leader");
            assertThat(info.get("creator")).isEqualTo(Long.toString(h.id("Bob")));
            assertThat(keys(reply.get("clan_roster"))).containsExactlyInAnyOrder(h.id("Bob"), h.id("Dave"));
            assertThat(reply.get("nickname")).isEqualTo("Bob");
            // §6.3: the clan channel, its flags, and admin levels from the rank (leader ADMINISTRATOR)
            ChatClient carol = h.game("Carol");
            carol.send(new JoinChannel("Clan Kongor"));
            carol.expectNothing(QUIET);
            ChatClient late = h.game("Late");
            late.send(new JoinChannel("Clan Kongor"));
            late.expectNothing(QUIET);
            ChatClient dave2 = c.get(1);
            dave2.send(new org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel("Clan Kongor"));
            dave2.await(LeftChannel.class);
            c.get(0).await(LeftChannel.class);
            dave2.send(new JoinChannel("clan kongor"));
            ChangedChannel channel = dave2.expect(ChangedChannel.class);
            assertThat(channel.name()).isEqualTo("Clan Kongor");
            assertThat(channel.flags()).isEqualTo(new ChannelFlags(0x89));
            assertThat(channel.topic()).isEqualTo("Welcome to the Kongor clan channel!");
            assertThat(channel.admins()).containsExactly(new AdminEntry(h.id("Bob"), AdminLevel.ADMINISTRATOR));
            assertThat(channel.members().get(0).displayName()).isEqualTo("[KON]Bob");
            assertThat(channel.members().get(0).flags()).isEqualTo(ClientFlags.of(ClientFlags.CLAN_LEADER));
            // clan whisper to the other online members; none for the clanless
            dave2.send(new SendClanWhisper("hi clan"));
            assertThat(c.get(0).await(ClanWhisper.class)).isEqualTo(new ClanWhisper(h.id("Dave"), "hi clan"));
            carol.send(new SendClanWhisper("me?"));
            carol.expect(ClanWhisperFailed.class);
        }
    }

    @Test
    void inviteAcceptRejectAndEveryFailure() throws Exception {
        List<ChatClient> c = new ArrayList<>();
        try (ChatHarness h = kongor(c)) {
            ChatClient bob = c.get(0);
            ChatClient dave = c.get(1);
            ChatClient alice = h.game("Alice");
            ChatClient carol = h.game("Carol");
            ChatClient erin = h.game("Erin");
            // §6.8 invite checks, in order
            bob.send(new ClanInviteMember("Nobody"));
            bob.expect(ClanAddFailOnline.class);
            bob.send(new ClanInviteMember("Dave"));
            bob.expect(ClanAddFailClan.class);
            erin.send(new SetChatMode(ChatMode.DND, "busy"));
            erin.expect(ChatModeChanged.class);
            bob.send(new ClanInviteMember("Erin"));
            assertThat(bob.expect(ChatModeAutoResponse.class))
                    .isEqualTo(new ChatModeAutoResponse(ChatMode.DND, "Erin", "busy"));
            carol.send(new ClanInviteMember("Alice"));
            assertThat(carol.expect(ClanAddFailUnknown.class)).isEqualTo(new ClanAddFailUnknown("Carol"));
            dave.send(new ClanInviteMember("Alice"));
            dave.expect(ClanAddFailPerms.class);

            bob.send(new ClanInviteMember("alice"));
            assertThat(alice.expect(ClanInvite.class)).isEqualTo(new ClanInvite("[KON]Bob", "Kongor"));
            bob.send(new ClanInviteMember("Alice"));
            bob.expect(ClanAddFailInvited.class);
            bob.send(new ClanInviteMember("Carol"));
            carol.expect(ClanInvite.class);
            carol.send(new ClanInviteRejected());
            assertThat(bob.expect(ClanAddRejected.class)).isEqualTo(new ClanAddRejected("Carol"));

            long aliceId = h.id("Alice");
            alice.send(new ClanInviteAccepted());
            // §6.8: forced into the clan channel, 0x4E to the others, 0x4E self form, 0x5A to the peers
            ChangedChannel channel = alice.expect(ChangedChannel.class);
            assertThat(channel.name()).isEqualTo("Clan Kongor");
            assertThat(alice.expect(NewClanMember.class)).isEqualTo(NewClanMember.self(aliceId,
                    h.server.database().social().membership(aliceId).orElseThrow().clan().id(), "Kongor", "KON"));
            for (ChatClient member : List.of(bob, dave)) {
                assertThat(member.expect(JoinedChannel.class).member().displayName()).isEqualTo("[KON]Alice");
                assertThat(member.expect(NewClanMember.class)).isEqualTo(NewClanMember.other(aliceId));
                assertThat(member.expect(NameChange.class)).isEqualTo(new NameChange(aliceId, "[KON]Alice"));
            }
            assertThat(h.server.database().social().membership(aliceId).orElseThrow().rank())
                    .isEqualTo(ClanRank.MEMBER);
        }
    }

    @Test
    void promoteDemoteAndRemove() throws Exception {
        List<ChatClient> c = new ArrayList<>();
        try (ChatHarness h = kongor(c)) {
            ChatClient bob = c.get(0);
            ChatClient dave = c.get(1);
            long daveId = h.id("Dave");
            long bobId = h.id("Bob");
            // only the leader promotes
            dave.send(new ClanPromote(bobId));
            bob.expectNothing(QUIET);
            bob.send(new ClanPromote(daveId));
            for (ChatClient x : c) {
                assertThat(x.expect(ClanRankChange.class)).isEqualTo(new ClanRankChange(daveId, ClanRank.OFFICER,
                        bobId));
                // derived admin levels changed: 0x2F to the clan channel (officers are LEADER there)
                assertThat(x.expect(ChannelUpdate.class).admins()).contains(new AdminEntry(daveId, AdminLevel.LEADER));
            }
            bob.send(new ClanDemote(daveId));
            for (ChatClient x : c) {
                assertThat(x.expect(ClanRankChange.class).rank()).isEqualTo(ClanRank.MEMBER);
                x.expect(ChannelUpdate.class);
            }
            // the 4.10 client calls set_rank first; the 0x15 that follows still applies (idempotent)
            String cookie = h.login("Bob").cookie();
            assertThat(h.http.call(LoginClient.Style.GAME_CLIENT, Map.of("f", "set_rank", "cookie", cookie,
                    "target_id", Long.toString(daveId), "rank", "Officer")).php())
                    .containsEntry("set_rank", "Member updated.");
            bob.send(new ClanPromote(daveId));
            for (ChatClient x : c) {
                assertThat(x.expect(ClanRankChange.class).rank()).isEqualTo(ClanRank.OFFICER);
                x.expect(ChannelUpdate.class);
            }

            // leaving: 0x50 rank 0 to all (the leaver included), out of the channel, 0x5A with the bare name to
            // the peers Dave still has (here a channel mate)
            dave.send(new JoinChannel("Lobby"));
            dave.await(ChangedChannel.class);
            bob.send(new JoinChannel("Lobby"));
            bob.await(ChangedChannel.class);
            dave.await(JoinedChannel.class);
            dave.send(new ClanRemove(daveId));
            assertThat(dave.await(ClanRankChange.class)).isEqualTo(new ClanRankChange(daveId, ClanRank.NONE, daveId));
            assertThat(bob.await(ClanRankChange.class)).isEqualTo(new ClanRankChange(daveId, ClanRank.NONE, daveId));
            assertThat(bob.await(LeftChannel.class).accountId()).isEqualTo(daveId);
            assertThat(bob.await(NameChange.class)).isEqualTo(new NameChange(daveId, "Dave"));
            assertThat(h.server.database().social().membership(daveId)).isEmpty();
            // clan_list answers the roster (§8.8)
            long clanId = h.server.database().social().membership(bobId).orElseThrow().clan().id();
            Map<Object, Object> list = h.http.call(LoginClient.Style.GAME_CLIENT, Map.of("f", "clan_list",
                    "clan_id", Long.toString(clanId))).php();
            assertThat(keys(list.get("clan_roster"))).containsExactly(bobId);
        }
    }

    @Test
    void creationThroughTheProtocol() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            ChatClient erin = h.game("Erin");
            List<ChatClient> four = new ArrayList<>();
            for (String name : List.of("M1", "M2", "M3", "M4")) {
                four.add(h.game(name));
            }
            // the checks of §6.8 in order
            erin.send(new ClanCreateRequest("Newclan", "NEW", "M1", "M2", "M3", "ghost"));
            assertThat(erin.expect(ClanCreateFailFind.class)).isEqualTo(new ClanCreateFailFind("ghost"));
            erin.send(new ClanCreateRequest("Newclan", "NEW", "M1", "M2", "M3", "m1"));
            erin.expect(ClanCreateFailDupe.class);
            erin.send(new ClanCreateRequest("Newclan", "NEW", "M1", "M2", "M3", "Erin"));
            erin.expect(ClanCreateFailDupe.class);
            erin.send(new ClanCreateRequest("Newclan", "TOOLONG", "M1", "M2", "M3", "M4"));
            erin.expect(ClanCreateFailParam.class);
            h.account("Zed", org.honchat.protocol.types.AccountType.REGULAR);
            assertThat(cli("clan", "create", "Taken", "--tag", "TKN", "--leader", "Zed")).isZero();
            erin.send(new ClanCreateRequest("taken", "NEW", "M1", "M2", "M3", "M4"));
            erin.expect(ClanCreateFailName.class);
            erin.send(new ClanCreateRequest("Newclan", "tkn", "M1", "M2", "M3", "M4"));
            erin.expect(ClanCreateFailTag.class);
            ChatClient zed = h.game("Zed");
            erin.send(new ClanCreateRequest("Newclan", "NEW", "M1", "M2", "M3", "Zed"));
            assertThat(erin.expect(ClanCreateFailClan.class)).isEqualTo(new ClanCreateFailClan("[TKN]Zed"));
            zed.close();

            // a member that rejects cancels it
            erin.send(new ClanCreateRequest("Newclan", "NEW", "M1", "M2", "M3", "M4"));
            for (ChatClient m : four) {
                assertThat(m.expect(ClanInvite.class)).isEqualTo(new ClanInvite("Erin", "Newclan"));
            }
            four.get(2).send(new ClanInviteRejected());
            assertThat(erin.expect(ClanCreateReject.class)).isEqualTo(new ClanCreateReject("M3"));

            erin.send(new ClanCreateRequest("Newclan", "NEW", "M1", "M2", "M3", "M4"));
            for (ChatClient m : four) {
                m.expect(ClanInvite.class);
            }
            for (int i = 0; i < 3; i++) {
                four.get(i).send(new ClanInviteAccepted());
                assertThat(erin.expect(ClanCreateAccept.class)).isEqualTo(new ClanCreateAccept("M" + (i + 1)));
            }
            four.get(3).send(new ClanInviteAccepted());
            // the founder: 0x54 and 0x4E self form in one frame (§1.4 rule 2, §7.16)
            ChatClient.Frame pair = erin.nextFrame(Duration.ofSeconds(5));
            assertThat(pair.packets()).hasSize(2);
            assertThat(pair.packets().get(0)).isEqualTo(ClanCreateComplete.INSTANCE);
            NewClanMember self = (NewClanMember) pair.packets().get(1);
            assertThat(self.isSelfForm()).isTrue();
            assertThat(self.clanName()).isEqualTo("Newclan");
            assertThat(self.clanTag()).isEqualTo("NEW");
            assertThat(erin.expect(ChangedChannel.class).name()).isEqualTo("Clan Newclan");
            for (ChatClient m : four) {
                assertThat(m.await(NewClanMember.class).isSelfForm()).isTrue();
                assertThat(m.await(ChangedChannel.class).name()).isEqualTo("Clan Newclan");
            }
            assertThat(h.server.database().social().membership(h.id("Erin")).orElseThrow().rank())
                    .isEqualTo(ClanRank.LEADER);
            assertThat(h.server.database().social().membership(h.id("M4")).orElseThrow().rank())
                    .isEqualTo(ClanRank.OFFICER);
            // each hears of the other four, the new names and the new status
            assertThat(erin.await(NameChange.class).displayName()).startsWith("[NEW]");
            assertThat(erin.await(UpdateStatus.class).clanName()).isEqualTo("Newclan");
        }
    }
}
