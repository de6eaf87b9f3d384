package org.honchat.protocol.struct;

import java.util.Objects;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/** BuddyCard, docs/protocol.md §5.3: {@code 0xB2} types 1 and 2, after the nickname. Offline accounts have status 0. */
public record BuddyCard(long accountId, ChatStatus status, ClientFlags flags, long clanId, String clanName,
        String chatSymbol, String nameColour, String accountIcon, long ascension) {

    public static final WireType<BuddyCard> TYPE = Types.of("BuddyCard", 4 + 1 + 1 + 4 + 1 + 1 + 1 + 1 + 4,
            in -> new BuddyCard(in.u32(), ChatStatus.TYPE.read(in), ClientFlags.TYPE.read(in), in.u32(), in.str(),
                    in.str(), in.str(), in.str(), in.u32()),
            (out, c) -> {
                out.writeIntLE((int) c.accountId);
                out.writeByte(c.status.wire());
                out.writeByte(c.flags.bits());
                out.writeIntLE((int) c.clanId);
                Types.writeStr(out, c.clanName);
                Types.writeStr(out, c.chatSymbol);
                Types.writeStr(out, c.nameColour);
                Types.writeStr(out, c.accountIcon);
                out.writeIntLE((int) c.ascension);
            });

    public BuddyCard {
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(flags, "flags");
        Types.checkU32(clanId, "clanId");
        Objects.requireNonNull(clanName, "clanName");
        Objects.requireNonNull(chatSymbol, "chatSymbol");
        Objects.requireNonNull(nameColour, "nameColour");
        Objects.requireNonNull(accountIcon, "accountIcon");
        Types.checkU32(ascension, "ascension");
    }
}
