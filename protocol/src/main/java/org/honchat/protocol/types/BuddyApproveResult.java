package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** The type byte of {@code 0xB4} (docs/protocol.md §6.1, §6.7). */
public enum BuddyApproveResult implements WireEnum {
    FAILURE(0),
    APPROVED(1),
    APPROVED_BY_TARGET(2),
    LIMIT(3);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<BuddyApproveResult> TYPE = Types.enumU8(BuddyApproveResult.class);

    private final int wire;

    BuddyApproveResult(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
