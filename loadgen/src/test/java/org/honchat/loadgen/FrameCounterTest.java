package org.honchat.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCounterTest {

    /** Three frames (§2): a channel message with a body, a ping with none, a frame too short for a command. */
    private static ByteBuffer stream() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 7).putShort((short) 0x03).put(new byte[] {1, 2, 3, 4, 5});
        b.putShort((short) 2).putShort((short) 0x2A00);
        b.putShort((short) 1).put((byte) 9);
        b.putShort((short) 3).putShort((short) 0x0C).put((byte) 0x03);
        b.flip();
        return b;
    }

    @Test
    void reportsEachCommandWhereverTheReadsSplitTheStream() {
        ByteBuffer bytes = stream();
        int length = bytes.limit();
        for (int a = 0; a <= length; a++) {
            for (int b = a; b <= length; b++) {
                List<Integer> seen = new ArrayList<>();
                FrameCounter counter = new FrameCounter(seen::add);
                counter.feed(bytes, 0, a);
                counter.feed(bytes, a, b);
                counter.feed(bytes, b, length);
                assertThat(seen).as("split at %d and %d", a, b).containsExactly(0x03, 0x2A00, 0x0C);
            }
        }
    }
}
