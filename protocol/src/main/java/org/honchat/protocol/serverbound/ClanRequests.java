package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Clans, client to server (docs/protocol.md §6.2, §6.8). */
public final class ClanRequests {

    private ClanRequests() {
    }

    /** Leader only: MEMBER to OFFICER. */
    public record ClanPromote(long targetId) implements ServerboundPacket {
        public static final PacketCodec<ClanPromote> CODEC = PacketCodec.fields(0x0015, "CHAT_CMD_CLAN_PROMOTE_NOTIFY",
                Types.U32, ClanPromote::targetId,
                ClanPromote::new);

        @Override
        public PacketCodec<ClanPromote> codec() {
            return CODEC;
        }
    }

    /** Leader only: OFFICER to MEMBER. */
    public record ClanDemote(long targetId) implements ServerboundPacket {
        public static final PacketCodec<ClanDemote> CODEC = PacketCodec.fields(0x0016, "CHAT_CMD_CLAN_DEMOTE_NOTIFY",
                Types.U32, ClanDemote::targetId,
                ClanDemote::new);

        @Override
        public PacketCodec<ClanDemote> codec() {
            return CODEC;
        }
    }

    /** Leave the clan, or remove a member. */
    public record ClanRemove(long targetId) implements ServerboundPacket {
        public static final PacketCodec<ClanRemove> CODEC = PacketCodec.fields(0x0017, "CHAT_CMD_CLAN_REMOVE_NOTIFY",
                Types.U32, ClanRemove::targetId,
                ClanRemove::new);

        @Override
        public PacketCodec<ClanRemove> codec() {
            return CODEC;
        }
    }

    /** Invite an online account to the sender's clan. */
    public record ClanInviteMember(String targetName) implements ServerboundPacket {
        public static final PacketCodec<ClanInviteMember> CODEC = PacketCodec.fields(0x0047, "CHAT_CMD_CLAN_ADD_MEMBER",
                Types.STR, ClanInviteMember::targetName,
                ClanInviteMember::new);

        @Override
        public PacketCodec<ClanInviteMember> codec() {
            return CODEC;
        }
    }

    /** Reject a pending clan invite or creation. */
    public record ClanInviteRejected() implements ServerboundPacket {
        public static final ClanInviteRejected INSTANCE = new ClanInviteRejected();
        public static final PacketCodec<ClanInviteRejected> CODEC = PacketCodec.empty(0x0048, "CHAT_CMD_CLAN_ADD_REJECTED", INSTANCE);

        @Override
        public PacketCodec<ClanInviteRejected> codec() {
            return CODEC;
        }
    }

    /** Accept a pending clan invite or creation. */
    public record ClanInviteAccepted() implements ServerboundPacket {
        public static final ClanInviteAccepted INSTANCE = new ClanInviteAccepted();
        public static final PacketCodec<ClanInviteAccepted> CODEC = PacketCodec.empty(0x004F, "CHAT_CMD_CLAN_ADD_ACCEPTED", INSTANCE);

        @Override
        public PacketCodec<ClanInviteAccepted> codec() {
            return CODEC;
        }
    }

    /** Found a clan with four members. */
    public record ClanCreateRequest(String clanName, String clanTag, String member1, String member2,
            String member3, String member4) implements ServerboundPacket {
        public static final PacketCodec<ClanCreateRequest> CODEC = PacketCodec.fields(0x0051, "CHAT_CMD_CLAN_CREATE_REQUEST",
                Types.STR, ClanCreateRequest::clanName,
                Types.STR, ClanCreateRequest::clanTag,
                Types.STR, ClanCreateRequest::member1,
                Types.STR, ClanCreateRequest::member2,
                Types.STR, ClanCreateRequest::member3,
                Types.STR, ClanCreateRequest::member4,
                ClanCreateRequest::new);

        @Override
        public PacketCodec<ClanCreateRequest> codec() {
            return CODEC;
        }
    }

    /** Like 0x48 from a founding member; any payload is ignored. */
    public record ClanCreateRejected() implements ServerboundPacket {
        public static final ClanCreateRejected INSTANCE = new ClanCreateRejected();
        public static final PacketCodec<ClanCreateRejected> CODEC = PacketCodec.empty(0x0053, "CHAT_CMD_CLAN_CREATE_REJECT", INSTANCE);

        @Override
        public PacketCodec<ClanCreateRejected> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            ClanPromote.CODEC,
            ClanDemote.CODEC,
            ClanRemove.CODEC,
            ClanInviteMember.CODEC,
            ClanInviteRejected.CODEC,
            ClanInviteAccepted.CODEC,
            ClanCreateRequest.CODEC,
            ClanCreateRejected.CODEC);
}
