package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/** The client flags byte, {@code CHAT_CLIENT_*} bits OR-ed together (docs/protocol.md §4.3). */
public record ClientFlags(int bits) {

    public static final int OFFICER = 0x01;
    public static final int CLAN_LEADER = 0x02;
    public static final int STAFF = 0x20;
    public static final int PREMIUM = 0x40;
    public static final int VERIFIED = 0x80;

    public static final ClientFlags NONE = new ClientFlags(0);

    /** Any byte is a valid flag set: unknown bits are carried, never invented. */
    public static final WireType<ClientFlags> TYPE = Types.of("u8", 1,
            in -> of(in.u8()),
            (out, flags) -> out.writeByte(flags.bits));

    private static final ClientFlags[] CACHE = new ClientFlags[256];

    static {
        for (int i = 0; i < 256; i++) {
            CACHE[i] = new ClientFlags(i);
        }
    }

    public ClientFlags {
        Types.checkU8(bits, "client flags");
    }

    public static ClientFlags of(int bits) {
        return CACHE[Types.checkU8(bits, "client flags")];
    }

    public boolean has(int flag) {
        return (bits & flag) == flag;
    }

    public ClientFlags with(int flag) {
        return of(bits | flag);
    }
}
