package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireType;

/**
 * Channel flags, {@code CHAT_CHANNEL_FLAG_*} (docs/protocol.md §4.5). Only the low 8 bits travel; {@link #STREAM_USE}
 * is server-internal and is dropped when written.
 */
public record ChannelFlags(int bits) {

    public static final int PERMANENT = 0x01;
    public static final int SERVER = 0x02;
    public static final int HIDDEN = 0x04;
    public static final int RESERVED = 0x08;
    public static final int GENERAL_USE = 0x10;
    public static final int UNJOINABLE = 0x20;
    public static final int AUTH_REQUIRED = 0x40;
    public static final int CLAN = 0x80;
    public static final int STREAM_USE = 0x100;

    public static final ChannelFlags NONE = new ChannelFlags(0);

    public static final WireType<ChannelFlags> TYPE = Types.of("u8", 1,
            in -> new ChannelFlags(in.u8()),
            (out, flags) -> out.writeByte(flags.bits & 0xFF));

    public ChannelFlags {
        if ((bits & ~0x1FF) != 0) {
            throw new IllegalArgumentException("unknown channel flag bits: " + Integer.toHexString(bits));
        }
    }

    public boolean has(int flag) {
        return (bits & flag) == flag;
    }

    public ChannelFlags with(int flag) {
        return new ChannelFlags(bits | flag);
    }

    public ChannelFlags without(int flag) {
        return new ChannelFlags(bits & ~flag);
    }
}
