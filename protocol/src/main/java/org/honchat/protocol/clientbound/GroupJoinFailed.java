package org.honchat.protocol.clientbound;

import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x0E0A} NET_CHAT_CL_TMM_FAILED_TO_JOIN (docs/protocol.md §6.1, §6.11, §9.3): a {@code u8} reason
 * ({@code ETMMFailedToJoinReason}), and the ban seconds only for reason 9: the 4.10 client reads them for no other
 * reason, so sending them would leave bytes over (§2.1).
 */
public record GroupJoinFailed(int reason, long banSeconds) implements ClientboundPacket {

    /** {@code ETMMFailedToJoinReason} values the server sends (§9.3); the others are never sent. */
    public static final int DISABLED = 1;
    public static final int BUSY = 2;
    public static final int OPTION_UNAVAILABLE = 3;
    public static final int INVALID_VERSION = 4;
    public static final int GROUP_FULL = 5;
    public static final int ALREADY_QUEUED = 7;
    public static final int BANNED = 9;

    public static final PacketCodec<GroupJoinFailed> CODEC = PacketCodec.custom(0x0E0A,
            "NET_CHAT_CL_TMM_FAILED_TO_JOIN",
            "u8 reason; reason 9 adds u32 ban seconds",
            in -> {
                int reason = in.u8();
                return new GroupJoinFailed(reason, reason == BANNED ? in.u32() : 0);
            },
            (out, p) -> {
                out.writeByte(p.reason);
                if (p.reason == BANNED) {
                    Types.writeU32(out, p.banSeconds);
                }
            });

    public GroupJoinFailed {
        Types.checkU8(reason, "reason");
        if (reason != BANNED && banSeconds != 0) {
            throw new IllegalArgumentException("only reason 9 carries ban seconds");
        }
    }

    public static GroupJoinFailed of(int reason) {
        return new GroupJoinFailed(reason, 0);
    }

    @Override
    public PacketCodec<GroupJoinFailed> codec() {
        return CODEC;
    }
}
