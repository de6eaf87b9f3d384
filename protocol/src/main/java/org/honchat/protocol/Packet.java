package org.honchat.protocol;

import org.honchat.protocol.wire.PacketCodec;

/** One command of protocol 68 (§6), as an immutable value. */
public interface Packet {

    /** The single declaration that reads and writes this command. */
    PacketCodec<? extends Packet> codec();

    /** The command id. */
    default int id() {
        return codec().id();
    }
}
