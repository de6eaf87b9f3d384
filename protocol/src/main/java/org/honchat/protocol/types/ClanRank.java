package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** Clan rank, {@code EClanRank}, the {@code u8} of {@code 0x50} (docs/protocol.md §4.7). Declared in rank order. */
public enum ClanRank implements WireEnum {
    NONE(0),
    MEMBER(1),
    OFFICER(2),
    LEADER(3);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<ClanRank> TYPE = Types.enumU8(ClanRank.class);

    private final int wire;

    ClanRank(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
