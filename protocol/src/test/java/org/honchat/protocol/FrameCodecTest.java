package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.honchat.protocol.ProtocolDecodeException.Kind;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOnline;
import org.honchat.protocol.wire.Bytes;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.junit.jupiter.api.Test;

/** Framing (§1.1, §1.3 rules 1, 4, 5; §1.4 rule 3): reassembly, empty frames, size limits both ways. */
class FrameCodecTest {

    /** Feeds {@code chunks} one by one into a cumulation, as a socket would, collecting frame bodies as hex. */
    static List<String> feed(FrameDecoder decoder, String... chunks) throws ProtocolDecodeException {
        ByteBuf cumulation = Unpooled.buffer();
        List<String> frames = new ArrayList<>();
        try {
            for (String chunk : chunks) {
                cumulation.writeBytes(Bytes.ofHex(chunk).toArray());
                ByteBuf frame;
                while ((frame = decoder.readFrame(cumulation)) != null) {
                    frames.add(SpecExamplesTest.hex(frame));
                    frame.release();
                }
                cumulation.discardReadBytes();
            }
            return frames;
        } finally {
            cumulation.release();
        }
    }

    @Test
    void lengthAndBodyInSeparateWritesAsPyHoNBotSendsThem() throws Exception {
        FrameDecoder decoder = new FrameDecoder(FrameDecoder.MAX_LENGTH);
        assertThat(feed(decoder, "07 00", "1E 00 46 61 6E 73 00")).containsExactly("1E 00 46 61 6E 73 00");
    }

    @Test
    void oneByteAtATime() throws Exception {
        String frame = "0D 00 03 00 68 69 20 61 6C 6C 00 07 00 00 00";
        String[] bytes = frame.split(" ");
        assertThat(feed(new FrameDecoder(FrameDecoder.MAX_LENGTH), bytes))
                .containsExactly("03 00 68 69 20 61 6C 6C 00 07 00 00 00");
    }

    @Test
    void severalFramesInOneSegmentAsHonpurpleSendsThem() throws Exception {
        // a join and an IM in one segment, then half of a ping
        assertThat(feed(new FrameDecoder(FrameDecoder.MAX_LENGTH),
                "07 00 1E 00 46 61 6E 73 00 09 00 1C 00 42 6F 62 00 68 69 00 02", "00 00 2A"))
                .containsExactly("1E 00 46 61 6E 73 00", "1C 00 42 6F 62 00 68 69 00", "00 2A");
    }

    @Test
    void zeroAndOneByteFramesAreSkipped() throws Exception {
        // §1.3 rule 4: 00 00, then 01 00 with its single byte consumed, then a real frame
        assertThat(feed(new FrameDecoder(FrameDecoder.MAX_LENGTH), "00 00 01 00 FF 02 00 01 2A"))
                .containsExactly("01 2A");
        // a one-byte frame whose byte has not arrived yet waits for it
        assertThat(feed(new FrameDecoder(FrameDecoder.MAX_LENGTH), "01 00", "FF", "02 00 01 2A"))
                .containsExactly("01 2A");
    }

    @Test
    void limitBeforeAuthenticationIs1KiBAndCanBeRaisedAfter() throws Exception {
        FrameDecoder decoder = new FrameDecoder(FrameDecoder.PRE_AUTH_MAX_LENGTH);
        // 1025 declared: refused at once, without waiting for the body
        assertThatThrownBy(() -> feed(decoder, "01 04"))
                .isInstanceOfSatisfying(ProtocolDecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FRAME_TOO_LARGE);
                    assertThat(e.getMessage()).contains("1025", "1024");
                });
        // exactly 1024 is accepted
        assertThat(feed(decoder, "00 04 1E 00 " + filler(1021) + " 00")).hasSize(1);

        decoder.setMaxLength(FrameDecoder.MAX_LENGTH);
        assertThat(feed(decoder, "01 04 1E 00 " + filler(1022) + " 00")).hasSize(1);
        assertThatThrownBy(() -> feed(decoder, "01 40")).isInstanceOf(ProtocolDecodeException.class);
        assertThatThrownBy(() -> feed(decoder, "FF FF")).isInstanceOf(ProtocolDecodeException.class);
    }

    @Test
    void outboundFrameAbove16KiBIsRefusedAtEncodeTime() {
        // 0x2D with channel names totalling well over 16 KiB
        List<String> channels = Collections.nCopies(600, "x".repeat(30));
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte(0x77);
            assertThatThrownBy(() -> FrameEncoder.write(out, new UserInfoOnline("Bob", channels)))
                    .isInstanceOf(FrameEncoder.FrameTooLargeException.class)
                    .hasMessageContaining("0x002D", "16384");
            // nothing of the refused frame is left in the buffer
            assertThat(out.writerIndex()).isEqualTo(1);
        } finally {
            out.release();
        }
        assertThatThrownBy(() -> FrameEncoder.encode(ByteBufAllocator.DEFAULT, new UserInfoOnline("Bob", channels)))
                .isInstanceOf(FrameEncoder.FrameTooLargeException.class);
    }

    @Test
    void largestAllowedOutboundFrameIsExactly16384Bytes() {
        // 0x2D: name "" (1) + count (4) + one string of n bytes + NUL; frame = 2 + 2 + 5 + n + 1
        int n = FrameEncoder.MAX_FRAME_BYTES - 10;
        UserInfoOnline fits = new UserInfoOnline("", List.of("y".repeat(n)));
        assertThat(FrameEncoder.frameSize(fits)).isEqualTo(FrameEncoder.MAX_FRAME_BYTES);
        ByteBuf frame = FrameEncoder.encode(ByteBufAllocator.DEFAULT, fits);
        try {
            assertThat(frame.getUnsignedShortLE(0)).isEqualTo(16382);
        } finally {
            frame.release();
        }
        UserInfoOnline tooBig = new UserInfoOnline("", List.of("y".repeat(n + 1)));
        assertThatThrownBy(() -> FrameEncoder.encode(ByteBufAllocator.DEFAULT, tooBig))
                .isInstanceOf(FrameEncoder.FrameTooLargeException.class);
    }

    @Test
    void aListReplyIsCutAtTheLastWholeEntryThatFits() {
        // 0x2D with entries of 100 bytes + NUL: 2 + 2 + 1 + 4 = 9 bytes of frame before the list
        List<String> names = Collections.nCopies(400, "n".repeat(100));
        int fits = FrameEncoder.fittingPrefix(names, list -> new UserInfoOnline("", list));
        assertThat(fits).isEqualTo((FrameEncoder.MAX_FRAME_BYTES - 9) / 101);
        assertThat(FrameEncoder.frameSize(new UserInfoOnline("", names.subList(0, fits))))
                .isLessThanOrEqualTo(FrameEncoder.MAX_FRAME_BYTES);
        assertThat(FrameEncoder.frameSize(new UserInfoOnline("", names.subList(0, fits + 1))))
                .isGreaterThan(FrameEncoder.MAX_FRAME_BYTES);
        assertThat(FrameEncoder.fittingPrefix(names.subList(0, 3), list -> new UserInfoOnline("", list))).isEqualTo(3);
        assertThat(FrameEncoder.fittingPrefix(List.<String>of(), list -> new UserInfoOnline("", list))).isZero();
    }

    @Test
    void valuesThatCannotTravelAreRefusedWithTheCommandsName() {
        var withNul = new org.honchat.protocol.clientbound.MessagePackets.Whisper("A\0B", "x");
        assertThatThrownBy(() -> FrameEncoder.encode(ByteBufAllocator.DEFAULT, withNul))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAT_CMD_WHISPER", "NUL");
        var tooBig = new org.honchat.protocol.clientbound.ChannelPackets.LeftChannel(1L << 32, 1);
        assertThatThrownBy(() -> FrameEncoder.encode(ByteBufAllocator.DEFAULT, tooBig))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAT_CMD_LEFT_CHANNEL", "u32");
    }

    private static String filler(int bytes) {
        return String.join(" ", Collections.nCopies(bytes, "41"));
    }
}
