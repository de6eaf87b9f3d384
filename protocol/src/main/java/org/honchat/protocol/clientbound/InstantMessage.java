package org.honchat.protocol.clientbound;

import java.util.Objects;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException.Kind;
import org.honchat.protocol.struct.ShortCard;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x1C} CHAT_CMD_IM (docs/protocol.md §6.1, §6.4; client parser {@code HandleIM}). Type 0 carries the sender's
 * display name; type 1 the sender's ShortCard (to the recipient); type 2 the recipient's ShortCard (the delivery
 * echo to the sender). Build one with {@link #plain}, {@link #fromSender} or {@link #echo}.
 */
public record InstantMessage(int type, String senderName, ShortCard card, String message)
        implements ClientboundPacket {

    public static final int PLAIN = 0;
    public static final int WITH_SENDER_CARD = 1;
    public static final int ECHO_WITH_RECIPIENT_CARD = 2;

    public static final PacketCodec<InstantMessage> CODEC = PacketCodec.custom(0x001C, "CHAT_CMD_IM",
            "u8 type; type 0: str sender name, str message; type 1: ShortCard of the sender, str message; type "
                    + "2: ShortCard of the recipient, str message",
            in -> {
                int offset = in.offset();
                int type = in.u8();
                switch (type) {
                    case PLAIN:
                        return plain(in.str(), in.str());
                    case WITH_SENDER_CARD:
                    case ECHO_WITH_RECIPIENT_CARD:
                        return new InstantMessage(type, null, ShortCard.TYPE.read(in), in.str());
                    default:
                        throw in.errorAt(Kind.BAD_ENUM, offset, type + " is not an IM type (0, 1 or 2)");
                }
            },
            (out, p) -> {
                out.writeByte(p.type);
                if (p.type == PLAIN) {
                    Types.writeStr(out, p.senderName);
                } else {
                    ShortCard.TYPE.write(out, p.card);
                }
                Types.writeStr(out, p.message);
            });

    public InstantMessage {
        if (type == PLAIN) {
            Objects.requireNonNull(senderName, "senderName");
            if (card != null) {
                throw new IllegalArgumentException("an IM of type 0 carries a name, not a card");
            }
        } else if (type == WITH_SENDER_CARD || type == ECHO_WITH_RECIPIENT_CARD) {
            Objects.requireNonNull(card, "card");
            if (senderName != null) {
                throw new IllegalArgumentException("an IM of type " + type + " carries a card, not a name");
            }
        } else {
            throw new IllegalArgumentException("IM type must be 0, 1 or 2: " + type);
        }
        Objects.requireNonNull(message, "message");
    }

    public static InstantMessage plain(String senderName, String message) {
        return new InstantMessage(PLAIN, senderName, null, message);
    }

    public static InstantMessage fromSender(ShortCard sender, String message) {
        return new InstantMessage(WITH_SENDER_CARD, null, sender, message);
    }

    public static InstantMessage echo(ShortCard recipient, String message) {
        return new InstantMessage(ECHO_WITH_RECIPIENT_CARD, null, recipient, message);
    }

    @Override
    public PacketCodec<InstantMessage> codec() {
        return CODEC;
    }
}
