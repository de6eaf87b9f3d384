package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** The update type of {@code 0x0D03} (docs/protocol.md §6.11). Every type but PARTIAL carries the full layout. */
public enum GroupUpdateType implements WireEnum {
    CREATE(0),
    FULL(1),
    PARTIAL(2),
    PLAYER_JOINED(3),
    PLAYER_LEFT(4),
    PLAYER_KICKED(5);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<GroupUpdateType> TYPE = Types.enumU8(GroupUpdateType.class);

    private final int wire;

    GroupUpdateType(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }

    /** Types 0, 1, 3, 4 and 5 carry the full member layout; 2 is partial (§6.11). */
    public boolean isFull() {
        return this != PARTIAL;
    }
}
