package org.honchat.protocol.clientbound;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ProtocolDecodeException.Kind;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.protocol.wire.PayloadReader;

/** Every server-to-client command of docs/protocol.md §6.1. */
public final class Clientbound {

    private Clientbound() {
    }

    public static final PacketRegistry<ClientboundPacket> REGISTRY = PacketRegistry.of("server->client",
            ClientboundPacket.class, all());

    private static List<PacketCodec<?>> all() {
        List<PacketCodec<?>> codecs = new ArrayList<>();
        codecs.addAll(SessionPackets.CODECS);
        codecs.addAll(ChannelPackets.CODECS);
        codecs.addAll(ModerationPackets.CODECS);
        codecs.addAll(ChannelListPackets.CODECS);
        codecs.addAll(MessagePackets.CODECS);
        codecs.addAll(PresencePackets.CODECS);
        codecs.addAll(GamePackets.CODECS);
        codecs.addAll(BuddyPackets.CODECS);
        codecs.addAll(ClanPackets.CODECS);
        codecs.addAll(GroupPackets.CODECS);
        codecs.addAll(MatchmakingPackets.CODECS);
        codecs.addAll(List.of(UpdateStatus.CODEC, InstantMessage.CODEC, BuddyAddResponse.CODEC, NewClanMember.CODEC,
                GroupUpdate.CODEC, GroupQueueUpdate.CODEC, GroupJoinFailed.CODEC));
        return codecs;
    }

    /**
     * The commands after which §1.4 rule 2 lets a frame go on: the clan-creation pair ({@code 0x54}), channel-list
     * batches ({@code 0x1C02}, {@code 0x1C05}) and the matchmaking frames of §9.3.
     */
    private static final java.util.Set<Integer> MAY_BE_FOLLOWED = java.util.Set.of(0x54, 0x1C02, 0x1C05, 0x0D01,
            0x0D02, 0x0D03, 0x0D06, 0x0D09);

    /**
     * Reads a whole frame body the way the 4.10 client does (§2.1): command after command until the frame is used
     * up. In strict mode a second command is allowed only after a command that may start a multi-command frame
     * (§1.4 rule 2), and anything else left over is {@link Kind#TRAILING_BYTES}.
     */
    public static List<ClientboundPacket> decodeFrame(ByteBuf body, DecodeContext context)
            throws ProtocolDecodeException {
        PayloadReader in = new PayloadReader(body, context, -1, "");
        List<ClientboundPacket> packets = new ArrayList<>(1);
        do {
            ClientboundPacket packet = REGISTRY.readCommand(in, body);
            packets.add(packet);
            if (body.isReadable() && context.strict() && !MAY_BE_FOLLOWED.contains(packet.codec().id())) {
                throw in.error(Kind.TRAILING_BYTES, body.readableBytes() + " bytes after the last field");
            }
        } while (body.isReadable() && context.strict());
        body.skipBytes(body.readableBytes());
        return packets;
    }
}
