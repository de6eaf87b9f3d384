package org.honchat.protocol.struct;

import java.util.Objects;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/**
 * InviteCard, docs/protocol.md §5.3: the whole payload of {@code 0x25}. No extended info, although S2's {@code .txt}
 * lists it (client parser {@code HandleServerInvite}).
 */
public record InviteCard(String displayName, long accountId, ChatStatus status, ClientFlags flags, String nameColour,
        String accountIcon, PeerStatusTail tail, long ascension) {

    public static final WireType<InviteCard> TYPE = Types.of("InviteCard", 1 + 4 + 1 + 1 + 1 + 1 + 4,
            in -> {
                String name = in.str();
                long id = in.u32();
                ChatStatus status = ChatStatus.TYPE.read(in);
                return new InviteCard(name, id, status, ClientFlags.TYPE.read(in), in.str(), in.str(),
                        PeerStatusTail.read(in, status), in.u32());
            },
            (out, c) -> {
                Types.writeStr(out, c.displayName);
                out.writeIntLE((int) c.accountId);
                out.writeByte(c.status.wire());
                out.writeByte(c.flags.bits());
                Types.writeStr(out, c.nameColour);
                Types.writeStr(out, c.accountIcon);
                c.tail.write(out, c.status);
                out.writeIntLE((int) c.ascension);
            });

    public InviteCard {
        Objects.requireNonNull(displayName, "displayName");
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(nameColour, "nameColour");
        Objects.requireNonNull(accountIcon, "accountIcon");
        tail = tail.forStatus(status);
        Types.checkU32(ascension, "ascension");
    }
}
