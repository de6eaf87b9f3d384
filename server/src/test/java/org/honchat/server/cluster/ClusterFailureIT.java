package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.server.HonchatServer;
import org.honchat.server.ServerLock;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.ServerConfig;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each failure does to a cluster (docs/cluster.md "Failures"): a node killed with SIGKILL, the hub node killed,
 * a node cut off from Redis, Redis restarted. The heartbeat here is 100 ms and the node timeout 600 ms.
 */
class ClusterFailureIT {

    /** Far above the configured detection time (600 ms + two beats): a bound, not a performance figure. */
    private static final Duration DETECTED = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    /** Alice (on node {@code aliceNode}) and Bob are buddies and both in "Fans". */
    private static void buddies(ClusterHarness cluster, String a, String b) {
        long alice = cluster.id(a);
        long bob = cluster.id(b);
        cluster.node(0).database().social().addRequest(alice, bob, Instant.now());
        cluster.node(0).database().social().approve(alice, bob, Instant.now());
    }

    /**
     * Waits until one of the two surviving nodes holds the hub and both know it: a login that reaches a node still
     * on the old term is closed with that term (a real client retries).
     */
    private static void awaitNewHub(ClusterHarness cluster, int a, int b) throws InterruptedException {
        RedisCoordinator first = cluster.node(a).chat().coordinator();
        RedisCoordinator second = cluster.node(b).chat().coordinator();
        ClusterHarness.waitFor(() -> (first.isHub() || second.isHub()) && first.term() != null
                && first.term().equals(second.term()), "one of the others holds the hub and both know it");
    }

    /**
     * Alice on n1 and her buddy Bob on n2, a node that reaches Redis through {@code proxy}; Alice has seen Bob come
     * online.
     */
    private static ChatClient[] buddiesWithBobBehind(ClusterHarness cluster, TcpProxy proxy) throws Exception {
        cluster.account("Alice");
        cluster.account("Bob");
        buddies(cluster, "Alice", "Bob");
        cluster.startNode(cluster.nodeConfig("n2").with("cluster.redis.address", "127.0.0.1:" + proxy.port()));
        ClusterHarness.waitFor(() -> cluster.node(2).chat().coordinator().term() != null, "n2 joined");
        ChatClient alice = cluster.game(1, "Alice");
        ChatClient bob = cluster.game(2, "Bob");
        alice.await(UpdateStatus.class);
        return new ChatClient[] {alice, bob};
    }

    /**
     * Whispers from {@code from} to Bob every 200 ms, at most {@code attempts} times, until one reaches {@code bob}:
     * what is sent while Redis or the hub is away may be lost (pub/sub), what is sent after must arrive.
     */
    private static boolean whisperUntilDelivered(ChatClient from, ChatClient bob, String text, int attempts)
            throws Exception {
        for (int attempt = 0; attempt < attempts; attempt++) {
            from.send(new SendWhisper("Bob", text));
            if (bob.next(Duration.ofMillis(200)) instanceof Whisper whisper && whisper.message().equals(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server closed the connection within {@code wait}; what it sent before that is skipped. */
    private static boolean closedWithin(ChatClient client, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!client.isClosedByServer() && System.nanoTime() < deadline) {
            client.next(Duration.ofMillis(100));
        }
        return client.isClosedByServer();
    }

    private static <T extends ClientboundPacket> T awaitWithin(ChatClient client, Class<T> type, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            ClientboundPacket next = client.next(Duration.ofMillis(100));
            if (type.isInstance(next)) {
                return type.cast(next);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + wait);
    }

    @Test
    void aKilledNodesSessionsEndForEveryoneAndItsUsersLogInElsewhereAtOnce() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 2)) {
            cluster.account("Alice");
            cluster.account("Bob");
            buddies(cluster, "Alice", "Bob");
            Process n2 = cluster.startProcessNode("n2");
            ClusterHarness.waitFor(() -> cluster.liveNode(0, "n2") != null, "n2 heartbeats");
            int n2Port = cluster.liveNode(0, "n2").chatPort();

            ChatClient alice = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(1, n2Port, "Bob");
            alice.await(UpdateStatus.class); // Bob came online
            alice.send(new JoinChannel("Fans"));
            alice.expect(ChangedChannel.class);
            bob.send(new JoinChannel("Fans"));
            bob.expect(ChangedChannel.class);
            alice.expect(JoinedChannel.class);

            long killedAt = System.nanoTime();
            n2.destroyForcibly(); // SIGKILL
            LeftChannel left = awaitWithin(alice, LeftChannel.class, DETECTED);
            assertThat(left.accountId()).isEqualTo(cluster.id("Bob"));
            UpdateStatus offline = awaitWithin(alice, UpdateStatus.class, DETECTED);
            assertThat(offline.accountId()).isEqualTo(cluster.id("Bob"));
            assertThat(offline.status()).isEqualTo(ChatStatus.DISCONNECTED);
            long detectedMillis = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(detectedMillis).as("SIGKILL to the buddy's 0x0C").isLessThan(DETECTED.toMillis());

            // no ghost: Bob logs in on another node at once, and is a normal session there
            ChatClient bobAgain = cluster.game(0, "Bob");
            UpdateStatus online = alice.await(UpdateStatus.class);
            assertThat(online.status()).isEqualTo(ChatStatus.CONNECTED);
            alice.send(new SendWhisper("Bob", "welcome back"));
            assertThat(bobAgain.expect(Whisper.class).message()).isEqualTo("welcome back");

            // the node comes back as a new incarnation: nothing of its earlier life returns
            cluster.startProcessNode("n2");
            ClusterHarness.waitFor(() -> cluster.liveNode(0, "n2") != null, "n2 heartbeats again");
            assertThat(cluster.node(0).chat().query(d -> d.sessions().size()).get()).isEqualTo(2);
            ChatClient carol = cluster.game(0, cluster.liveNode(0, "n2").chatPort(), "Carol");
            carol.send(new SendWhisper("Alice", "hi from the new n2"));
            assertThat(alice.await(Whisper.class).message()).isEqualTo("hi from the new n2");
        }
    }

    /**
     * Alice (n1) and Bob (n2) chat in "Fans" with Hank, whose connection is on the hub node n0; Alice and Hank are
     * buddies.
     */
    private static Fans fansWithHankOnTheHub(ClusterHarness cluster, int aliceVia, int alicePort,
            int bobVia, int bobPort, int hankVia, int hankPort) throws Exception {
        cluster.account("Alice");
        cluster.account("Bob");
        cluster.account("Hank");
        buddies(cluster, "Alice", "Hank");
        ChatClient hank = cluster.game(hankVia, hankPort, "Hank");
        ChatClient alice = cluster.game(aliceVia, alicePort, "Alice");
        ChatClient bob = cluster.game(bobVia, bobPort, "Bob");
        long id = 0;
        for (ChatClient client : new ChatClient[] {hank, alice, bob}) {
            client.send(new JoinChannel("Fans"));
            id = client.await(ChangedChannel.class).channelId();
        }
        alice.send(new SendWhisper("Bob", "before"));
        assertThat(bob.await(Whisper.class).message()).isEqualTo("before");
        return new Fans(alice, bob, hank, id);
    }

    private record Fans(ChatClient alice, ChatClient bob, ChatClient hank, long id) {
    }

    /** After a hub change: the same connections still chat, in the same channel id. */
    private static void stillChatting(ChatClient alice, ChatClient bob, long fans) throws Exception {
        alice.send(new SendWhisper("Bob", "after"));
        assertThat(bob.await(Whisper.class).message()).isEqualTo("after");
        bob.send(new SendChannelMessage("still in Fans", fans));
        ChannelMessage heard = alice.await(ChannelMessage.class);
        assertThat(heard.channelId()).isEqualTo(fans);
        assertThat(heard.message()).isEqualTo("still in Fans");
    }

    /**
     * The login service names only live nodes (docs/cluster.md "Placement"): a node that dies is no longer named
     * about 1.25 heartbeats after its last beat, long before its heartbeat key expires (a 5 s node timeout here).
     */
    @Test
    void aKilledNodeIsNoLongerNamedByTheLoginServiceWithinAboutAHeartbeat() throws Exception {
        String[] keys = ClusterHarness.clusterKeys("cluster.nodeTimeoutMillis", "5000", "cluster.heartbeatMillis",
                "100");
        try (ClusterHarness cluster = new ClusterHarness(dir, keys, 1)) {
            Process n1 = cluster.startProcessNode("n1");
            cluster.awaitProcessStarted("n1");
            ClusterHarness.waitFor(() -> cluster.liveNode(0, "n1") != null, "n0 sees n1");
            int deadPort = cluster.liveNode(0, "n1").chatPort();
            ChatClient alice = cluster.game(0, "Alice"); // n0 holds a session, n1 none: n1 is the least loaded
            cluster.account("Bob");
            ClusterHarness.waitFor(() -> namedPort(cluster) == deadPort, "the login service names n1");
            n1.destroyForcibly(); // SIGKILL: no goodbye, the key stays for the 5 s node timeout
            long killed = System.nanoTime();
            ClusterHarness.waitFor(() -> namedPort(cluster) != deadPort, "n1 no longer named");
            Duration gone = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(gone).as("n1 stopped being named %d ms after the kill", gone.toMillis())
                    .isLessThan(Duration.ofMillis(2500));
            assertThat(namedPort(cluster)).isEqualTo(cluster.node(0).chatPort());
            assertThat(cluster.liveNode(0, "n1")).as("its key has not expired yet").isNotNull();
            alice.close();
        }
    }

    /** The chat port a login at node 0's login service is told to use. */
    private static int namedPort(ClusterHarness cluster) {
        try {
            return cluster.login(0, "Bob").chatPort();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void aKilledHubNodesSessionsEndAndTheOthersCarryOnWithTheNextHub() throws Exception {
        String[] keys = ClusterHarness.clusterKeys();
        try (ClusterHarness cluster = new ClusterHarness(dir, keys, 0)) {
            Process hub = cluster.startProcessNode("n0");
            cluster.awaitProcessStarted("n0"); // alone, so it takes the hub lease
            cluster.startNode("n1");
            cluster.startNode("n2");
            HonchatServer n1 = cluster.node(0);
            ClusterHarness.waitFor(() -> n1.chat().coordinator().term() != null
                    && n1.chat().coordinator().term().hubNode().equals("n0")
                    && cluster.liveNode(0, "n0") != null, "n0 holds the hub");
            int hubPort = cluster.liveNode(0, "n0").chatPort();
            Fans fans = fansWithHankOnTheHub(cluster, 0, n1.chatPort(), 1, cluster.node(1).chatPort(), 0, hubPort);
            ChatClient alice = fans.alice();
            ChatClient bob = fans.bob();
            bob.send(new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false, 0, 1, true));
            bob.await(GroupUpdate.class);
            alice.send(new SendWhisper("Bob", "the group is made")); // orders the group before the kill
            bob.await(Whisper.class);

            hub.destroyForcibly(); // SIGKILL
            // the next hub takes over from the state copy: Hank's connection went with n0, so he leaves for
            // everyone as in any node loss (§3.10); Alice and Bob keep their connections, channel and buddies
            LeftChannel left = awaitWithin(alice, LeftChannel.class, DETECTED.multipliedBy(2));
            assertThat(left.accountId()).isEqualTo(cluster.id("Hank"));
            assertThat(left.channelId()).isEqualTo(fans.id());
            UpdateStatus offline = awaitWithin(alice, UpdateStatus.class, DETECTED);
            assertThat(offline.accountId()).isEqualTo(cluster.id("Hank"));
            assertThat(offline.status()).isEqualTo(ChatStatus.DISCONNECTED);
            assertThat(awaitWithin(bob, LeftChannel.class, DETECTED).accountId()).isEqualTo(cluster.id("Hank"));
            // groups end with the hub node: 0x0E0A makes Bob's client drop his (docs/protocol.md §9)
            assertThat(awaitWithin(bob, GroupJoinFailed.class, DETECTED).reason()).isEqualTo(GroupJoinFailed.BUSY);
            awaitNewHub(cluster, 0, 1);
            stillChatting(alice, bob, fans.id());

            // no ghost: Hank logs in again on a live node and is a normal session there
            ChatClient hankAgain = cluster.game(1, "Hank");
            assertThat(alice.await(UpdateStatus.class).status()).isEqualTo(ChatStatus.CONNECTED);
            alice.send(new SendWhisper("Hank", "welcome back"));
            assertThat(hankAgain.await(Whisper.class).message()).isEqualTo("welcome back");
            HonchatServer newHub = n1.chat().coordinator().isHub() ? n1 : cluster.node(1);
            assertThat(newHub.chat().query(d -> d.sessions().size()).get()).isEqualTo(3);
        }
    }

    /**
     * A hub node that stops on purpose hands over at once (here the node timeout is 20 s), and only its own go. The
     * heartbeat is 1 s and the stop comes right after the logins, so the node list of the last beat may not have
     * Bob's node yet: the new hub must read it again (it once took Bob for a session of a gone node).
     */
    @Test
    void aHubNodeStoppedOnPurposeHandsItsSessionsOverAtOnce() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, ClusterHarness.clusterKeys(
                "cluster.heartbeatMillis", "1000", "cluster.nodeTimeoutMillis", "20000"), 3)) {
            Fans fans = fansWithHankOnTheHub(cluster, 1, cluster.node(1).chatPort(), 2, cluster.node(2).chatPort(),
                    0, cluster.node(0).chatPort());
            ChatClient alice = fans.alice();
            ChatClient bob = fans.bob();
            ChatClient hank = fans.hank();
            long hankId = cluster.id("Hank");
            long stopped = System.nanoTime();
            cluster.node(0).close();
            assertThat(closedWithin(hank, DETECTED)).isTrue(); // its connection was on the node that stopped
            assertThat(alice.await(LeftChannel.class).accountId()).isEqualTo(hankId);
            awaitNewHub(cluster, 1, 2);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(15));
            cluster.nodes.remove(0);
            HonchatServer newHub = cluster.node(0).chat().coordinator().isHub() ? cluster.node(0) : cluster.node(1);
            ClusterHarness.waitFor(() -> newHub.chat().query(d -> d.sessions().size()).join() == 2,
                    "the new hub node holds Alice's and Bob's sessions");
            stillChatting(alice, bob, fans.id());
            ChatClient carol = cluster.game(1, "Carol");
            carol.send(new SendWhisper("Bob", "new hub"));
            assertThat(bob.await(Whisper.class).message()).isEqualTo("new hub");
        }
    }

    /**
     * Redis that answers only after a while (a machine busy with a build, Redis starting after the node): the node
     * keeps trying for cluster.redis.connectRetrySeconds and starts once it answers; without Redis for that long it
     * stops with one line that says so.
     */
    @Test
    void aNodeWaitsForALateRedisAtStartAndGivesUpAfterItsRetryTime() throws Exception {
        String redis = ClusterHarness.redisAddress();
        try (TcpProxy proxy = new TcpProxy(Integer.parseInt(redis.substring(redis.lastIndexOf(':') + 1)))) {
            proxy.cut();
            String[] keys = ClusterHarness.clusterKeys("cluster.redis.address", "127.0.0.1:" + proxy.port());
            ServerConfig late = TestDatabases.loopback(dir.resolve("late"), keys);
            CompletableFuture<HonchatServer> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return HonchatServer.start(late);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500); // longer than a heartbeat (500 ms by default) of refused connections
            assertThat(starting).isNotDone();
            proxy.restore();
            try (HonchatServer node = starting.get(30, TimeUnit.SECONDS)) {
                ClusterHarness.waitFor(() -> node.chat().coordinator().isHub(), "the late node holds the hub");
            }

            proxy.cut();
            ServerConfig never = TestDatabases.loopback(dir.resolve("never"), ClusterHarness.clusterKeys(
                    "cluster.redis.address", "127.0.0.1:" + proxy.port(), "cluster.redis.connectRetrySeconds", "1"));
            long started = System.nanoTime();
            assertThatThrownBy(() -> HonchatServer.start(never)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("cannot reach Redis at 127.0.0.1:" + proxy.port())
                    .hasMessageContaining("in 1 s (cluster.redis.connectRetrySeconds)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(ServerLock.holder(dir.resolve("never"))).isEmpty();
        }
    }

    @Test
    void aNodeCutOffFromRedisDropsItsSessionsAndRejoinsAsNew() throws Exception {
        String redis = ClusterHarness.redisAddress();
        try (TcpProxy proxy = new TcpProxy(Integer.parseInt(redis.substring(redis.lastIndexOf(':') + 1)));
                ClusterHarness cluster = new ClusterHarness(dir, 2)) {
            ChatClient[] pair = buddiesWithBobBehind(cluster, proxy);
            ChatClient alice = pair[0];
            ChatClient bob = pair[1];

            proxy.cut();
            // the hub writes n2 off (Alice sees Bob go) and n2, unable to reach Redis, closes Bob itself
            UpdateStatus offline = awaitWithin(alice, UpdateStatus.class, DETECTED);
            assertThat(offline.status()).isEqualTo(ChatStatus.DISCONNECTED);
            assertThat(bob.awaitClose(DETECTED)).isTrue();

            proxy.restore();
            ClusterHarness.waitFor(() -> cluster.liveNode(0, "n2") != null, "n2 rejoined");
            ChatClient bobAgain = cluster.game(2, "Bob");
            assertThat(alice.await(UpdateStatus.class).status()).isEqualTo(ChatStatus.CONNECTED);
            bobAgain.send(new SendWhisper("Alice", "back"));
            assertThat(alice.await(Whisper.class).message()).isEqualTo("back");
        }
    }

    /**
     * A close lost on the way (the node's Redis connection down for a moment, shorter than the node timeout) leaves
     * the hub a session whose connection is gone; the next output for it makes the node send the close again.
     */
    @Test
    void aLostCloseIsRepairedByTheNextOutput() throws Exception {
        String redis = ClusterHarness.redisAddress();
        try (TcpProxy proxy = new TcpProxy(Integer.parseInt(redis.substring(redis.lastIndexOf(':') + 1)));
                ClusterHarness cluster = new ClusterHarness(dir, ClusterHarness.clusterKeys(
                        "cluster.nodeTimeoutMillis", "5000"), 2)) {
            ChatClient[] pair = buddiesWithBobBehind(cluster, proxy);
            ChatClient alice = pair[0];
            ChatClient bob = pair[1];

            proxy.cut();
            bob.close(); // its close cannot reach the hub node
            Thread.sleep(500);
            assertThat(cluster.node(0).chat().query(d -> d.session(cluster.id("Bob")) != null).get()).isTrue();
            proxy.restore();
            // output for the ghost reaches n2 (once its Redis connection is back), which no longer has the
            // connection and says so
            UpdateStatus offline = null;
            for (int attempt = 0; attempt < 40 && offline == null; attempt++) {
                alice.send(new SendWhisper("Bob", "still there?"));
                ClientboundPacket next = alice.next(Duration.ofMillis(250));
                offline = next instanceof UpdateStatus status ? status : null;
            }
            assertThat(offline).as("Bob's 0x0C status 0 after the repair").isNotNull();
            assertThat(offline.accountId()).isEqualTo(cluster.id("Bob"));
            assertThat(offline.status()).isEqualTo(ChatStatus.DISCONNECTED);
            assertThat(cluster.node(0).chat().query(d -> d.session(cluster.id("Bob")) == null).get()).isTrue();
        }
    }

    /**
     * Redis itself with a replica and a Sentinel: when the master dies, the Sentinel promotes the replica and the
     * nodes follow it (they ask the Sentinel at each reconnect); the lease, the heartbeats and every session stay.
     */
    @Test
    void aRedisMasterFailoverBySentinelCostsNoSession() throws Exception {
        ClusterHarness.redisAddress();
        try (RedisSentinelSet redis = RedisSentinelSet.start(dir.resolve("redis"));
                ClusterHarness cluster = new ClusterHarness(dir, ClusterHarness.clusterKeys(
                        "cluster.redis.address", redis.sentinelAddress(),
                        "cluster.redis.sentinelMaster", RedisSentinelSet.MASTER_NAME,
                        "cluster.nodeTimeoutMillis", "5000"), 3)) {
            ChatClient alice = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(2, "Bob");
            alice.send(new SendWhisper("Bob", "before"));
            assertThat(bob.await(Whisper.class).message()).isEqualTo("before");
            redis.failOver();
            // what was in flight while the master was gone may be lost (pub/sub); what is sent after arrives
            assertThat(whisperUntilDelivered(alice, bob, "after the failover", 100)).isTrue();
            assertThat(cluster.node(1).chat().coordinator().term().hubNode()).isEqualTo("n0");
            assertThat(alice.awaitClose(Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void aRedisRestartCostsNoSession() throws Exception {
        ClusterHarness.redisAddress();
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
                ClusterHarness cluster = new ClusterHarness(dir, ClusterHarness.clusterKeys(
                        "cluster.redis.address", "127.0.0.1:" + redis.port(), "cluster.nodeTimeoutMillis", "3000"),
                        3)) {
            ChatClient alice = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(2, "Bob");
            redis.restart();
            // the nodes reconnect, write their keys again, and the hub node takes its lease back: same term
            ClusterHarness.waitFor(() -> cluster.liveNode(1, "n0") != null && cluster.liveNode(1, "n2") != null,
                    "heartbeats written again");
            assertThat(cluster.node(1).chat().coordinator().term().hubNode()).isEqualTo("n0");
            // what was in flight during the restart may be lost (pub/sub); what is sent after arrives
            assertThat(whisperUntilDelivered(alice, bob, "still here?", 50)).isTrue();
            assertThat(alice.awaitClose(Duration.ofMillis(100))).isFalse();

            // the hub node wrote its state copy again when it took its lease back (Redis lost it): a hub change
            // now still finds Alice and Bob, and they chat on
            cluster.node(0).close();
            cluster.nodes.remove(0);
            ClusterHarness.waitFor(() -> cluster.node(0).chat().coordinator().isHub()
                    || cluster.node(1).chat().coordinator().isHub(), "n1 or n2 holds the hub");
            assertThat(whisperUntilDelivered(alice, bob, "after the hub change", 50)).isTrue();
        }
    }
}
