package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** Chat mode, {@code EChatModeType} (docs/protocol.md §4.2). */
public enum ChatMode implements WireEnum {
    AVAILABLE(0),
    AFK(1),
    DND(2),
    INVISIBLE(3);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<ChatMode> TYPE = Types.enumU8(ChatMode.class);

    private final int wire;

    ChatMode(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
