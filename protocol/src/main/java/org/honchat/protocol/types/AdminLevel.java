package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** Channel admin level, {@code EAdminLevel} (docs/protocol.md §4.4). Declared in rank order. */
public enum AdminLevel implements WireEnum {
    NONE(0),
    OFFICER(1),
    LEADER(2),
    ADMINISTRATOR(3),
    STAFF(4);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<AdminLevel> TYPE = Types.enumU8(AdminLevel.class);

    private final int wire;

    AdminLevel(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
