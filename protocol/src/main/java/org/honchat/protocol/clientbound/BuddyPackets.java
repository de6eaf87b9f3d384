package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.types.BuddyApproveResult;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Buddy approval replies, server to client (docs/protocol.md §6.7). 0xB2 is in {@link BuddyAddResponse}. */
public final class BuddyPackets {

    private BuddyPackets() {
    }

    /** All four fields for every type. */
    public record BuddyApproveResponse(BuddyApproveResult type, long buddyId, long notificationId,
            String buddyName) implements ClientboundPacket {
        public static final PacketCodec<BuddyApproveResponse> CODEC = PacketCodec.fields(0x00B4, "CHAT_CMD_REQUEST_BUDDY_APPROVE_RESPONSE",
                BuddyApproveResult.TYPE, BuddyApproveResponse::type,
                Types.U32, BuddyApproveResponse::buddyId,
                Types.U32, BuddyApproveResponse::notificationId,
                Types.STR, BuddyApproveResponse::buddyName,
                BuddyApproveResponse::new);

        @Override
        public PacketCodec<BuddyApproveResponse> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            BuddyApproveResponse.CODEC);
}
