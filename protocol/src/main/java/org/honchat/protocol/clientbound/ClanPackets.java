package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.types.ClanRank;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Clans, server to client (docs/protocol.md §6.8). 0x4E is in {@link NewClanMember}. */
public final class ClanPackets {

    private ClanPackets() {
    }

    /** An invite (or a founding-member request) from a clan. */
    public record ClanInvite(String inviterName, String clanName) implements ClientboundPacket {
        public static final PacketCodec<ClanInvite> CODEC = PacketCodec.fields(0x0047, "CHAT_CMD_CLAN_ADD_MEMBER",
                Types.STR, ClanInvite::inviterName,
                Types.STR, ClanInvite::clanName,
                ClanInvite::new);

        @Override
        public PacketCodec<ClanInvite> codec() {
            return CODEC;
        }
    }

    /** To the inviter: the target rejected. */
    public record ClanAddRejected(String rejecterName) implements ClientboundPacket {
        public static final PacketCodec<ClanAddRejected> CODEC = PacketCodec.fields(0x0048, "CHAT_CMD_CLAN_ADD_REJECTED",
                Types.STR, ClanAddRejected::rejecterName,
                ClanAddRejected::new);

        @Override
        public PacketCodec<ClanAddRejected> codec() {
            return CODEC;
        }
    }

    /** Invite: target empty, unknown, offline or invisible. */
    public record ClanAddFailOnline() implements ClientboundPacket {
        public static final ClanAddFailOnline INSTANCE = new ClanAddFailOnline();
        public static final PacketCodec<ClanAddFailOnline> CODEC = PacketCodec.empty(0x0049, "CHAT_CMD_CLAN_ADD_FAIL_ONLINE", INSTANCE);

        @Override
        public PacketCodec<ClanAddFailOnline> codec() {
            return CODEC;
        }
    }

    /** Invite: target already in a clan. */
    public record ClanAddFailClan() implements ClientboundPacket {
        public static final ClanAddFailClan INSTANCE = new ClanAddFailClan();
        public static final PacketCodec<ClanAddFailClan> CODEC = PacketCodec.empty(0x004A, "CHAT_CMD_CLAN_ADD_FAIL_CLAN", INSTANCE);

        @Override
        public PacketCodec<ClanAddFailClan> codec() {
            return CODEC;
        }
    }

    /** Invite: target already invited or in a pending creation. */
    public record ClanAddFailInvited() implements ClientboundPacket {
        public static final ClanAddFailInvited INSTANCE = new ClanAddFailInvited();
        public static final PacketCodec<ClanAddFailInvited> CODEC = PacketCodec.empty(0x004B, "CHAT_CMD_CLAN_ADD_FAIL_INVITED", INSTANCE);

        @Override
        public PacketCodec<ClanAddFailInvited> codec() {
            return CODEC;
        }
    }

    /** Invite: inviter is not officer or leader. */
    public record ClanAddFailPerms() implements ClientboundPacket {
        public static final ClanAddFailPerms INSTANCE = new ClanAddFailPerms();
        public static final PacketCodec<ClanAddFailPerms> CODEC = PacketCodec.empty(0x004C, "CHAT_CMD_CLAN_ADD_FAIL_PERMS", INSTANCE);

        @Override
        public PacketCodec<ClanAddFailPerms> codec() {
            return CODEC;
        }
    }

    /** Invite: inviter has no clan, or the membership could not be stored. */
    public record ClanAddFailUnknown(String name) implements ClientboundPacket {
        public static final PacketCodec<ClanAddFailUnknown> CODEC = PacketCodec.fields(0x004D, "CHAT_CMD_CLAN_ADD_FAIL_UNKNOWN",
                Types.STR, ClanAddFailUnknown::name,
                ClanAddFailUnknown::new);

        @Override
        public PacketCodec<ClanAddFailUnknown> codec() {
            return CODEC;
        }
    }

    /** A member's rank changed (NONE = removed). */
    public record ClanRankChange(long targetId, ClanRank rank, long changerId) implements ClientboundPacket {
        public static final PacketCodec<ClanRankChange> CODEC = PacketCodec.fields(0x0050, "CHAT_CMD_CLAN_RANK_CHANGE",
                Types.U32, ClanRankChange::targetId,
                ClanRank.TYPE, ClanRankChange::rank,
                Types.U32, ClanRankChange::changerId,
                ClanRankChange::new);

        @Override
        public PacketCodec<ClanRankChange> codec() {
            return CODEC;
        }
    }

    /** To the founder: a founding member accepted. */
    public record ClanCreateAccept(String memberName) implements ClientboundPacket {
        public static final PacketCodec<ClanCreateAccept> CODEC = PacketCodec.fields(0x0052, "CHAT_CMD_CLAN_CREATE_ACCEPT",
                Types.STR, ClanCreateAccept::memberName,
                ClanCreateAccept::new);

        @Override
        public PacketCodec<ClanCreateAccept> codec() {
            return CODEC;
        }
    }

    /** To the founder: a founding member rejected or left; creation cancelled. */
    public record ClanCreateReject(String memberName) implements ClientboundPacket {
        public static final PacketCodec<ClanCreateReject> CODEC = PacketCodec.fields(0x0053, "CHAT_CMD_CLAN_CREATE_REJECT",
                Types.STR, ClanCreateReject::memberName,
                ClanCreateReject::new);

        @Override
        public PacketCodec<ClanCreateReject> codec() {
            return CODEC;
        }
    }

    /** To the founder, always followed in the same frame by 0x4E self form (§1.4). */
    public record ClanCreateComplete() implements ClientboundPacket {
        public static final ClanCreateComplete INSTANCE = new ClanCreateComplete();
        public static final PacketCodec<ClanCreateComplete> CODEC = PacketCodec.empty(0x0054, "CHAT_CMD_CLAN_CREATE_COMPLETE", INSTANCE);

        @Override
        public PacketCodec<ClanCreateComplete> codec() {
            return CODEC;
        }
    }

    /** That person is already in a clan. */
    public record ClanCreateFailClan(String name) implements ClientboundPacket {
        public static final PacketCodec<ClanCreateFailClan> CODEC = PacketCodec.fields(0x0055, "CHAT_CMD_CLAN_CREATE_FAIL_CLAN",
                Types.STR, ClanCreateFailClan::name,
                ClanCreateFailClan::new);

        @Override
        public PacketCodec<ClanCreateFailClan> codec() {
            return CODEC;
        }
    }

    /** That person has a pending invite or creation. */
    public record ClanCreateFailInvite(String name) implements ClientboundPacket {
        public static final PacketCodec<ClanCreateFailInvite> CODEC = PacketCodec.fields(0x0056, "CHAT_CMD_CLAN_CREATE_FAIL_INVITE",
                Types.STR, ClanCreateFailInvite::name,
                ClanCreateFailInvite::new);

        @Override
        public PacketCodec<ClanCreateFailInvite> codec() {
            return CODEC;
        }
    }

    /** That member is unknown, offline, invisible or DND (name as sent). */
    public record ClanCreateFailFind(String name) implements ClientboundPacket {
        public static final PacketCodec<ClanCreateFailFind> CODEC = PacketCodec.fields(0x0057, "CHAT_CMD_CLAN_CREATE_FAIL_FIND",
                Types.STR, ClanCreateFailFind::name,
                ClanCreateFailFind::new);

        @Override
        public PacketCodec<ClanCreateFailFind> codec() {
            return CODEC;
        }
    }

    /** A person appears twice, or the founder is listed. */
    public record ClanCreateFailDupe() implements ClientboundPacket {
        public static final ClanCreateFailDupe INSTANCE = new ClanCreateFailDupe();
        public static final PacketCodec<ClanCreateFailDupe> CODEC = PacketCodec.empty(0x0058, "CHAT_CMD_CLAN_CREATE_FAIL_DUPE", INSTANCE);

        @Override
        public PacketCodec<ClanCreateFailDupe> codec() {
            return CODEC;
        }
    }

    /** Empty name or tag, tag over 4, or name over 30. */
    public record ClanCreateFailParam() implements ClientboundPacket {
        public static final ClanCreateFailParam INSTANCE = new ClanCreateFailParam();
        public static final PacketCodec<ClanCreateFailParam> CODEC = PacketCodec.empty(0x0059, "CHAT_CMD_CLAN_CREATE_FAIL_PARAM", INSTANCE);

        @Override
        public PacketCodec<ClanCreateFailParam> codec() {
            return CODEC;
        }
    }

    /** Clan name already taken. */
    public record ClanCreateFailName() implements ClientboundPacket {
        public static final ClanCreateFailName INSTANCE = new ClanCreateFailName();
        public static final PacketCodec<ClanCreateFailName> CODEC = PacketCodec.empty(0x005B, "CHAT_CMD_CLAN_CREATE_FAIL_NAME", INSTANCE);

        @Override
        public PacketCodec<ClanCreateFailName> codec() {
            return CODEC;
        }
    }

    /** Tag already taken. */
    public record ClanCreateFailTag() implements ClientboundPacket {
        public static final ClanCreateFailTag INSTANCE = new ClanCreateFailTag();
        public static final PacketCodec<ClanCreateFailTag> CODEC = PacketCodec.empty(0x005C, "CHAT_CMD_CLAN_CREATE_FAIL_TAG", INSTANCE);

        @Override
        public PacketCodec<ClanCreateFailTag> codec() {
            return CODEC;
        }
    }

    /** Storing the clan failed. */
    public record ClanCreateFailUnknown() implements ClientboundPacket {
        public static final ClanCreateFailUnknown INSTANCE = new ClanCreateFailUnknown();
        public static final PacketCodec<ClanCreateFailUnknown> CODEC = PacketCodec.empty(0x005D, "CHAT_CMD_CLAN_CREATE_FAIL_UNKNOWN", INSTANCE);

        @Override
        public PacketCodec<ClanCreateFailUnknown> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            ClanInvite.CODEC,
            ClanAddRejected.CODEC,
            ClanAddFailOnline.CODEC,
            ClanAddFailClan.CODEC,
            ClanAddFailInvited.CODEC,
            ClanAddFailPerms.CODEC,
            ClanAddFailUnknown.CODEC,
            ClanRankChange.CODEC,
            ClanCreateAccept.CODEC,
            ClanCreateReject.CODEC,
            ClanCreateComplete.CODEC,
            ClanCreateFailClan.CODEC,
            ClanCreateFailInvite.CODEC,
            ClanCreateFailFind.CODEC,
            ClanCreateFailDupe.CODEC,
            ClanCreateFailParam.CODEC,
            ClanCreateFailName.CODEC,
            ClanCreateFailTag.CODEC,
            ClanCreateFailUnknown.CODEC);
}
