package org.honchat.protocol.struct;

import java.util.Objects;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/** ShortCard, docs/protocol.md §5.3: {@code 0x1C} types 1 and 2 and {@code 0x0C0D}; ascension right after the icon. */
public record ShortCard(String displayName, long accountId, ChatStatus status, ClientFlags flags, String nameColour,
        String accountIcon, long ascension) {

    public static final WireType<ShortCard> TYPE = Types.of("ShortCard", 1 + 4 + 1 + 1 + 1 + 1 + 4,
            in -> new ShortCard(in.str(), in.u32(), ChatStatus.TYPE.read(in), ClientFlags.TYPE.read(in), in.str(),
                    in.str(), in.u32()),
            (out, c) -> {
                Types.writeStr(out, c.displayName);
                out.writeIntLE((int) c.accountId);
                out.writeByte(c.status.wire());
                out.writeByte(c.flags.bits());
                Types.writeStr(out, c.nameColour);
                Types.writeStr(out, c.accountIcon);
                out.writeIntLE((int) c.ascension);
            });

    public ShortCard {
        Objects.requireNonNull(displayName, "displayName");
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(nameColour, "nameColour");
        Objects.requireNonNull(accountIcon, "accountIcon");
        Types.checkU32(ascension, "ascension");
    }
}
