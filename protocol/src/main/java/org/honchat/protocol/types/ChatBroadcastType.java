package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** The type byte of a C→S {@code 0x39} staff broadcast (docs/protocol.md §6.2). */
public enum ChatBroadcastType implements WireEnum {
    MESSAGE(0),
    SCHEDULED_MATCH(1);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<ChatBroadcastType> TYPE = Types.enumU8(ChatBroadcastType.class);

    private final int wire;

    ChatBroadcastType(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
