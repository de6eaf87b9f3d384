package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Game status and game invites, client to server (docs/protocol.md §6.9). 0x10 is {@link JoinedGame}. */
public final class GameRequests {

    private GameRequests() {
    }

    /** The client is joining a game server. */
    public record JoiningGame(String serverAddress) implements ServerboundPacket {
        public static final PacketCodec<JoiningGame> CODEC = PacketCodec.fields(0x000F, "CHAT_CMD_JOINING_GAME",
                Types.STR, JoiningGame::serverAddress,
                JoiningGame::new);

        @Override
        public PacketCodec<JoiningGame> codec() {
            return CODEC;
        }
    }

    /** The client left its game. */
    public record LeftGame() implements ServerboundPacket {
        public static final LeftGame INSTANCE = new LeftGame();
        public static final PacketCodec<LeftGame> CODEC = PacketCodec.empty(0x0011, "CHAT_CMD_LEFT_GAME", INSTANCE);

        @Override
        public PacketCodec<LeftGame> codec() {
            return CODEC;
        }
    }

    /** Invite an account to the sender's game. */
    public record InviteUserById(long targetId) implements ServerboundPacket {
        public static final PacketCodec<InviteUserById> CODEC = PacketCodec.fields(0x0023, "CHAT_CMD_INVITE_USER_ID",
                Types.U32, InviteUserById::targetId,
                InviteUserById::new);

        @Override
        public PacketCodec<InviteUserById> codec() {
            return CODEC;
        }
    }

    /** Invite an account to the sender's game. */
    public record InviteUserByName(String targetName) implements ServerboundPacket {
        public static final PacketCodec<InviteUserByName> CODEC = PacketCodec.fields(0x0024, "CHAT_CMD_INVITE_USER_NAME",
                Types.STR, InviteUserByName::targetName,
                InviteUserByName::new);

        @Override
        public PacketCodec<InviteUserByName> codec() {
            return CODEC;
        }
    }

    /** Reject a game invite. */
    public record RejectGameInvite(long inviterId) implements ServerboundPacket {
        public static final PacketCodec<RejectGameInvite> CODEC = PacketCodec.fields(0x0028, "CHAT_CMD_INVITE_REJECTED",
                Types.U32, RejectGameInvite::inviterId,
                RejectGameInvite::new);

        @Override
        public PacketCodec<RejectGameInvite> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            JoiningGame.CODEC,
            LeftGame.CODEC,
            InviteUserById.CODEC,
            InviteUserByName.CODEC,
            RejectGameInvite.CODEC);
}
