package org.honchat.protocol.struct;

import java.util.Objects;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/** StatusEntry, docs/protocol.md §5.3: one buddy or clan member in {@code 0x0B}; ascension is the last field. */
public record StatusEntry(long accountId, ChatStatus status, ClientFlags flags, String nameColour,
        String accountIcon, PeerStatusTail tail, long ascension) {

    public static final WireType<StatusEntry> TYPE = Types.of("StatusEntry", 4 + 1 + 1 + 1 + 1 + 4,
            in -> {
                long id = in.u32();
                ChatStatus status = ChatStatus.TYPE.read(in);
                return new StatusEntry(id, status, ClientFlags.TYPE.read(in), in.str(), in.str(),
                        PeerStatusTail.read(in, status), in.u32());
            },
            (out, e) -> {
                out.writeIntLE((int) e.accountId);
                out.writeByte(e.status.wire());
                out.writeByte(e.flags.bits());
                Types.writeStr(out, e.nameColour);
                Types.writeStr(out, e.accountIcon);
                e.tail.write(out, e.status);
                out.writeIntLE((int) e.ascension);
            });

    public StatusEntry {
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(nameColour, "nameColour");
        Objects.requireNonNull(accountIcon, "accountIcon");
        tail = tail.forStatus(status);
        Types.checkU32(ascension, "ascension");
    }
}
