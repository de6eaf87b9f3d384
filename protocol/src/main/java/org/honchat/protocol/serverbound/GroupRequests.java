package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Matchmaking groups, client to server (docs/protocol.md §6.2, §6.11). */
public final class GroupRequests {

    private GroupRequests() {
    }

    /** Create a group with these settings (pyHoNBot's short form does not decode). */
    public record GroupCreate(String clientVersion, int tmmType, int gameType, String map,
            String modes, String regions, boolean ranked, int matchFidelity,
            int botDifficulty, boolean randomizeBots) implements ServerboundPacket {
        public static final PacketCodec<GroupCreate> CODEC = PacketCodec.fields(0x0C0A, "NET_CHAT_CL_TMM_GROUP_CREATE",
                Types.STR, GroupCreate::clientVersion,
                Types.U8, GroupCreate::tmmType,
                Types.U8, GroupCreate::gameType,
                Types.STR, GroupCreate::map,
                Types.STR, GroupCreate::modes,
                Types.STR, GroupCreate::regions,
                Types.BOOL, GroupCreate::ranked,
                Types.U8, GroupCreate::matchFidelity,
                Types.U8, GroupCreate::botDifficulty,
                Types.BOOL, GroupCreate::randomizeBots,
                GroupCreate::new);

        @Override
        public PacketCodec<GroupCreate> codec() {
            return CODEC;
        }
    }

    /** Join the group of a named member that invited the sender. */
    public record GroupJoin(String clientVersion, String memberName) implements ServerboundPacket {
        public static final PacketCodec<GroupJoin> CODEC = PacketCodec.fields(0x0C0B, "NET_CHAT_CL_TMM_GROUP_JOIN",
                Types.STR, GroupJoin::clientVersion,
                Types.STR, GroupJoin::memberName,
                GroupJoin::new);

        @Override
        public PacketCodec<GroupJoin> codec() {
            return CODEC;
        }
    }

    /** Leave the group. */
    public record GroupLeave() implements ServerboundPacket {
        public static final GroupLeave INSTANCE = new GroupLeave();
        public static final PacketCodec<GroupLeave> CODEC = PacketCodec.empty(0x0C0C, "NET_CHAT_CL_TMM_GROUP_LEAVE", INSTANCE);

        @Override
        public PacketCodec<GroupLeave> codec() {
            return CODEC;
        }
    }

    /** Invite an online account to the sender's group. */
    public record GroupInviteRequest(String targetName) implements ServerboundPacket {
        public static final PacketCodec<GroupInviteRequest> CODEC = PacketCodec.fields(0x0C0D, "NET_CHAT_CL_TMM_GROUP_INVITE",
                Types.STR, GroupInviteRequest::targetName,
                GroupInviteRequest::new);

        @Override
        public PacketCodec<GroupInviteRequest> codec() {
            return CODEC;
        }
    }

    /** Reject a group invite. */
    public record GroupRejectInviteRequest(String inviterName) implements ServerboundPacket {
        public static final PacketCodec<GroupRejectInviteRequest> CODEC = PacketCodec.fields(0x0C0F, "NET_CHAT_CL_TMM_GROUP_REJECT_INVITE",
                Types.STR, GroupRejectInviteRequest::inviterName,
                GroupRejectInviteRequest::new);

        @Override
        public PacketCodec<GroupRejectInviteRequest> codec() {
            return CODEC;
        }
    }

    /** Leader only: kick the member in a slot. */
    public record GroupKick(int slot) implements ServerboundPacket {
        public static final PacketCodec<GroupKick> CODEC = PacketCodec.fields(0x0D00, "NET_CHAT_CL_TMM_GROUP_KICK",
                Types.U8, GroupKick::slot,
                GroupKick::new);

        @Override
        public PacketCodec<GroupKick> codec() {
            return CODEC;
        }
    }

    /** Set the ready flag (the game type byte is ignored). */
    public record GroupReady(int ready, int gameType) implements ServerboundPacket {
        public static final PacketCodec<GroupReady> CODEC = PacketCodec.fields(0x0D05, "NET_CHAT_CL_TMM_GROUP_PLAYER_READY_STATUS",
                Types.U8, GroupReady::ready,
                Types.optional(Types.U8, 0), GroupReady::gameType,
                GroupReady::new);

        @Override
        public PacketCodec<GroupReady> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            GroupCreate.CODEC,
            GroupJoin.CODEC,
            GroupLeave.CODEC,
            GroupInviteRequest.CODEC,
            GroupRejectInviteRequest.CODEC,
            GroupKick.CODEC,
            GroupReady.CODEC);
}
