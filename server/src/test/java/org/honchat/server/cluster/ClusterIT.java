package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.servers.FakeMatchServer;
import org.honchat.testkit.servers.Registration;
import org.honchat.protocol.types.RejectReason;
import org.honchat.server.admin.RunningServer;
import org.honchat.testkit.login.LoginClient;
import java.util.Map;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one Redis and one PostgreSQL behave as one server (docs/cluster.md): what the byte-for-byte
 * scenario of {@link ClusterEquivalenceIT} does not show.
 */
class ClusterIT {

    @TempDir
    Path dir;

    @Test
    void aWhisperCrossesNodes() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady())) {
            ChatClient alice = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(2, "Bob");
            alice.send(new SendWhisper("Bob", "psst"));
            assertThat(bob.expect(Whisper.class)).isEqualTo(new Whisper("Alice", "psst"));
        }
    }

    /**
     * What is not a chat connection's event reaches the hub node too: the login service's buddy function (§8.8)
     * and logout (§8.7) on a node that does not hold the hub, and the admin API there (status over the whole
     * cluster, a kick of a session held on a third node).
     */
    @Test
    void loginFunctionsAndTheAdminApiWorkFromANodeWithoutTheHub() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady())) {
            ChatClient alice = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(0, "Bob");
            LoginClient viaNode2 = new LoginClient("127.0.0.1", cluster.node(2).httpPort());
            String cookie = cluster.login(2, "Alice").cookie();
            LoginClient.Response added = viaNode2.call(LoginClient.Style.BODY_ONLY, Map.of("f", "new_buddy",
                    "account_id", Long.toString(cluster.id("Alice")), "buddy_id", Long.toString(cluster.id("Bob")),
                    "cookie", cookie));
            assertThat(added.body()).isEqualTo("a:1:{i:0;b:1;}");
            // as chat 0x0D: the request reaches both online sessions (0xB2)
            assertThat(alice.await(BuddyAddResponse.class).type()).isEqualTo(BuddyAddResult.REQUEST_SENT);
            assertThat(bob.await(BuddyAddResponse.class).type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);

            RunningServer admin = RunningServer.find(dir.resolve("n2")).orElseThrow();
            RunningServer.Reply status = admin.call("GET", "/api/status", null);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json()).contains("\"sessions\":2", "\"hubNode\":\"n0\"");
            // the console's cluster page: every live node, which holds the hub, how old its heartbeat is
            RunningServer.Reply nodes = admin.call("GET", "/api/cluster", null);
            assertThat(nodes.status()).isEqualTo(200);
            assertThat(nodes.json()).contains("\"enabled\":true", "\"thisNode\":\"n2\"", "\"nodeId\":\"n0\"",
                    "\"nodeId\":\"n1\"", "\"nodeId\":\"n2\"", "\"heartbeatAgeMillis\":");
            assertThat(nodes.json()).containsPattern("\"nodeId\":\"n0\",\"sessions\":\\d+,\"chat\":\"[^\"]+\",\"hub\":true");
            // the sessions page's paging and total, answered by the hub node for node 2
            RunningServer.Reply page = admin.call("GET", "/api/sessions?sort=name&order=desc&limit=1", null);
            assertThat(page.json()).contains("\"total\":2", "\"name\":\"Bob\"").doesNotContain("\"name\":\"Alice\"");
            assertThat(admin.call("POST", "/api/sessions/Bob/kick", "{}").status()).isEqualTo(200);
            // §3.11: 0x00C1 with logOutStaff = 1, then the close
            assertThat(bob.nextFrame(ClusterHarness.SETTLE).hex()).isEqualTo("03 00 C1 00 01");
            assertThat(bob.awaitClose(ClusterHarness.SETTLE)).isTrue();

            // a logout at node 2's login service closes the chat session of that cookie on node 1 (§8.7)
            cluster.account("Carol");
            ChatLogin carol = cluster.login(2, "Carol");
            ChatClient carolClient = cluster.connect(1);
            carolClient.send(carol.gameClientConnect(ChatMode.AVAILABLE, "en"));
            carolClient.await(PlayerCount.class);
            viaNode2.call(LoginClient.Style.BODY_ONLY, Map.of("f", "logout", "cookie", carol.cookie()));
            assertThat(carolClient.awaitClose(ClusterHarness.SETTLE)).isTrue();
        }
    }

    /**
     * Matchmaking across nodes: server_requester.php on any node sends match servers to the hub node (the links
     * of another node are refused), and two players on two other nodes are matched on a server there (§9).
     */
    @Test
    void playersOnTwoNodesAreMatchedOnAServerLinkedToTheHubNode() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady(
                "matchmaking.brokerIntervalSeconds", "1", "matchmaking.teamSizeOverride", "1"))) {
            cluster.account("gamehost", AccountType.SERVER);
            LoginClient viaNode2 = new LoginClient("127.0.0.1", cluster.node(2).httpPort());
            Registration r = Registration.newSession(viaNode2, "gamehost:1", "pw-gamehost", "198.51.100.20", 11235,
                    "eu 1", "EU");
            assertThat(r.chatPort()).isEqualTo(cluster.node(0).matchServerPort());
            try (FakeMatchServer elsewhere = FakeMatchServer.connect("127.0.0.1", cluster.node(2).matchServerPort(),
                    r.id(), r.cookie(), "EU", "10.0.0.1", 11236)) {
                assertThat(elsewhere.awaitClose(ClusterHarness.SETTLE)).isTrue();
            }
            try (FakeMatchServer server = FakeMatchServer.connect("127.0.0.1", r.chatPort(), r.id(), r.cookie(),
                    "EU", "10.0.0.1", 11236)) {
                server.expectAccepted();
                server.idle();
                ChatClient alice = cluster.game(1, "Alice");
                ChatClient bob = cluster.game(2, "Bob");
                for (ChatClient player : List.of(alice, bob)) {
                    player.send(new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false, 0, 1, true));
                    player.expect(GroupUpdate.class);
                    player.send(new GroupReady(1, 0));
                    player.expect(GroupUpdate.class);
                    player.expect(StartLoading.class);
                    player.send(new LoadingStatus(100));
                    player.expect(GroupUpdate.class);
                    player.expect(JoinedQueue.class);
                }
                CreateMatch match = server.expectMatch(ClusterHarness.SETTLE);
                assertThat(match).isNotNull();
            }
        }
    }

    /** §3.6 across nodes: the newer login wins; the older session, on another node, is told and closed. */
    @Test
    void aSecondLoginOnAnotherNodeReplacesTheFirst() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady())) {
            ChatClient first = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(0, "Bob");
            ChatClient second = cluster.game(2, "Alice");
            assertThat(first.await(AuthRejected.class).reason()).isEqualTo(RejectReason.ACCOUNT_SHARING);
            assertThat(first.awaitClose(ClusterHarness.SETTLE)).isTrue();
            bob.send(new SendWhisper("Alice", "which one?"));
            assertThat(second.expect(Whisper.class).message()).isEqualTo("which one?");
            assertThat(cluster.node(0).chat().query(d -> d.sessions().size()).get()).isEqualTo(2);
        }
    }

    /** §8.6 chat_url/chat_port: each login is sent to the live node with the fewest sessions. */
    @Test
    void loginsAreSpreadOverTheLeastLoadedNodes() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady())) {
            Set<Integer> chatPorts = new HashSet<>();
            for (String name : List.of("Alice", "Bob", "Carol")) {
                cluster.account(name);
                ChatLogin login = cluster.login(0, name); // always through node 0's login service
                chatPorts.add(login.chatPort());
                ChatClient client = cluster.game(0, login.chatPort(), name);
                assertThat(client).isNotNull();
                int before = chatPorts.size();
                // the next heartbeat carries the new session count
                ClusterHarness.waitFor(() -> cluster.nodes.stream().mapToInt(n -> n.chat().sessionsHere()).sum()
                        >= before && heartbeatsShow(cluster, before), "the heartbeats show the sessions");
            }
            assertThat(chatPorts).containsExactlyInAnyOrder(cluster.node(0).chatPort(), cluster.node(1).chatPort(),
                    cluster.node(2).chatPort());
        }
    }

    private static boolean heartbeatsShow(ClusterHarness cluster, int sessions) {
        return cluster.node(0).chat().coordinator().liveNodes().stream()
                .mapToInt(RedisCoordinator.NodeInfo::sessions).sum() >= sessions;
    }

    /**
     * Order: senders on three nodes write to one channel at once; every member sees the channel's messages in one
     * order, and each sender's in the order sent.
     */
    @Test
    void everyMemberSeesAChannelInOneOrder() throws Exception {
        int perSender = 200;
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady())) {
            List<ChatClient> senders = new ArrayList<>();
            List<ChatClient> readers = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                senders.add(cluster.game(node, "Sender" + node));
                readers.add(cluster.game(node, "Reader" + node));
            }
            List<ChatClient> everyone = new ArrayList<>(senders);
            everyone.addAll(readers);
            for (ChatClient client : everyone) {
                client.send(new JoinChannel("Busy"));
                client.await(ChangedChannel.class);
            }
            long channelId = 2;
            drain(everyone);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                ChatClient sender = senders.get(s);
                int index = s;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < perSender; i++) {
                            sender.send(new SendChannelMessage(index + ":" + i, channelId));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            List<List<String>> seen = new ArrayList<>();
            for (ChatClient reader : readers) {
                seen.add(read(reader, senders.size() * perSender));
            }
            assertThat(seen.get(1)).containsExactlyElementsOf(seen.get(0));
            assertThat(seen.get(2)).containsExactlyElementsOf(seen.get(0));
            for (int s = 0; s < senders.size(); s++) {
                String prefix = s + ":";
                List<String> own = seen.get(0).stream().filter(m -> m.startsWith(prefix)).toList();
                assertThat(own).hasSize(perSender);
                for (int i = 0; i < perSender; i++) {
                    assertThat(own.get(i)).isEqualTo(prefix + i);
                }
                // a sender sees everyone else's messages in the same order, not its own (§6.6)
                List<String> others = seen.get(0).stream().filter(m -> !m.startsWith(prefix)).toList();
                assertThat(read(senders.get(s), others.size())).containsExactlyElementsOf(others);
            }
        }
    }

    private static void drain(List<ChatClient> clients) throws InterruptedException {
        for (ChatClient client : clients) {
            while (client.next(Duration.ofMillis(200)) != null) {
                // the join notices
            }
        }
    }

    private static List<String> read(ChatClient client, int count) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        while (messages.size() < count) {
            ClientboundPacket next = client.next(ClusterHarness.SETTLE);
            assertThat(next).as("message " + messages.size() + " of " + count).isNotNull();
            if (next instanceof ChannelMessage message) {
                messages.add(message.message());
            }
        }
        return messages;
    }

    /**
     * Proportional to interest: a channel message reaches only the nodes with members in the channel, once per
     * hub batch, never once per member and never to a node without members.
     */
    @Test
    void aChannelMessageCrossesOnlyToNodesWithMembers() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3, ClusterHarness.steady())) {
            List<ChatClient> members = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                members.add(cluster.game(1, "Member" + i));
            }
            ChatClient elsewhere = cluster.game(2, "Elsewhere");
            ChatClient sender = members.get(0);
            for (ChatClient member : members) {
                member.send(new JoinChannel("Local"));
                member.await(ChangedChannel.class);
            }
            drain(members);
            double toNode2 = cluster.node(2).metrics().clusterDownReceived.count();
            double toNode1 = cluster.node(1).metrics().clusterDownReceived.count();
            sender.send(new SendChannelMessage("only here", 2));
            for (ChatClient member : members.subList(1, members.size())) {
                assertThat(member.await(ChannelMessage.class).message()).isEqualTo("only here");
            }
            // 19 deliveries on node 1 arrived in one message; node 2 got nothing
            assertThat(cluster.node(1).metrics().clusterDownReceived.count() - toNode1).isEqualTo(1);
            assertThat(cluster.node(2).metrics().clusterDownReceived.count()).isEqualTo(toNode2);
            assertThat(elsewhere.next(Duration.ofMillis(200))).isNull();
        }
    }
}
