package org.honchat.protocol.clientbound;

import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x4E} CHAT_CMD_NEW_CLAN_MEMBER (docs/protocol.md §6.1, §6.8). To other members only the new member's id; to the
 * new member itself also the clan id, name and tag ({@code clanName != null}). The 4.10 client reads the extra
 * fields only when the id is its own, so a reader must know its own account id ({@code DecodeContext}); without
 * it the long form is assumed when bytes follow the id.
 */
public record NewClanMember(long accountId, long clanId, String clanName, String clanTag) implements ClientboundPacket {

    public static final PacketCodec<NewClanMember> CODEC = PacketCodec.custom(0x004E, "CHAT_CMD_NEW_CLAN_MEMBER",
            "u32 account id; to the new member itself also u32 clan id, str clan name, str clan tag",
            in -> {
                long id = in.u32();
                long self = in.context().selfAccountId();
                boolean selfForm = self >= 0 ? id == self : in.hasRemaining();
                if (!selfForm) {
                    return other(id);
                }
                return self(id, in.u32(), in.str(), in.str());
            },
            (out, p) -> {
                Types.writeU32(out, p.accountId);
                if (p.isSelfForm()) {
                    Types.writeU32(out, p.clanId);
                    Types.writeStr(out, p.clanName);
                    Types.writeStr(out, p.clanTag);
                }
            });

    public NewClanMember {
        if ((clanName == null) != (clanTag == null)) {
            throw new IllegalArgumentException("the self form needs both clan name and tag");
        }
        if (clanName == null && clanId != 0) {
            throw new IllegalArgumentException("the short form carries no clan id");
        }
    }

    /** The short form, sent to the other clan members. */
    public static NewClanMember other(long accountId) {
        return new NewClanMember(accountId, 0, null, null);
    }

    /** The self form, sent to the new member (and after {@code 0x54} to the founder). */
    public static NewClanMember self(long accountId, long clanId, String clanName, String clanTag) {
        return new NewClanMember(accountId, clanId, clanName, clanTag);
    }

    public boolean isSelfForm() {
        return clanName != null;
    }

    @Override
    public PacketCodec<NewClanMember> codec() {
        return CODEC;
    }
}
