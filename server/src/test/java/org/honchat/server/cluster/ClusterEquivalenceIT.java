package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.BuddyRequests.NotifyBuddyRemove;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ChannelRequests.SendEmote;
import org.honchat.protocol.serverbound.ClanRequests.ClanDemote;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteAccepted;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteMember;
import org.honchat.protocol.serverbound.ClanRequests.ClanPromote;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupInviteRequest;
import org.honchat.protocol.serverbound.GroupRequests.GroupJoin;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.MessageRequests.GetUserStatus;
import org.honchat.protocol.serverbound.MessageRequests.RequestUserInfo;
import org.honchat.protocol.serverbound.MessageRequests.SendClanWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisperBuddies;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DemoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.KickFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.ListChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.PromoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.UnbanFromChannel;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.serverbound.SessionRequests.BroadcastMessage;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatBroadcastType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.Database;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Everything a user can do works the same whichever node each party is on, with the exact bytes": one scenario of
 * every feature that involves another user (whisper, IM and its replies, user info and status, buddies and their
 * presence, clan whisper, invites and ranks, a channel with members on three nodes and its moderation, the general
 * channel's overflow, matchmaking groups, a staff broadcast, the player count, a disconnect) runs on one node
 * without cluster mode, then on three cluster nodes with user i on node i mod 3; every byte every client receives,
 * step by step, must be the same.
 */
class ClusterEquivalenceIT {

    private static final Duration QUIET = Duration.ofMillis(100);
    /** "Fans": channel 1 is the general channel, 2 the clan's (§6.8), so the first one a user opens is 3. */
    private static final long FANS = 3;
    private static final String[] USERS = {"Alice", "Bob", "Carol", "Dave", "Erin", "Mod"};
    /** Small limits so the scenario reaches them: the general channel overflows at 2 (§6.3). */
    private static final String[] LIMITS = {"chat.generalChannelCapacity", "2", "chat.maxChannelMembers", "5",
        "chat.playerCountIntervalSeconds", "0", "chat.pingAfterWriteIdleSeconds", "600",
        "chat.flood.threshold", "100000", "chat.flood.disconnectAt", "200000"};

    @TempDir
    Path dir;

    /** Where the scenario runs: node {@code i} of {@link #nodes()} serves user i mod that. */
    private interface World extends AutoCloseable {
        Database database();

        int nodes();

        HonchatServer node(int index);
    }

    @Test
    void everyFeatureGivesTheSameBytesOnOneNodeAndAcrossThree() throws Exception {
        ClusterHarness.redisAddress();
        List<String> single;
        HonchatServer alone = HonchatServer.start(TestDatabases.config(TestDatabases.POSTGRESQL,
                dir.resolve("single")).with(LIMITS));
        try (World world = world(List.of(alone))) {
            single = scenario(world);
        }
        List<String> clustered;
        try (ClusterHarness cluster = new ClusterHarness(dir.resolve("cluster"), 3, ClusterHarness.steady(LIMITS))) {
            clustered = scenario(world(cluster.nodes));
        }
        assertThat(single).hasSizeGreaterThan(150);
        assertThat(clustered).containsExactlyElementsOf(single);
    }

    private static World world(List<HonchatServer> nodes) {
        return new World() {
            @Override
            public Database database() {
                return nodes.get(0).database();
            }

            @Override
            public int nodes() {
                return nodes.size();
            }

            @Override
            public HonchatServer node(int index) {
                return nodes.get(index);
            }

            @Override
            public void close() {
                if (nodes.size() == 1) {
                    nodes.get(0).close();
                }
            }
        };
    }

    /** The scenario; returns "step | user <- frame hex" for every frame, in order per step and user. */
    private List<String> scenario(World world) throws Exception {
        SecureRandom random = new SecureRandom();
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String name : USERS) {
            AccountType type = name.equals("Mod") ? AccountType.STAFF : AccountType.REGULAR;
            ids.put(name, world.database().accounts().create(name, type,
                    Credentials.forPassword("pw-" + name, random), Instant.now()).id());
        }
        world.database().social().createClan("Kongor", "KON", ids.get("Alice"), Map.of(ids.get("Alice"),
                ClanRank.LEADER, ids.get("Bob"), ClanRank.OFFICER, ids.get("Carol"), ClanRank.MEMBER), Instant.now());
        Transcript t = new Transcript(world);
        for (String name : USERS) {
            t.login(name);
        }
        // whispers and their failures (§6.2), chat modes and their replies (§6.4)
        t.step("Alice", new SendWhisper("[KON]bob", "psst"));
        t.step("Bob", new SendWhisper("Nobody", "hello?"));
        t.step("Carol", new SetChatMode(ChatMode.DND, "busy"));
        t.step("Alice", new SendWhisper("Carol", "there?"));
        t.step("Dave", new SendIm("Carol", "im", 1));
        t.step("Carol", new SetChatMode(ChatMode.AFK, "brb"));
        t.step("Dave", new SendWhisper("Carol", "now?"));
        t.step("Dave", new SendIm("carol", "again", 0));
        t.step("Carol", new SetChatMode(ChatMode.AVAILABLE, ""));
        t.step("Erin", new SendIm("Nobody", "x", 1));
        // user info and status (§6.5)
        t.step("Erin", new RequestUserInfo("Bob"));
        t.step("Erin", new GetUserStatus("Alice"));
        t.step("Erin", new RequestUserInfo("Nobody"));
        // buddies: request, approve, presence, whisper to buddies, removal (§6.7)
        t.step("Alice", new RequestBuddyAdd("Dave"));
        t.step("Dave", new ApproveBuddy("Alice"));
        t.step("Dave", new RequestBuddyAdd("Erin"));
        t.step("Erin", new ApproveBuddy("Dave"));
        t.step("Dave", new SendWhisperBuddies("hi buddies"));
        t.step("Dave", new SetChatMode(ChatMode.AFK, "away"));
        t.step("Dave", new SetChatMode(ChatMode.AVAILABLE, ""));
        t.step("Erin", new NotifyBuddyRemove(ids.get("Dave"), 0, 0));
        // clan whisper, ranks, an invite (§6.8)
        t.step("Carol", new SendClanWhisper("clan hello"));
        t.step("Alice", new ClanPromote(ids.get("Carol")));
        t.step("Alice", new ClanDemote(ids.get("Carol")));
        t.step("Bob", new ClanInviteMember("Erin"));
        t.step("Erin", new ClanInviteAccepted());
        t.step("Erin", new SendClanWhisper("new here"));
        // a channel whose members are on three nodes (§6.3, §6.6) and its moderation (§7)
        t.step("Alice", new JoinChannel("Fans"));
        t.step("Bob", new JoinChannel("fans"));
        t.step("Carol", new JoinChannel("FANS"));
        t.step("Dave", new JoinChannel("Fans"));
        t.step("Alice", new SendChannelMessage("hello all", FANS));
        t.step("Carol", new SendChannelMessage("hi", FANS));
        t.step("Bob", new SendEmote("waves", FANS));
        t.step("Alice", new SetChannelTopic(FANS, "the topic"));
        t.step("Alice", new PromoteInChannel(FANS, ids.get("Bob")));
        t.step("Bob", new SilenceInChannel(FANS, "Carol", 60_000));
        t.step("Carol", new SendChannelMessage("can't", FANS));
        t.step("Alice", new DemoteInChannel(FANS, ids.get("Bob")));
        t.step("Alice", new KickFromChannel(FANS, ids.get("Dave")));
        t.step("Alice", new BanFromChannel(FANS, "Dave"));
        t.step("Dave", new JoinChannel("Fans"));
        t.step("Alice", new UnbanFromChannel(FANS, "Dave"));
        t.step("Alice", new EnableChannelAuth(FANS));
        t.step("Alice", new AddChannelAuthUser(FANS, "Erin"));
        t.step("Alice", new ListChannelAuth(FANS));
        t.step("Erin", new JoinChannel("Fans"));
        t.step("Dave", new JoinChannel("Fans"));
        t.step("Alice", new SetChannelPassword(FANS, "secret"));
        t.step("Bob", new LeaveChannel("Fans"));
        t.step("Bob", new JoinChannelWithPassword("Fans", "wrong"));
        t.step("Bob", new JoinChannelWithPassword("Fans", "secret"));
        // the general channel holds 2: the third joiner goes to "HoN 2" (§6.3)
        t.step("Alice", new JoinChannel("HoN"));
        t.step("Dave", new JoinChannel("HoN"));
        t.step("Erin", new JoinChannel("HoN"));
        // a matchmaking group across nodes (§9.2)
        t.step("Alice", new GroupCreate("4.10.1", 1, 1, "caldavar", "ap|sd", "USE|EU", true, 0, 0, false));
        t.step("Alice", new GroupInviteRequest("Bob"));
        t.step("Bob", new GroupJoin("4.10.1", "Alice"));
        t.step("Bob", new GroupLeave());
        // a staff broadcast to everyone (§6.5)
        t.step("Mod", new BroadcastMessage(ChatBroadcastType.MESSAGE, 0, "maintenance soon"));
        // a disconnect: buddies see status 0, channel mates see 0x06 (§3.10)
        t.disconnect("Dave");
        t.close();
        return t.lines;
    }

    /** Clients of the scenario and everything they receive. */
    private static final class Transcript {
        final World world;
        final Map<String, ChatClient> clients = new LinkedHashMap<>();
        final List<String> lines = new ArrayList<>();
        int step;

        Transcript(World world) {
            this.world = world;
        }

        void login(String name) throws Exception {
            int user = List.of(USERS).indexOf(name);
            HonchatServer node = world.node(user % world.nodes());
            ChatLogin login = ChatLogin.login(new LoginClient("127.0.0.1", node.httpPort()), name, "pw-" + name);
            ChatClient client = ChatClient.connect("127.0.0.1", node.chatPort());
            client.selfAccountId(login.accountId());
            clients.put(name, client);
            client.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            settle("login " + name);
        }

        void step(String who, ServerboundPacket packet) throws Exception {
            clients.get(who).send(packet);
            settle(who + " " + packet);
        }

        void disconnect(String who) throws Exception {
            clients.remove(who).close();
            settle(who + " disconnects");
        }

        /** Reads until no client has received anything for {@link #QUIET}. */
        private void settle(String label) throws InterruptedException {
            step++;
            Map<String, List<String>> got = new LinkedHashMap<>();
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < QUIET.toNanos()) {
                boolean any = false;
                for (Map.Entry<String, ChatClient> entry : clients.entrySet()) {
                    ChatClient.Frame frame;
                    while ((frame = entry.getValue().nextFrame(Duration.ofMillis(2))) != null) {
                        got.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(frame.hex());
                        any = true;
                    }
                }
                if (any) {
                    quietSince = System.nanoTime();
                }
            }
            for (String name : clients.keySet()) {
                for (String hex : got.getOrDefault(name, List.of())) {
                    lines.add(step + " " + label + " | " + name + " <- " + hex);
                }
            }
        }

        void close() throws java.io.IOException {
            for (ChatClient client : clients.values()) {
                client.close();
            }
        }
    }
}
