package org.honchat.protocol;

/** A command the server sends to a client (docs/protocol.md §6.1). */
public interface ClientboundPacket extends Packet {
}
