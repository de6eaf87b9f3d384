package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** The type byte of {@code 0xB2} (docs/protocol.md §6.1, §6.7). */
public enum BuddyAddResult implements WireEnum {
    FAILURE(0),
    REQUEST_SENT(1),
    REQUEST_RECEIVED(2),
    ALREADY(3),
    IGNORED(4),
    LIMIT(5);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<BuddyAddResult> TYPE = Types.enumU8(BuddyAddResult.class);

    private final int wire;

    BuddyAddResult(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
