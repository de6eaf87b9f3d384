package org.honchat.protocol.link;

import org.honchat.protocol.Packet;

/**
 * A command of the match-server link (port 11032, docs/protocol.md §9.5) or the server-manager link (port 11033, §9.6).
 * Framing and types are those of the chat port (§1.1-§1.3); one command per frame in both directions.
 */
public interface LinkPacket extends Packet {
}
