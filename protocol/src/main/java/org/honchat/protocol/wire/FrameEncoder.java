package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.function.Function;
import org.honchat.protocol.Packet;

/**
 * Writes commands as frames (docs/protocol.md §1.1, §1.4): one command per frame, except the multi-command frames of
 * §1.4 rule 2 that {@link #writeCombined} exists for. A frame above 16384 bytes is refused here, at encode time.
 */
public final class FrameEncoder {

    /** §1.4 rule 3: the largest outbound frame, length prefix included. */
    public static final int MAX_FRAME_BYTES = 16384;

    private FrameEncoder() {
    }

    /** Encodes one command into a new buffer from {@code allocator}. */
    public static ByteBuf encode(ByteBufAllocator allocator, Packet packet) {
        ByteBuf out = allocator.buffer();
        try {
            write(out, packet);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Appends one command as a frame to {@code out}. */
    public static void write(ByteBuf out, Packet packet) {
        writeCombined(out, packet);
    }

    /**
     * Appends one frame holding the given commands in order: one command, or a multi-command frame of §1.4 rule 2
     * (the clan-creation pair, a channel-list batch with its end marker, the matchmaking frames).
     */
    public static void writeCombined(ByteBuf out, Packet... packets) {
        int start = out.writerIndex();
        try {
            out.writeShortLE(0);
            for (Packet packet : packets) {
                PacketCodec<?> codec = packet.codec();
                out.writeShortLE(codec.id());
                try {
                    codec.writePayloadOf(out, packet);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new IllegalArgumentException("cannot encode " + codec + ": " + e.getMessage(), e);
                }
            }
            int length = out.writerIndex() - start - 2;
            if (length + 2 > MAX_FRAME_BYTES) {
                throw new FrameTooLargeException(packets[0].codec() + " encodes to a " + (length + 2)
                        + "-byte frame, above the " + MAX_FRAME_BYTES + "-byte limit (docs/protocol.md §1.4)");
            }
            out.setShortLE(start, length);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** The size of the frame {@code packet} encodes to, length prefix included (encoded into a scratch buffer). */
    public static int frameSize(Packet packet) {
        ByteBuf scratch = UnpooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            scratch.writeShortLE(0);
            scratch.writeShortLE(packet.codec().id());
            packet.codec().writePayloadOf(scratch, packet);
            return scratch.readableBytes();
        } finally {
            scratch.release();
        }
    }

    /** The bytes one command takes inside a frame: its id and payload, without the frame's length prefix. */
    public static int commandSize(Packet packet) {
        return frameSize(packet) - 2;
    }

    /**
     * §1.4 rule 3 for list replies: the most leading entries {@code build} can carry in one frame of at most
     * {@link #MAX_FRAME_BYTES}, so a reply is cut at the last whole entry that fits and its count matches. A list that
     * fits whole costs one encode; a longer one a binary search.
     */
    public static <E> int fittingPrefix(List<E> entries, Function<List<E>, ? extends Packet> build) {
        if (frameSize(build.apply(entries)) <= MAX_FRAME_BYTES) {
            return entries.size();
        }
        int fits = 0;
        int tooMany = entries.size();
        while (tooMany - fits > 1) {
            int middle = (fits + tooMany) >>> 1;
            if (frameSize(build.apply(entries.subList(0, middle))) <= MAX_FRAME_BYTES) {
                fits = middle;
            } else {
                tooMany = middle;
            }
        }
        return fits;
    }

    /** An outbound command that does not fit the frame limit of §1.4 rule 3. */
    public static final class FrameTooLargeException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        FrameTooLargeException(String message) {
            super(message);
        }
    }
}
