package org.honchat.protocol.struct;

import java.util.Objects;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/** MemberRecord, docs/protocol.md §5.3: one channel member in {@code 0x04} and {@code 0x05}. */
public record MemberRecord(String displayName, long accountId, ChatStatus status, ClientFlags flags,
        String chatSymbol, String nameColour, String accountIcon, long ascension) {

    public static final WireType<MemberRecord> TYPE = Types.of("MemberRecord", 1 + 4 + 1 + 1 + 1 + 1 + 1 + 4,
            in -> new MemberRecord(in.str(), in.u32(), ChatStatus.TYPE.read(in), ClientFlags.TYPE.read(in),
                    in.str(), in.str(), in.str(), in.u32()),
            (out, m) -> {
                Types.writeStr(out, m.displayName);
                out.writeIntLE((int) m.accountId);
                out.writeByte(m.status.wire());
                out.writeByte(m.flags.bits());
                Types.writeStr(out, m.chatSymbol);
                Types.writeStr(out, m.nameColour);
                Types.writeStr(out, m.accountIcon);
                out.writeIntLE((int) m.ascension);
            });

    public MemberRecord {
        Objects.requireNonNull(displayName, "displayName");
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(chatSymbol, "chatSymbol");
        Objects.requireNonNull(nameColour, "nameColour");
        Objects.requireNonNull(accountIcon, "accountIcon");
        Types.checkU32(ascension, "ascension");
    }
}
