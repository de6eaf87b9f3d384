package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** Why a connection is refused, {@code EChatRejectReason} in {@code 0x1C01} (docs/protocol.md §4.6). */
public enum RejectReason implements WireEnum {
    UNKNOWN(0),
    BAD_VERSION(1),
    AUTH_FAILED(2),
    ACCOUNT_SHARING(3),
    ACCOUNT_SHARING_WARNING(4);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<RejectReason> TYPE = Types.enumU8(RejectReason.class);

    private final int wire;

    RejectReason(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
