package org.honchat.protocol.link;

import org.honchat.protocol.wire.PacketCodec;

/** {@code 0x2A01} PONG on a server link: activity only (§9.5.7). */
public record LinkPong() implements LinkPacket {

    public static final LinkPong INSTANCE = new LinkPong();
    public static final PacketCodec<LinkPong> CODEC = PacketCodec.empty(0x2A01, "NET_CHAT_PONG", INSTANCE);

    @Override
    public PacketCodec<LinkPong> codec() {
        return CODEC;
    }
}
