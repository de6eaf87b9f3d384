package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ProtocolDecodeException.Kind;

/**
 * Cuts frames (docs/protocol.md §1.1) out of a connection's accumulated bytes: {@code u16 LE length}, then that many
 * bytes of id and payload. Reassembly is the caller keeping unread bytes and calling again when more arrive, so
 * split length prefixes and several frames per segment are both normal (§1.3 rule 1). One instance per
 * connection; its limit is lowered before authentication and raised after (§1.3 rule 5).
 */
public final class FrameDecoder {

    /** §1.3 rule 5: the largest declared length before authentication. */
    public static final int PRE_AUTH_MAX_LENGTH = 1024;

    /** §1.3 rule 5: the largest declared length after authentication. */
    public static final int MAX_LENGTH = 16384;

    private int maxLength;

    public FrameDecoder(int maxLength) {
        setMaxLength(maxLength);
    }

    public int maxLength() {
        return maxLength;
    }

    public void setMaxLength(int maxLength) {
        if (maxLength < 2 || maxLength > 0xFFFF) {
            throw new IllegalArgumentException("frame length limit must be 2..65535: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /**
     * Returns the next frame's body (id and payload) as a retained slice the caller must release, or {@code null}
     * when the buffer does not hold a whole frame yet. Frames of length 0 or 1 are skipped (§1.3 rule 4). A declared
     * length above the limit fails at once, before its body is waited for, so no more than one maximum frame is
     * ever buffered.
     */
    public ByteBuf readFrame(ByteBuf in) throws ProtocolDecodeException {
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShortLE(in.readerIndex());
            if (length > maxLength) {
                throw new ProtocolDecodeException(Kind.FRAME_TOO_LARGE, -1, "", 0,
                        "declared length " + length + " is above the limit of " + maxLength);
            }
            if (in.readableBytes() < 2 + length) {
                return null;
            }
            in.skipBytes(2);
            if (length < 2) {
                in.skipBytes(length);
                continue;
            }
            return in.readRetainedSlice(length);
        }
        return null;
    }
}
