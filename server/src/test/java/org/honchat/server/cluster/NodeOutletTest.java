package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.hub.Hub;
import org.honchat.server.hub.SessionLink;
import org.honchat.server.store.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub node's output for other nodes, in-process with the real hub (docs/cluster.md "Fan-out is proportional to
 * interest"): one message per node per hub batch, each frame once with the ids of that node's recipients, in order
 * with closes; nothing to a node written off.
 */
class NodeOutletTest {

    private static final ChannelMessage MESSAGE = new ChannelMessage(1001, 7, "hello");

    private final Hub hub = new Hub(UnpooledByteBufAllocator.DEFAULT, 1 << 20);
    private final Map<String, List<byte[]>> published = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        hub.close();
    }

    private NodeOutlet node(String id, long incarnation) {
        return new NodeOutlet(id, incarnation, 5, (node, message) -> published
                .computeIfAbsent(node, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(message));
    }

    private static ChatSession session(long id, SessionLink link) {
        Account account = new Account(id, "user" + id, AccountType.REGULAR, "", "", "white", "Default Icon", 0,
                Instant.EPOCH, Instant.EPOCH);
        return new ChatSession(account, true, "", "cookie" + id, false, link);
    }

    private void onHub(Runnable task) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        hub.execute(() -> {
            task.run();
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch flushed = new CountDownLatch(1);
        hub.execute(flushed::countDown); // the batch above has been handed over
        assertThat(flushed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static byte[] frame() {
        ByteBuf frame = FrameEncoder.encode(UnpooledByteBufAllocator.DEFAULT, MESSAGE);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void oneMessagePerNodePerBatchWithEachFrameOnce() throws Exception {
        NodeOutlet n1 = node("n1", 11);
        NodeOutlet n2 = node("n2", 22);
        ChatSession a = session(1000, n1.link(1, "a"));
        ChatSession b = session(1001, n1.link(2, "b"));
        ChatSession c = session(1002, n2.link(7, "c"));
        onHub(() -> {
            hub.send(List.of(a, b, c), MESSAGE);
            hub.send(List.of(a, b, c), MESSAGE);
            hub.close(b);
        });
        assertThat(published.get("n1")).hasSize(1);
        ClusterWire.Down toN1 = ClusterWire.Down.decode(published.get("n1").get(0));
        assertThat(toN1.term()).isEqualTo(5);
        assertThat(toN1.incarnation()).isEqualTo(11);
        assertThat(toN1.ops()).hasSize(3);
        for (int i = 0; i < 2; i++) {
            ClusterWire.Frames frames = (ClusterWire.Frames) toN1.ops().get(i);
            assertThat(frames.frame()).containsExactly(frame());
            assertThat(frames.connectionIds()).containsExactly(1, 2);
        }
        assertThat(toN1.ops().get(2)).isEqualTo(new ClusterWire.Close(2));

        assertThat(published.get("n2")).hasSize(1);
        ClusterWire.Down toN2 = ClusterWire.Down.decode(published.get("n2").get(0));
        assertThat(toN2.incarnation()).isEqualTo(22);
        assertThat(toN2.ops()).hasSize(2);
        assertThat(((ClusterWire.Frames) toN2.ops().get(0)).connectionIds()).containsExactly(7);
    }

    @Test
    void aNodeWithoutRecipientsGetsNothingAndAWrittenOffNodeNothingMore() throws Exception {
        NodeOutlet n1 = node("n1", 11);
        NodeOutlet n2 = node("n2", 22);
        ChatSession a = session(1000, n1.link(1, "a"));
        session(1002, n2.link(7, "c"));
        onHub(() -> hub.send(a, MESSAGE));
        assertThat(published).containsOnlyKeys("n1");
        n1.gone = true;
        onHub(() -> hub.send(a, MESSAGE));
        assertThat(published.get("n1")).hasSize(1);
    }

    @Test
    void loginAnswersAndClosesForUnknownConnectionsAreOpsOfTheirOwn() throws Exception {
        NodeOutlet n1 = node("n1", 11);
        onHub(() -> {
            n1.accepted(3, 1000, true);
            n1.rejected(4, 2);
            n1.close(5);
        });
        assertThat(published.get("n1")).hasSize(3);
        assertThat(ClusterWire.Down.decode(published.get("n1").get(0)).ops())
                .containsExactly(new ClusterWire.Accepted(3, 1000, true));
        assertThat(ClusterWire.Down.decode(published.get("n1").get(1)).ops())
                .containsExactly(new ClusterWire.Rejected(4, 2));
        assertThat(ClusterWire.Down.decode(published.get("n1").get(2)).ops())
                .containsExactly(new ClusterWire.Close(5));
    }
}
