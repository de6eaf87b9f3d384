package org.honchat.protocol.link;

import org.honchat.protocol.wire.PacketCodec;

/** {@code 0x2A00} PING on a server link (§9.5.8, §9.6): answered at once with {@link LinkPong}. */
public record LinkPing() implements LinkPacket {

    public static final LinkPing INSTANCE = new LinkPing();
    public static final PacketCodec<LinkPing> CODEC = PacketCodec.empty(0x2A00, "NET_CHAT_PING", INSTANCE);

    @Override
    public PacketCodec<LinkPing> codec() {
        return CODEC;
    }
}
