package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.struct.InviteCard;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Game invites, server to client (docs/protocol.md §6.9). */
public final class GamePackets {

    private GamePackets() {
    }

    /** To the target of a game invite: the inviter's InviteCard. */
    public record InvitedToServer(InviteCard inviter) implements ClientboundPacket {
        public static final PacketCodec<InvitedToServer> CODEC = PacketCodec.fields(0x0025, "CHAT_CMD_INVITED_TO_SERVER",
                InviteCard.TYPE, InvitedToServer::inviter,
                InvitedToServer::new);

        @Override
        public PacketCodec<InvitedToServer> codec() {
            return CODEC;
        }
    }

    /** Game invite: target not found, self, offline or invisible. */
    public record InviteFailedUser() implements ClientboundPacket {
        public static final InviteFailedUser INSTANCE = new InviteFailedUser();
        public static final PacketCodec<InviteFailedUser> CODEC = PacketCodec.empty(0x0026, "CHAT_CMD_INVITE_FAILED_USER", INSTANCE);

        @Override
        public PacketCodec<InviteFailedUser> codec() {
            return CODEC;
        }
    }

    /** Game invite: the inviter is not joining or in a game. */
    public record InviteFailedGame() implements ClientboundPacket {
        public static final InviteFailedGame INSTANCE = new InviteFailedGame();
        public static final PacketCodec<InviteFailedGame> CODEC = PacketCodec.empty(0x0027, "CHAT_CMD_INVITE_FAILED_GAME", INSTANCE);

        @Override
        public PacketCodec<InviteFailedGame> codec() {
            return CODEC;
        }
    }

    /** To the inviter: the target rejected. */
    public record InviteRejected(String rejecterName, long rejecterId) implements ClientboundPacket {
        public static final PacketCodec<InviteRejected> CODEC = PacketCodec.fields(0x0028, "CHAT_CMD_INVITE_REJECTED",
                Types.STR, InviteRejected::rejecterName,
                Types.U32, InviteRejected::rejecterId,
                InviteRejected::new);

        @Override
        public PacketCodec<InviteRejected> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            InvitedToServer.CODEC,
            InviteFailedUser.CODEC,
            InviteFailedGame.CODEC,
            InviteRejected.CODEC);
}
