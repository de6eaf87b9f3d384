package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketRegistry;

/**
 * Coverage-guided fuzzing of the frame decoder and both packet decoders. Without {@code JAZZER_FUZZ=1} these run
 * in regression mode: every input stored under {@code ProtocolFuzzTestInputs/<method>/} in the test resources is
 * replayed in the normal test run. The properties: bytes never escape as anything but a
 * {@link ProtocolDecodeException}, every buffer is released (the leak detector runs at PARANOID in tests), and a
 * command that decodes re-encodes to a frame that decodes to the same record.
 */
class ProtocolFuzzTest {

    /** Arbitrary bytes split into arbitrary segments: frames come out whole, or a typed error stops the stream. */
    @FuzzTest(maxDuration = "60s")
    void frames(byte[] input) {
        FrameDecoder decoder = new FrameDecoder(input.length > 0 && (input[0] & 1) == 0
                ? FrameDecoder.PRE_AUTH_MAX_LENGTH : FrameDecoder.MAX_LENGTH);
        ByteBuf cumulation = Unpooled.buffer();
        try {
            int position = 0;
            while (position < input.length) {
                // segment sizes come from the input itself, so splits are explored too
                int size = 1 + (input[position] & 0x1F);
                int end = Math.min(input.length, position + size);
                cumulation.writeBytes(input, position, end - position);
                position = end;
                ByteBuf frame;
                while ((frame = decoder.readFrame(cumulation)) != null) {
                    try {
                        assertThat(frame.readableBytes()).isBetween(2, decoder.maxLength());
                        decodeBothWays(frame);
                    } finally {
                        frame.release();
                    }
                }
                assertThat(cumulation.readableBytes()).isLessThanOrEqualTo(2 + decoder.maxLength() + 32);
                cumulation.discardReadBytes();
            }
        } catch (ProtocolDecodeException expected) {
            assertThat(expected.kind()).isEqualTo(ProtocolDecodeException.Kind.FRAME_TOO_LARGE);
        } finally {
            cumulation.release();
        }
    }

    /** One frame body, read by the server (lenient) and by a strict client. */
    @FuzzTest(maxDuration = "60s")
    void packets(byte[] body) {
        ByteBuf frame = Unpooled.wrappedBuffer(body);
        try {
            decodeBothWays(frame);
        } finally {
            frame.release();
        }
    }

    private static void decodeBothWays(ByteBuf body) {
        if (body.readableBytes() < 2) {
            return;
        }
        ByteBuf serverCopy = body.duplicate();
        try {
            PacketRegistry.Decoded<ServerboundPacket> decoded = Serverbound.REGISTRY.decode(serverCopy,
                    DecodeContext.server(1000, (body.getByte(body.readerIndex()) & 1) == 1));
            assertThat(serverCopy.isReadable()).isFalse();
            assertReencodes(decoded.packet());
        } catch (ProtocolDecodeException expected) {
            assertThat(expected.kind()).isNotNull();
        }
        ByteBuf clientCopy = body.duplicate();
        try {
            List<ClientboundPacket> decoded = Clientbound.decodeFrame(clientCopy, DecodeContext.strictClient(1000));
            assertThat(decoded).isNotEmpty();
            for (ClientboundPacket packet : decoded) {
                assertReencodes(packet);
            }
        } catch (ProtocolDecodeException expected) {
            assertThat(expected.kind()).isNotNull();
        }
    }

    /** What decodes must encode again to a frame that decodes to an equal record (or be refused as too large). */
    private static void assertReencodes(Packet packet) {
        ByteBuf frame = Unpooled.buffer();
        try {
            try {
                FrameEncoder.write(frame, packet);
            } catch (FrameEncoder.FrameTooLargeException tooLarge) {
                return; // a 16 KiB inbound frame can decode to a record whose frame is larger by a few bytes
            }
            frame.skipBytes(2);
            Packet again = packet instanceof ServerboundPacket
                    ? Serverbound.REGISTRY.decode(frame, DecodeContext.SERVER).packet()
                    : Clientbound.decodeFrame(frame, DecodeContext.strictClient(1000)).get(0);
            assertThat(again).isEqualTo(packet);
        } catch (ProtocolDecodeException e) {
            throw new AssertionError("re-encoded " + packet + " does not decode: " + e.getMessage(), e);
        } finally {
            frame.release();
        }
    }
}
