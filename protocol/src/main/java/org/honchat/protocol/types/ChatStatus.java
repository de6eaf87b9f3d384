package org.honchat.protocol.types;

import org.honchat.protocol.wire.Types;
import org.honchat.protocol.wire.WireEnum;
import org.honchat.protocol.wire.WireType;

/** Client status, {@code EChatClientStatus} (docs/protocol.md §4.1). */
public enum ChatStatus implements WireEnum {
    DISCONNECTED(0),
    CONNECTING(1),
    WAITING_FOR_AUTH(2),
    CONNECTED(3),
    JOINING_GAME(4),
    IN_GAME(5);

    /** Reads and writes this enumeration as one byte; other bytes are a decode error. */
    public static final WireType<ChatStatus> TYPE = Types.enumU8(ChatStatus.class);

    private final int wire;

    ChatStatus(int wire) {
        this.wire = wire;
    }

    @Override
    public int wire() {
        return wire;
    }
}
