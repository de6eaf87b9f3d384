package org.honchat.protocol.clientbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.types.GroupUpdateType;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x0D03} NET_CHAT_CL_TMM_GROUP_UPDATE, the layout of docs/protocol.md §6.11 (client parser
 * {@code HandleTMMPlayerUpdates}). Every type but PARTIAL carries the full member layout and, after the members,
 * one is-buddy byte per member; PARTIAL carries only loading, ready and in-game per member, and its members are
 * normalised to {@link Member#partial()} so a record always equals what travels.
 */
public record GroupUpdate(GroupUpdateType type, long accountId, int averageRating, long leaderId,
        int arrangedMatchType, int gameType, String map, String modes, String regions, int ranked, int matchFidelity,
        int botDifficulty, int randomizeBots, String restrictedRegions, String invitationResponses, int teamSize,
        int groupType, List<Member> members) implements ClientboundPacket {

    /** The fewest bytes one member takes in the partial layout. */
    private static final int MIN_MEMBER_SIZE = 3;

    public static final PacketCodec<GroupUpdate> CODEC = PacketCodec.custom(0x0D03, "NET_CHAT_CL_TMM_GROUP_UPDATE",
            "u8 update type, u32 subject id, u8 group size G, u16 average rating, u32 leader id, u8 arranged "
                    + "match type, u8 game type, str map, str modes, str regions, 4 × u8 (ranked, fidelity, bot "
                    + "difficulty, randomize bots), str restricted regions, str invitation responses, u8 team size, u8 "
                    + "group type, G members (the full form for every type but 2: id, name, slot, medals, rankings, "
                    + "rating, loading, ready, in game, ranked eligibility, colour, icon, country, mode access; type 2: "
                    + "loading, ready, in game), then for the full form G × bool is-buddy",
            GroupUpdate::read, (out, p) -> p.write(out));

    public GroupUpdate {
        Objects.requireNonNull(type, "type");
        Types.checkU32(accountId, "accountId");
        Types.checkU16(averageRating, "averageRating");
        Types.checkU32(leaderId, "leaderId");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(regions, "regions");
        Objects.requireNonNull(restrictedRegions, "restrictedRegions");
        Objects.requireNonNull(invitationResponses, "invitationResponses");
        if (members.size() > 255) {
            throw new IllegalArgumentException("group size is a u8: " + members.size());
        }
        members = type.isFull() ? List.copyOf(members) : members.stream().map(Member::partial).toList();
    }

    /**
     * One member. The fields before {@code loadingPercent} and after {@code inGame} travel only in the full layout.
     */
    public record Member(long accountId, String displayName, int slot, long normalMedal, long casualMedal,
            long normalRanking, long casualRanking, int eligibleForCampaign, int rating, int loadingPercent,
            boolean ready, boolean inGame, int eligibleForRanked, String nameColour, String accountIcon,
            String country, int hasAccessToAllModes, String modeAccess, boolean buddyOfRecipient) {

        public Member {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(nameColour, "nameColour");
            Objects.requireNonNull(accountIcon, "accountIcon");
            Objects.requireNonNull(country, "country");
            Objects.requireNonNull(modeAccess, "modeAccess");
        }

        /** Only what the partial layout carries. */
        public Member partial() {
            return new Member(0, "", 0, 0, 0, 0, 0, 0, 0, loadingPercent, ready, inGame, 0, "", "", "", 0, "", false);
        }
    }

    private static GroupUpdate read(PayloadReader in) throws ProtocolDecodeException {
        GroupUpdateType type = GroupUpdateType.TYPE.read(in);
        long accountId = in.u32();
        int size = in.u8();
        int averageRating = in.u16();
        long leaderId = in.u32();
        int arranged = in.u8();
        int gameType = in.u8();
        String map = in.str();
        String modes = in.str();
        String regions = in.str();
        int ranked = in.u8();
        int fidelity = in.u8();
        int botDifficulty = in.u8();
        int randomizeBots = in.u8();
        String restricted = in.str();
        String responses = in.str();
        int teamSize = in.u8();
        int groupType = in.u8();
        boolean full = type.isFull();
        in.count(size, MIN_MEMBER_SIZE);
        List<Member> members = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (full) {
                long id = in.u32();
                String name = in.str();
                int slot = in.u8();
                long normalMedal = in.u32();
                long casualMedal = in.u32();
                long normalRanking = in.u32();
                long casualRanking = in.u32();
                int campaign = in.u8();
                int rating = in.u16();
                int loading = in.u8();
                boolean ready = in.bool();
                boolean inGame = in.bool();
                members.add(new Member(id, name, slot, normalMedal, casualMedal, normalRanking, casualRanking,
                        campaign, rating, loading, ready, inGame, in.u8(), in.str(), in.str(), in.str(), in.u8(),
                        in.str(), false));
            } else {
                members.add(new Member(0, "", 0, 0, 0, 0, 0, 0, 0, in.u8(), in.bool(), in.bool(), 0, "", "", "", 0,
                        "", false));
            }
        }
        if (full) {
            for (int i = 0; i < size; i++) {
                Member m = members.get(i);
                members.set(i, new Member(m.accountId, m.displayName, m.slot, m.normalMedal, m.casualMedal,
                        m.normalRanking, m.casualRanking, m.eligibleForCampaign, m.rating, m.loadingPercent, m.ready,
                        m.inGame, m.eligibleForRanked, m.nameColour, m.accountIcon, m.country, m.hasAccessToAllModes,
                        m.modeAccess, in.bool()));
            }
        }
        return new GroupUpdate(type, accountId, averageRating, leaderId, arranged, gameType, map, modes, regions,
                ranked, fidelity, botDifficulty, randomizeBots, restricted, responses, teamSize, groupType, members);
    }

    private void write(io.netty.buffer.ByteBuf out) {
        out.writeByte(type.wire());
        Types.writeU32(out, accountId);
        out.writeByte(members.size());
        out.writeShortLE(averageRating);
        Types.writeU32(out, leaderId);
        Types.writeU8(out, arrangedMatchType);
        Types.writeU8(out, gameType);
        Types.writeStr(out, map);
        Types.writeStr(out, modes);
        Types.writeStr(out, regions);
        Types.writeU8(out, ranked);
        Types.writeU8(out, matchFidelity);
        Types.writeU8(out, botDifficulty);
        Types.writeU8(out, randomizeBots);
        Types.writeStr(out, restrictedRegions);
        Types.writeStr(out, invitationResponses);
        Types.writeU8(out, teamSize);
        Types.writeU8(out, groupType);
        boolean full = type.isFull();
        for (Member m : members) {
            if (full) {
                Types.writeU32(out, m.accountId);
                Types.writeStr(out, m.displayName);
                Types.writeU8(out, m.slot);
                Types.writeU32(out, m.normalMedal);
                Types.writeU32(out, m.casualMedal);
                Types.writeU32(out, m.normalRanking);
                Types.writeU32(out, m.casualRanking);
                Types.writeU8(out, m.eligibleForCampaign);
                Types.writeU16(out, m.rating);
            }
            Types.writeU8(out, m.loadingPercent);
            out.writeByte(m.ready ? 1 : 0);
            out.writeByte(m.inGame ? 1 : 0);
            if (full) {
                Types.writeU8(out, m.eligibleForRanked);
                Types.writeStr(out, m.nameColour);
                Types.writeStr(out, m.accountIcon);
                Types.writeStr(out, m.country);
                Types.writeU8(out, m.hasAccessToAllModes);
                Types.writeStr(out, m.modeAccess);
            }
        }
        if (full) {
            for (Member m : members) {
                out.writeByte(m.buddyOfRecipient ? 1 : 0);
            }
        }
    }

    @Override
    public PacketCodec<GroupUpdate> codec() {
        return CODEC;
    }
}
