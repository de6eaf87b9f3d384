package org.honchat.protocol.serverbound;

import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;

/** Every client-to-server command of docs/protocol.md §6.2, including the ids accepted and ignored. */
public final class Serverbound {

    private Serverbound() {
    }

    public static final PacketRegistry<ServerboundPacket> REGISTRY = PacketRegistry.of("client->server",
            ServerboundPacket.class, all());

    private static List<PacketCodec<?>> all() {
        List<PacketCodec<?>> codecs = new ArrayList<>();
        codecs.add(ClientConnect.CODEC);
        codecs.addAll(SessionRequests.CODECS);
        codecs.addAll(ChannelRequests.CODECS);
        codecs.addAll(ModerationRequests.CODECS);
        codecs.addAll(MessageRequests.CODECS);
        codecs.addAll(BuddyRequests.CODECS);
        codecs.add(RequestBuddyAdd.CODEC);
        codecs.addAll(GameRequests.CODECS);
        codecs.add(JoinedGame.CODEC);
        codecs.addAll(ClanRequests.CODECS);
        codecs.addAll(GroupRequests.CODECS);
        codecs.addAll(QueueRequests.CODECS);
        codecs.addAll(IgnoredCommand.codecs());
        return codecs;
    }
}
