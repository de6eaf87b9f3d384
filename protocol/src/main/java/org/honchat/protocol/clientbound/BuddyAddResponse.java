package org.honchat.protocol.clientbound;

import java.util.Objects;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.struct.BuddyCard;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0xB2} CHAT_CMD_REQUEST_BUDDY_ADD_RESPONSE (docs/protocol.md §6.1, §6.7): the BuddyCard follows the nickname
 * for types 1 and 2 only, and is {@code null} otherwise.
 */
public record BuddyAddResponse(BuddyAddResult type, long notificationId, String nickname, BuddyCard card)
        implements ClientboundPacket {

    public static final PacketCodec<BuddyAddResponse> CODEC = PacketCodec.custom(0x00B2,
            "CHAT_CMD_REQUEST_BUDDY_ADD_RESPONSE",
            "u8 type, u32 notification id, str nickname; types 1 and 2 add a BuddyCard",
            in -> {
                BuddyAddResult type = BuddyAddResult.TYPE.read(in);
                long notification = in.u32();
                String nickname = in.str();
                return new BuddyAddResponse(type, notification, nickname, hasCard(type) ? BuddyCard.TYPE.read(in) : null);
            },
            (out, p) -> {
                out.writeByte(p.type.wire());
                Types.writeU32(out, p.notificationId);
                Types.writeStr(out, p.nickname);
                if (hasCard(p.type)) {
                    BuddyCard.TYPE.write(out, p.card);
                }
            });

    public BuddyAddResponse {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nickname, "nickname");
        if (hasCard(type) != (card != null)) {
            throw new IllegalArgumentException("0xB2 type " + type + (hasCard(type) ? " needs" : " has no") + " card");
        }
    }

    private static boolean hasCard(BuddyAddResult type) {
        return type == BuddyAddResult.REQUEST_SENT || type == BuddyAddResult.REQUEST_RECEIVED;
    }

    @Override
    public PacketCodec<BuddyAddResponse> codec() {
        return CODEC;
    }
}
