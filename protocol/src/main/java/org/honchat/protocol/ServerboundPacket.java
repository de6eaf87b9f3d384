package org.honchat.protocol;

/** A command a client sends to the server (docs/protocol.md §6.2). */
public interface ServerboundPacket extends Packet {
}
