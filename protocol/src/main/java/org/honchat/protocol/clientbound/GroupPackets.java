package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.struct.ShortCard;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Matchmaking groups, server to client (docs/protocol.md §6.11). 0x0D03, 0x0D06 and 0x0E0A have conditional layouts and live in their own files. */
public final class GroupPackets {

    private GroupPackets() {
    }

    /** To the invitee: the inviter's ShortCard and the group settings. */
    public record GroupInvite(ShortCard inviter, String mapName, int gameType, String gameModes,
            String regions) implements ClientboundPacket {
        public static final PacketCodec<GroupInvite> CODEC = PacketCodec.fields(0x0C0D, "NET_CHAT_CL_TMM_GROUP_INVITE",
                ShortCard.TYPE, GroupInvite::inviter,
                Types.STR, GroupInvite::mapName,
                Types.U8, GroupInvite::gameType,
                Types.STR, GroupInvite::gameModes,
                Types.STR, GroupInvite::regions,
                GroupInvite::new);

        @Override
        public PacketCodec<GroupInvite> codec() {
            return CODEC;
        }
    }

    /** To all group members: who was invited by whom. */
    public record GroupInviteBroadcast(String invitedName, String inviterName) implements ClientboundPacket {
        public static final PacketCodec<GroupInviteBroadcast> CODEC = PacketCodec.fields(0x0C0E, "NET_CHAT_CL_TMM_GROUP_INVITE_BROADCAST",
                Types.STR, GroupInviteBroadcast::invitedName,
                Types.STR, GroupInviteBroadcast::inviterName,
                GroupInviteBroadcast::new);

        @Override
        public PacketCodec<GroupInviteBroadcast> codec() {
            return CODEC;
        }
    }

    /** To the inviter's group: an invite was rejected. */
    public record GroupRejectInvite(String rejecterName, String inviterName) implements ClientboundPacket {
        public static final PacketCodec<GroupRejectInvite> CODEC = PacketCodec.fields(0x0C0F, "NET_CHAT_CL_TMM_GROUP_REJECT_INVITE",
                Types.STR, GroupRejectInvite::rejecterName,
                Types.STR, GroupRejectInvite::inviterName,
                GroupRejectInvite::new);

        @Override
        public PacketCodec<GroupRejectInvite> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            GroupInvite.CODEC,
            GroupInviteBroadcast.CODEC,
            GroupRejectInvite.CODEC);
}
