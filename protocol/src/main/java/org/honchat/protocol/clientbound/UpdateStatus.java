package org.honchat.protocol.clientbound;

import java.util.Objects;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.struct.ExtendedServerInfo;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x0C} CHAT_CMD_UPDATE_STATUS, the StatusUpdate of docs/protocol.md §5.3: a peer's status changed. The tail
 * depends on the status (§5.1), ExtendedServerInfo is present only for IN_GAME (§5.2, {@code null} = hasExtended
 * 0), and the ascension is the last field.
 */
public record UpdateStatus(long accountId, ChatStatus status, ClientFlags flags, long clanId, String clanName,
        String chatSymbol, String nameColour, String accountIcon, PeerStatusTail tail, ExtendedServerInfo extended,
        long ascension) implements ClientboundPacket {

    public static final PacketCodec<UpdateStatus> CODEC = PacketCodec.custom(0x000C, "CHAT_CMD_UPDATE_STATUS",
            "StatusUpdate: u32 account id, u8 status, u8 client flags, u32 clan id, str clan name, str chat "
                    + "symbol, str name colour, str account icon, the status tail (str server when status > 3; str game "
                    + "name, u32 match id when status = 5), bool extended info when status = 5 (with its fields when "
                    + "set), u32 ascension",
            in -> {
                long id = in.u32();
                ChatStatus status = ChatStatus.TYPE.read(in);
                ClientFlags flags = ClientFlags.TYPE.read(in);
                long clanId = in.u32();
                String clanName = in.str();
                String symbol = in.str();
                String colour = in.str();
                String icon = in.str();
                PeerStatusTail tail = PeerStatusTail.read(in, status);
                ExtendedServerInfo extended = status == ChatStatus.IN_GAME ? ExtendedServerInfo.readOptional(in) : null;
                return new UpdateStatus(id, status, flags, clanId, clanName, symbol, colour, icon, tail, extended,
                        in.u32());
            },
            (out, p) -> {
                Types.writeU32(out, p.accountId);
                out.writeByte(p.status.wire());
                out.writeByte(p.flags.bits());
                Types.writeU32(out, p.clanId);
                Types.writeStr(out, p.clanName);
                Types.writeStr(out, p.chatSymbol);
                Types.writeStr(out, p.nameColour);
                Types.writeStr(out, p.accountIcon);
                p.tail.write(out, p.status);
                if (p.status == ChatStatus.IN_GAME) {
                    ExtendedServerInfo.writeOptional(out, p.extended);
                }
                Types.writeU32(out, p.ascension);
            });

    public UpdateStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(flags, "flags");
        tail = tail.forStatus(status);
        if (status != ChatStatus.IN_GAME) {
            extended = null;
        }
    }

    @Override
    public PacketCodec<UpdateStatus> codec() {
        return CODEC;
    }
}
