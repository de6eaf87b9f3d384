package org.honchat.protocol.clientbound;

import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x0D06} NET_CHAT_CL_TMM_GROUP_QUEUE_UPDATE (docs/protocol.md §6.1, §9.3): the average queue time follows only
 * for type 11. The server sends types 11 (queue time), 12 (no matches), 13 (no servers), 16 (server found) and 17
 * (matchmaking disabled), the values of {@code ETMMUpdateType}.
 */
public record GroupQueueUpdate(int updateType, long averageQueueSeconds) implements ClientboundPacket {

    public static final int AVERAGE_QUEUE_TIME = 11;
    public static final int MATCHMAKING_DISABLED = 17;

    public static final PacketCodec<GroupQueueUpdate> CODEC = PacketCodec.custom(0x0D06,
            "NET_CHAT_CL_TMM_GROUP_QUEUE_UPDATE",
            "u8 update type; type 11 adds u32 average queue seconds",
            in -> {
                int type = in.u8();
                return new GroupQueueUpdate(type, type == AVERAGE_QUEUE_TIME ? in.u32() : 0);
            },
            (out, p) -> {
                out.writeByte(p.updateType);
                if (p.updateType == AVERAGE_QUEUE_TIME) {
                    Types.writeU32(out, p.averageQueueSeconds);
                }
            });

    public GroupQueueUpdate {
        Types.checkU8(updateType, "updateType");
        if (updateType != AVERAGE_QUEUE_TIME && averageQueueSeconds != 0) {
            throw new IllegalArgumentException("only type 11 carries an average queue time");
        }
    }

    public static GroupQueueUpdate of(int updateType) {
        return new GroupQueueUpdate(updateType, 0);
    }

    @Override
    public PacketCodec<GroupQueueUpdate> codec() {
        return CODEC;
    }
}
