package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The messages between cluster nodes: round trips, and anything malformed is a typed error, never another one. */
class ClusterWireTest {

    @Test
    void anEventRoundTrips() throws Exception {
        ClusterWire.Up up = new ClusterWire.Up(ClusterWire.UpKind.COMMAND, 42, "node-1", -7, 9, "1.2.3.4:5",
                new byte[] {1, 2, 3});
        ClusterWire.Up back = ClusterWire.Up.decode(up.encode());
        assertThat(back.kind()).isEqualTo(ClusterWire.UpKind.COMMAND);
        assertThat(back.term()).isEqualTo(42);
        assertThat(back.nodeId()).isEqualTo("node-1");
        assertThat(back.incarnation()).isEqualTo(-7);
        assertThat(back.connectionId()).isEqualTo(9);
        assertThat(back.remoteAddress()).isEqualTo("1.2.3.4:5");
        assertThat(back.body()).containsExactly(1, 2, 3);
        assertThat(ClusterWire.kind(up.encode())).isEqualTo(ClusterWire.UP);
    }

    @Test
    void outputCarriesEachFrameOnceWithItsRecipientsInOrder() throws Exception {
        ClusterWire.DownWriter writer = new ClusterWire.DownWriter(5, 6);
        assertThat(writer.isEmpty()).isTrue();
        writer.accepted(1, 1000, true);
        writer.frames(Unpooled.wrappedBuffer(new byte[] {2, 0, 9, 9}));
        writer.recipient(1);
        writer.recipient(2);
        writer.endFrames();
        writer.close(2);
        writer.rejected(3, 2);
        writer.resumed(List.of(7L, 8L));
        ClusterWire.Down down = ClusterWire.Down.decode(writer.toBytes());
        assertThat(down.term()).isEqualTo(5);
        assertThat(down.incarnation()).isEqualTo(6);
        assertThat(down.ops()).hasSize(5);
        assertThat(down.ops().get(0)).isEqualTo(new ClusterWire.Accepted(1, 1000, true));
        ClusterWire.Frames frames = (ClusterWire.Frames) down.ops().get(1);
        assertThat(frames.frame()).containsExactly(2, 0, 9, 9);
        assertThat(frames.connectionIds()).containsExactly(1, 2);
        assertThat(down.ops().get(2)).isEqualTo(new ClusterWire.Close(2));
        assertThat(down.ops().get(3)).isEqualTo(new ClusterWire.Rejected(3, 2));
        assertThat(((ClusterWire.Resumed) down.ops().get(4)).connectionIds()).containsExactly(7, 8);
    }

    @Test
    void aResumeRoundTrips() throws Exception {
        ClusterWire.Up up = new ClusterWire.Up(ClusterWire.UpKind.RESUME, 42, "node-1", 3, 0, "", new byte[0]);
        assertThat(ClusterWire.Up.decode(up.encode()).kind()).isEqualTo(ClusterWire.UpKind.RESUME);
    }

    @Test
    void callsAndRepliesRoundTrip() throws Exception {
        ClusterWire.Call call = new ClusterWire.Call(3, "n1", "admin", List.of("GET", "/api/status", ""));
        assertThat(ClusterWire.Call.decode(call.encode())).isEqualTo(call);
        ClusterWire.Reply reply = new ClusterWire.Reply(3, true, "200\n{}");
        assertThat(ClusterWire.Reply.decode(reply.encode())).isEqualTo(reply);
    }

    @Test
    void truncatedOrGarbledMessagesAreTypedErrors() {
        ClusterWire.DownWriter writer = new ClusterWire.DownWriter(1, 1);
        writer.frames(Unpooled.wrappedBuffer(new byte[] {2, 0, 1, 1}));
        writer.recipient(1);
        writer.endFrames();
        writer.resumed(List.of(1L, 2L, 3L));
        List<byte[]> valid = List.of(
                new ClusterWire.Up(ClusterWire.UpKind.CONNECT, 1, "n", 1, 1, "a", new byte[8]).encode(),
                writer.toBytes(),
                new ClusterWire.Call(1, "n", "op", List.of("x")).encode(),
                new ClusterWire.Reply(1, false, "no").encode());
        Random random = new Random(17);
        for (byte[] message : valid) {
            for (int length = 0; length < message.length; length++) {
                assertMalformedOrDecodes(Arrays.copyOf(message, length));
            }
            for (int i = 0; i < 2000; i++) {
                byte[] garbled = message.clone();
                garbled[random.nextInt(garbled.length)] = (byte) random.nextInt(256);
                assertMalformedOrDecodes(garbled);
            }
        }
        assertThatThrownBy(() -> ClusterWire.Up.decode(writer.toBytes()))
                .isInstanceOf(ClusterWire.MalformedMessage.class);
    }

    private static void assertMalformedOrDecodes(byte[] message) {
        for (Decoder decoder : List.<Decoder>of(ClusterWire.Up::decode, ClusterWire.Down::decode,
                ClusterWire.Call::decode, ClusterWire.Reply::decode)) {
            try {
                decoder.decode(message);
            } catch (ClusterWire.MalformedMessage expected) {
                // the typed outcome
            }
        }
    }

    private interface Decoder {
        Object decode(byte[] message) throws ClusterWire.MalformedMessage;
    }
}
