package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.AutoMatchConnect;
import org.honchat.protocol.clientbound.MatchmakingPackets.CampaignStats;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.LeftQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.MatchFound;
import org.honchat.protocol.clientbound.MatchmakingPackets.PopularityUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.RejoinQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.RequestReadyUp;
import org.honchat.protocol.clientbound.MatchmakingPackets.ServerNotIdle;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.link.ChatToMatchServer;
import org.honchat.protocol.link.LinkPacket;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.link.MatchServerPackets.Announce;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupInviteRequest;
import org.honchat.protocol.serverbound.GroupRequests.GroupJoin;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.QueueRequests.LeaveQueue;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.protocol.serverbound.QueueRequests.PopularityRequest;
import org.honchat.protocol.serverbound.SessionRequests.CampaignStatsRequest;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.GroupUpdateType;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.matchmaking.MatchServer;
import org.honchat.server.domain.matchmaking.ServerLink;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §9.1-§9.5 in-process: groups, the queue, the broker, a match server's link events. */
class MatchmakingTest {

    /** A match server's connection as the rules see it: what it was sent, and whether it was closed. */
    static final class FakeLink implements ServerLink {
        final List<LinkPacket> sent = new ArrayList<>();
        boolean closed;

        @Override
        public void opened(Object session) {
        }

        @Override
        public void send(LinkPacket packet) {
            sent.add(packet);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String peerHost() {
            return "127.0.0.9";
        }

        <P extends LinkPacket> List<P> sent(Class<P> type) {
            return sent.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static final GroupCreate MIDWARS = new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false,
            0, 1, true);

    private final DomainHarness h = new DomainHarness(ServerConfig.defaults().with("matchmaking.teamSizeOverride",
            "1"));
    private final FakeLink link = new FakeLink();

    private MatchServer connectServer(String location) {
        MatchServer server = h.matchmaking.serverConnected(42, "cookie", "198.51.100.20", 11235, link);
        h.matchmaking.fromServer(server, idle(location));
        return server;
    }

    private static MatchServerPackets.Status idle(String location) {
        return new MatchServerPackets.Status(42, "10.0.0.1", 11236, location, "eu-1", 0, 0xFFFF_FFFFL, 1,
                "4.10.1.0", "host");
    }

    /** From create to queue entry; returns the entry frame. */
    private List<ClientboundPacket> queueSolo(ChatSession s) {
        h.send(s, MIDWARS);
        h.send(s, new GroupReady(1, 0));
        h.send(s, new LoadingStatus(100));
        List<List<ClientboundPacket>> frames = h.out.frames(s);
        return frames.get(frames.size() - 1);
    }

    /** Both solo players queue; the next broker cycle (5 s) sends the match server its {@code 0x1502}. */
    private CreateMatch matchOf(ChatSession first, ChatSession second) {
        int before = link.sent(CreateMatch.class).size();
        queueSolo(first);
        queueSolo(second);
        h.advance(5_000);
        List<CreateMatch> sent = link.sent(CreateMatch.class);
        assertThat(sent).hasSize(before + 1);
        return sent.get(before);
    }

    @Test
    void soloQueueFromCreateToConnectFrameByFrame() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        h.out.clear();
        h.send(alice, MIDWARS);
        h.send(alice, new GroupReady(1, 0));
        h.send(alice, new LoadingStatus(40));
        h.send(alice, new LoadingStatus(100));
        List<List<ClientboundPacket>> frames = h.out.frames(alice);
        assertThat(frames).hasSize(5);
        assertThat(((GroupUpdate) frames.get(0).get(0)).type()).isEqualTo(GroupUpdateType.CREATE);
        assertThat(((GroupUpdate) frames.get(1).get(0)).type()).isEqualTo(GroupUpdateType.PARTIAL);
        assertThat(frames.get(2)).containsExactly(StartLoading.INSTANCE);
        assertThat(((GroupUpdate) frames.get(3).get(0)).members().get(0).loadingPercent()).isEqualTo(40);
        List<ClientboundPacket> entry = frames.get(4);
        assertThat(entry).hasSize(3);
        assertThat(((GroupUpdate) entry.get(0)).members().get(0).loadingPercent()).isEqualTo(100);
        assertThat(entry.subList(1, 3)).containsExactly(JoinedQueue.INSTANCE, new GroupQueueUpdate(11, 0));

        queueSolo(bob);
        h.out.clear();
        h.advance(5_000);
        CreateMatch create = link.sent(CreateMatch.class).get(0);
        assertThat(create.arrangedMatchType()).isEqualTo(4);
        assertThat(create.settings()).isEqualTo("mode:hb map:midwars teamsize:1 allheroes:true noleaver:true "
                + "spectators:2");
        assertThat(create.roster()).extracting(ChatToMatchServer.RosterEntry::accountId)
                .containsExactly(alice.accountId, bob.accountId);
        assertThat(create.roster()).extracting(ChatToMatchServer.RosterEntry::team).containsExactly(1, 2);
        List<ClientboundPacket> found = h.out.frames(alice).get(0);
        assertThat(found.get(0)).isEqualTo(LeftQueue.INSTANCE);
        assertThat(((GroupUpdate) found.get(1)).type()).isEqualTo(GroupUpdateType.FULL);
        assertThat(found.get(2)).isEqualTo(new MatchFound("midwars", 1, 3, "hb", "EU", ""));
        assertThat(found.get(3)).isEqualTo(GroupQueueUpdate.of(16));

        h.out.clear();
        h.matchmaking.fromServer(server, new Announce(create.matchupId(), create.challenge(), 2, 119044,
                List.of()));
        AutoMatchConnect connect = h.out.to(alice, AutoMatchConnect.class).get(0);
        assertThat(connect.matchId()).isEqualTo(119044);
        assertThat(connect.address()).isEqualTo("198.51.100.20");
        assertThat(connect.port()).isEqualTo(11235);
        assertThat(connect.isReminder()).isFalse();
        assertThat(h.out.to(bob, AutoMatchConnect.class)).hasSize(1);
        assertThat(h.matchmaking.groupCount()).as("solo groups end at the announce").isZero();

        // reminders: nonce 0xFFFFFFFF, at most one per 4 s
        h.out.clear();
        h.matchmaking.fromServer(server, new MatchServerPackets.RemindPlayer(alice.accountId));
        h.matchmaking.fromServer(server, new MatchServerPackets.RemindPlayer(alice.accountId));
        assertThat(h.out.to(alice, AutoMatchConnect.class)).singleElement()
                .matches(AutoMatchConnect::isReminder);
        h.advance(4_001);
        h.matchmaking.fromServer(server, new MatchServerPackets.RemindPlayer(alice.accountId));
        assertThat(h.out.to(alice, AutoMatchConnect.class)).hasSize(2);
    }

    @Test
    void wrongChallengeIsIgnoredAndTheMatchTimesOut() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        CreateMatch create = matchOf(alice, bob);
        h.out.clear();
        h.matchmaking.fromServer(server, new Announce(create.matchupId(), create.challenge() ^ 1, 2, 5, List.of()));
        assertThat(h.out.to(alice)).isEmpty();
        h.advance(31_000);
        assertThat(h.out.to(alice)).containsExactly(new ServerNotIdle(4, create.matchupId(), "198.51.100.20", 11235));
        assertThat(h.matchmaking.groupCount()).isZero();
    }

    @Test
    void notIdleTellsThePlayersAndTheirCreditRestoresTheWait() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        queueSolo(alice);
        h.advance(20_000);
        queueSolo(bob);
        h.advance(5_000);
        CreateMatch create = link.sent(CreateMatch.class).get(0);
        h.out.clear();
        h.matchmaking.fromServer(server, new MatchServerPackets.NotIdle(create.matchupId()));
        assertThat(h.out.to(alice)).containsExactly(new ServerNotIdle(4, create.matchupId(), "198.51.100.20", 11235));
        assertThat(h.matchmaking.groupCount()).isZero();
        // not eligible until it reports IDLE again
        h.out.clear();
        List<ClientboundPacket> entry = queueSolo(alice);
        assertThat(entry.get(entry.size() - 1)).isEqualTo(new RejoinQueue(25));
        queueSolo(bob);
        h.advance(5_000);
        assertThat(link.sent(CreateMatch.class)).hasSize(1);
        h.matchmaking.fromServer(server, idle("EU"));
        h.advance(5_000);
        assertThat(link.sent(CreateMatch.class)).hasSize(2);
    }

    @Test
    void linkLossWithAMatchInFlight() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        matchOf(alice, bob);
        h.out.clear();
        h.matchmaking.serverLost(server);
        assertThat(h.out.to(alice, ServerNotIdle.class)).hasSize(1);
        assertThat(h.matchmaking.connectedServers()).isZero();
    }

    @Test
    void noMatchServer() {
        ChatSession alice = h.login("Alice");
        h.send(alice, MIDWARS);
        h.out.clear();
        h.send(alice, new GroupReady(1, 0));
        assertThat(h.out.frames(alice)).hasSize(2);
        assertThat(h.out.to(alice).get(1)).isEqualTo(GroupJoinFailed.of(2));
        assertThat(h.matchmaking.groupCount()).isZero();
    }

    @Test
    void queuedGroupsAreSentBackWhenTheLastServerGoes() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        queueSolo(alice);
        h.matchmaking.serverLost(server);
        h.out.clear();
        h.advance(5_000);
        List<ClientboundPacket> frame = h.out.frames(alice).get(0);
        assertThat(frame.get(0)).isEqualTo(GroupQueueUpdate.of(13));
        assertThat(frame.get(1)).isEqualTo(LeftQueue.INSTANCE);
        assertThat(((GroupUpdate) frame.get(2)).type()).isEqualTo(GroupUpdateType.FULL);
        assertThat(((GroupUpdate) frame.get(2)).members().get(0).ready()).isFalse();
    }

    @Test
    void disabledRefusesGroups() {
        DomainHarness off = new DomainHarness(ServerConfig.defaults().with("matchmaking.enabled", "false"));
        ChatSession alice = off.login("Alice");
        off.out.clear();
        off.send(alice, MIDWARS);
        assertThat(off.out.to(alice)).containsExactly(GroupJoinFailed.of(1));
        off.out.clear();
        off.send(alice, CampaignStatsRequest.INSTANCE);
        assertThat(off.out.to(alice).get(0)).isInstanceOf(CampaignStats.class);
        assertThat(((PopularityUpdate) off.out.to(alice).get(1)).enabled()).isFalse();
    }

    @Test
    void optionsThatAreNotConfiguredAreRefusedOrDropped() {
        ChatSession alice = h.login("Alice");
        h.out.clear();
        h.send(alice, new GroupCreate("4.10.1.0", 1, 3, "nowhere", "hb", "EU", false, 0, 1, true));
        assertThat(h.out.to(alice)).containsExactly(GroupJoinFailed.of(3));
        h.out.clear();
        h.send(alice, new GroupCreate("4.10.1.0", 1, 3, "midwars", "zz|hb", "EU|XX", false, 0, 1, true));
        GroupUpdate created = h.out.to(alice, GroupUpdate.class).get(0);
        assertThat(created.modes()).isEqualTo("hb");
        assertThat(created.regions()).isEqualTo("EU");
    }

    @Test
    void popularityAfterSeasonStatsAndLegacyGetsNothing() {
        ChatSession alice = h.login("Alice");
        ChatSession bot = h.login("Bot", AccountType.REGULAR, false);
        h.out.clear();
        h.send(alice, CampaignStatsRequest.INSTANCE);
        assertThat(h.out.frames(alice)).hasSize(2);
        PopularityUpdate popularity = h.out.to(alice, PopularityUpdate.class).get(0);
        assertThat(popularity.enabled()).isTrue();
        assertThat(popularity.legend()).startsWith("maps:caldavar-0|grimmscrossing-1|midwars-2|riftwars-3|modes:ap-0|");
        h.send(bot, PopularityRequest.INSTANCE);
        h.send(bot, CampaignStatsRequest.INSTANCE);
        assertThat(h.out.to(bot)).isEmpty();
    }

    @Test
    void leaderReadyPromptsOnlyTheMembersNotReady() {
        DomainHarness five = new DomainHarness();
        ChatSession alice = five.login("Alice");
        ChatSession bob = five.login("Bob");
        ChatSession cat = five.login("Cat");
        five.send(alice, MIDWARS);
        for (ChatSession member : List.of(bob, cat)) {
            five.send(alice, new GroupInviteRequest(member.name));
            five.send(member, new GroupJoin("4.10.1.0", "Alice"));
        }
        five.send(bob, new GroupReady(1, 0));
        five.out.clear();
        five.send(alice, new GroupReady(1, 0));
        assertThat(five.out.to(cat)).containsExactly(RequestReadyUp.INSTANCE);
        assertThat(five.out.to(bob)).isEmpty();
        assertThat(five.out.to(alice)).isEmpty();
    }

    @Test
    void leavingInEachState() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        // LOADING: 0x0D02 returns the group to FORMING, then type 1
        h.send(alice, MIDWARS);
        h.send(alice, new GroupReady(1, 0));
        h.out.clear();
        h.send(alice, LeaveQueue.INSTANCE);
        assertThat(h.out.to(alice).get(0)).isEqualTo(LeftQueue.INSTANCE);
        assertThat(((GroupUpdate) h.out.to(alice).get(1)).type()).isEqualTo(GroupUpdateType.FULL);
        // QUEUED: 0x0C0C sends 0x0D02 first, then type 4, and the leader's leave dissolves it
        h.send(alice, new GroupReady(1, 0));
        h.send(alice, new LoadingStatus(100));
        assertThat(h.matchmaking.queuedGroups()).isEqualTo(1);
        h.out.clear();
        h.send(alice, GroupLeave.INSTANCE);
        assertThat(h.out.to(alice).get(0)).isEqualTo(LeftQueue.INSTANCE);
        assertThat(((GroupUpdate) h.out.to(alice).get(1)).type()).isEqualTo(GroupUpdateType.PLAYER_LEFT);
        assertThat(h.matchmaking.queuedGroups()).isZero();
        assertThat(h.matchmaking.groupCount()).isZero();
        // MATCHED: the leaver leaves, the match is not changed
        ChatSession bob = h.login("Bob");
        CreateMatch create = matchOf(alice, bob);
        h.send(bob, GroupLeave.INSTANCE);
        h.out.clear();
        h.matchmaking.fromServer(server, new Announce(create.matchupId(), create.challenge(), 2, 9, List.of()));
        assertThat(h.out.to(bob, AutoMatchConnect.class)).as("still on the roster").hasSize(1);
    }

    @Test
    void loadingAndQueueTimeouts() {
        DomainHarness limited = new DomainHarness(ServerConfig.defaults().with("matchmaking.maxQueueSeconds", "60",
                "matchmaking.loadingTimeoutSeconds", "30", "matchmaking.queueUpdateSeconds", "10"));
        limited.matchmaking.serverConnected(1, "c", "1.2.3.4", 1, new FakeLink());
        ChatSession alice = limited.login("Alice");
        ChatSession bob = limited.login("Bob");
        // LOADING longer than the loading timeout: back to FORMING, type 1
        limited.send(bob, MIDWARS);
        limited.send(bob, new GroupReady(1, 0));
        limited.out.clear();
        limited.advance(31_000);
        assertThat(limited.out.to(bob, GroupUpdate.class)).singleElement()
                .matches(u -> u.type() == GroupUpdateType.FULL && !u.members().get(0).ready());
        // QUEUED: type 11 every 10 s, then the "no matches" frame at the maximum queue time
        limited.send(alice, MIDWARS);
        limited.send(alice, new GroupReady(1, 0));
        limited.send(alice, new LoadingStatus(150));
        assertThat(limited.matchmaking.queuedGroups()).isEqualTo(1);
        limited.out.clear();
        limited.advance(10_000);
        assertThat(limited.out.to(alice)).containsExactly(new GroupQueueUpdate(11, 0));
        limited.out.clear();
        limited.advance(51_000);
        List<List<ClientboundPacket>> frames = limited.out.frames(alice);
        List<ClientboundPacket> last = frames.get(frames.size() - 1);
        assertThat(last.get(0)).isEqualTo(GroupQueueUpdate.of(12));
        assertThat(last.get(1)).isEqualTo(LeftQueue.INSTANCE);
        assertThat(limited.matchmaking.queuedGroups()).isZero();
    }

    @Test
    void joinRefusalsLeaveTheOldGroupFirst() {
        connectServer("EU");
        DomainHarness five = h;
        ChatSession alice = five.login("Alice");
        ChatSession bob = five.login("Bob");
        ChatSession cat = five.login("Cat");
        five.send(cat, MIDWARS);
        five.send(alice, MIDWARS);
        five.send(alice, new GroupInviteRequest("Bob"));
        five.send(alice, new GroupReady(1, 0));
        // Alice's group is LOADING (T=1 here, she is alone): reason 7; Bob also had a group of his own
        five.send(bob, MIDWARS);
        five.out.clear();
        five.send(bob, new GroupJoin("4.10.1.0", "Alice"));
        assertThat(five.out.to(bob).get(0)).isInstanceOf(GroupUpdate.class);
        assertThat(((GroupUpdate) five.out.to(bob).get(0)).type()).isEqualTo(GroupUpdateType.PLAYER_LEFT);
        assertThat(five.out.to(bob, GroupJoinFailed.class)).containsExactly(GroupJoinFailed.of(7));
        // a banned account: reason 9 with the seconds left, rounded up
        cat.matchmakingBanUntilMillis = five.clock.millis() + 3_599_001;
        five.out.clear();
        five.send(cat, MIDWARS);
        assertThat(five.out.to(cat, GroupJoinFailed.class)).containsExactly(new GroupJoinFailed(9, 3600));
    }

    @Test
    void inGameFlagChangesReachTheGroup() {
        ChatSession alice = h.login("Alice");
        h.send(alice, MIDWARS);
        h.out.clear();
        h.send(alice, new org.honchat.protocol.serverbound.GameRequests.JoiningGame("10.0.0.1:11235"));
        GroupUpdate update = h.out.to(alice, GroupUpdate.class).get(0);
        assertThat(update.type()).isEqualTo(GroupUpdateType.PARTIAL);
        assertThat(update.members().get(0).inGame()).isTrue();
    }

    @Test
    void optionUpdatesAreLeaderOnlyValidatedAndResetReadiness() {
        connectServer("EU");
        ChatSession alice = h.login("Alice");
        h.send(alice, MIDWARS);
        h.send(alice, new GroupReady(1, 0));
        h.out.clear();
        h.send(alice, new org.honchat.protocol.serverbound.QueueRequests.GameOptionUpdate(1, "nowhere", "ap", "EU", 0,
                0, 0, 0));
        assertThat(h.out.to(alice)).as("an invalid update is silent").isEmpty();
        h.send(alice, new org.honchat.protocol.serverbound.QueueRequests.GameOptionUpdate(1, "caldavar", "ap|sd",
                "USE", 1, 0, 0, 0));
        GroupUpdate update = h.out.to(alice, GroupUpdate.class).get(0);
        assertThat(update.type()).isEqualTo(GroupUpdateType.FULL);
        assertThat(update.map()).isEqualTo("caldavar");
        assertThat(update.arrangedMatchType()).isEqualTo(1);
        assertThat(update.members().get(0).ready()).isFalse();
        h.out.clear();
        h.send(alice, new org.honchat.protocol.serverbound.QueueRequests.GameOptionUpdate(99, "", "", "", 0, 3, 0,
                0));
        assertThat(h.out.to(alice)).as("game type 99: only the fidelity, nothing sent").isEmpty();
    }

    @Test
    void anAbortBeforeTheAnnounceTellsNobodyAndFreesTheGroups() {
        MatchServer server = connectServer("EU");
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        CreateMatch create = matchOf(alice, bob);
        h.out.clear();
        h.matchmaking.fromServer(server, new MatchServerPackets.MatchAborted(create.matchupId(), 1));
        assertThat(h.out.to(alice)).isEmpty();
        // the group is FORMING again: ready works as usual
        h.send(alice, new GroupReady(1, 0));
        assertThat(h.out.to(alice, StartLoading.class)).hasSize(1);
    }

    @Test
    void theServerLimitIsCheckedBeforeAnOlderSessionIsReplaced() {
        DomainHarness one = new DomainHarness(ServerConfig.defaults().with("matchserver.maxServers", "1"));
        FakeLink first = new FakeLink();
        FakeLink second = new FakeLink();
        FakeLink other = new FakeLink();
        assertThat(one.matchmaking.serverConnected(1, "c", "1.2.3.4", 1, first)).isNotNull();
        assertThat(one.matchmaking.serverConnected(2, "d", "1.2.3.4", 2, other)).isNull();
        assertThat(other.sent).containsExactly(new ChatToMatchServer.Reject(0));
        assertThat(other.closed).isTrue();
        assertThat(one.matchmaking.serverConnected(1, "c", "1.2.3.4", 1, second)).isNull();
        assertThat(first.closed).isFalse();
    }

    @Test
    void aMatchServerReachesOnlyThePlayersOfItsOwnMatch() {
        MatchServer server = connectServer("EU");
        FakeLink otherLink = new FakeLink();
        MatchServer other = h.matchmaking.serverConnected(43, "c2", "203.0.113.9", 1, otherLink);
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        ChatSession carol = h.login("Carol");
        CreateMatch create = matchOf(alice, bob);
        h.out.clear();
        // another server announcing this matchup, with the right challenge: ignored
        h.matchmaking.fromServer(other, new Announce(create.matchupId(), create.challenge(), 2, 666, List.of()));
        h.matchmaking.fromServer(other, new MatchServerPackets.RemindPlayer(alice.accountId));
        h.matchmaking.fromServer(other, new MatchServerPackets.NotIdle(create.matchupId()));
        assertThat(h.out.deliveries()).isEmpty();
        h.matchmaking.fromServer(server, new Announce(create.matchupId(), create.challenge(), 2, 9, List.of()));
        h.out.clear();
        // its own server reminding someone who is not on the roster: nothing
        h.matchmaking.fromServer(server, new MatchServerPackets.RemindPlayer(carol.accountId));
        h.matchmaking.fromServer(server, new MatchServerPackets.RemindPlayer(123456));
        assertThat(h.out.deliveries()).isEmpty();
    }

    @Test
    void aBrokerResultIsNotAppliedToGroupsThatChangedMeanwhile() {
        // §9.4.3 runs on its own thread over a snapshot: a group that left the queue before the result comes back
        // is not matched, and its partner waits for the next cycle
        connectServer("EU");
        ChatSession alice = h.login("Alice");
        ChatSession bob = h.login("Bob");
        queueSolo(alice);
        queueSolo(bob);
        h.holdBrokerWork();
        h.advance(5_000);
        h.send(alice, LeaveQueue.INSTANCE);
        h.runBrokerWork();
        assertThat(link.sent(CreateMatch.class)).isEmpty();
        assertThat(h.matchmaking.queuedGroups()).isEqualTo(1);
        ChatSession carol = h.login("Carol");
        queueSolo(carol);
        h.advance(5_000);
        assertThat(link.sent(CreateMatch.class)).singleElement().extracting(c -> c.roster().size()).isEqualTo(2);
    }
}
