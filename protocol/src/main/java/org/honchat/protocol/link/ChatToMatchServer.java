package org.honchat.protocol.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * The match-server link's {@code 0x15xx} commands, from the chat server to a match server (docs/protocol.md §9.5.2,
 * §9.5.3, §9.5.5); {@link MatchServerPackets#TO_MATCH_SERVER} is their registry.
 */
public final class ChatToMatchServer {

    private ChatToMatchServer() {
    }


    /** {@code 0x1500} ACCEPT (§9.5.2). */
    public record Accept() implements LinkPacket {
        public static final Accept INSTANCE = new Accept();
        public static final PacketCodec<Accept> CODEC = PacketCodec.empty(0x1500, "NET_CHAT_SERVER_ACCEPT", INSTANCE);

        @Override
        public PacketCodec<Accept> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1501} REJECT: u8 reason (0 unknown, 1 bad version, 2 auth failed), §9.5.2. */
    public record Reject(int reason) implements LinkPacket {
        public static final int UNKNOWN = 0;
        public static final int BAD_VERSION = 1;
        public static final int AUTH_FAILED = 2;
        public static final PacketCodec<Reject> CODEC = PacketCodec.fields(0x1501, "NET_CHAT_SERVER_REJECT",
                Types.U8, Reject::reason,
                Reject::new);

        @Override
        public PacketCodec<Reject> codec() {
            return CODEC;
        }
    }

    /** One roster entry of {@code 0x1502} (§9.5.5 field 10). */
    public record RosterEntry(long accountId, int team, int slot, int socialBonus, float winValue, float lossValue,
            int provisional, int groupIndex, int benefit) {

        public RosterEntry {
            Types.checkU32(accountId, "accountId");
            Types.checkU8(team, "team");
            Types.checkU8(slot, "slot");
            Types.checkU8(groupIndex, "groupIndex");
        }

        /** What this phase sends: no bonus, no win or loss values, not provisional, no benefit. */
        public static RosterEntry plain(long accountId, int team, int slot, int groupIndex) {
            return new RosterEntry(accountId, team, slot, 0, 0f, 0f, 0, groupIndex, 0);
        }
    }

    /** {@code 0x1502} CREATE_MATCH (§9.5.5). */
    public record CreateMatch(int arrangedMatchType, long matchupId, long eventId, long challenge, String namePrefix,
            String settings, int newMmr, int fromLobby, List<RosterEntry> roster, List<Long> groupIds)
            implements LinkPacket {

        public static final PacketCodec<CreateMatch> CODEC = PacketCodec.custom(0x1502, "NET_CHAT_SERVER_CREATE_MATCH",
                "u8 arranged match type, u32 matchup id, u32 event id, u32 challenge, str name prefix, str settings, "
                        + "u8 new MMR, u8 from lobby, u8 P, P × {u32 account id, u8 team, u8 slot, u8 social bonus, "
                        + "f32 win value, f32 loss value, u8 provisional, u8 group index, u8 benefit}, u32 G, G × u32 "
                        + "group ids",
                CreateMatch::read, CreateMatch::write);

        public CreateMatch {
            Types.checkU8(arrangedMatchType, "arrangedMatchType");
            Types.checkU32(matchupId, "matchupId");
            Types.checkU32(challenge, "challenge");
            Objects.requireNonNull(namePrefix, "namePrefix");
            Objects.requireNonNull(settings, "settings");
            roster = List.copyOf(roster);
            groupIds = List.copyOf(groupIds);
            if (roster.size() > 255) {
                throw new IllegalArgumentException("player count is a u8: " + roster.size());
            }
        }

        private static CreateMatch read(PayloadReader in) throws ProtocolDecodeException {
            int type = in.u8();
            long matchupId = in.u32();
            long eventId = in.u32();
            long challenge = in.u32();
            String prefix = in.str();
            String settings = in.str();
            int newMmr = in.u8();
            int fromLobby = in.u8();
            int players = in.count(in.u8(), 17);
            List<RosterEntry> roster = new ArrayList<>(players);
            for (int i = 0; i < players; i++) {
                roster.add(new RosterEntry(in.u32(), in.u8(), in.u8(), in.u8(), Float.intBitsToFloat((int) in.u32()),
                        Float.intBitsToFloat((int) in.u32()), in.u8(), in.u8(), in.u8()));
            }
            int groups = in.count(in.u32(), 4);
            List<Long> ids = new ArrayList<>(groups);
            for (int i = 0; i < groups; i++) {
                ids.add(in.u32());
            }
            return new CreateMatch(type, matchupId, eventId, challenge, prefix, settings, newMmr, fromLobby, roster,
                    ids);
        }

        private static void write(io.netty.buffer.ByteBuf out, CreateMatch p) {
            out.writeByte(p.arrangedMatchType);
            Types.writeU32(out, p.matchupId);
            Types.writeU32(out, p.eventId);
            Types.writeU32(out, p.challenge);
            Types.writeStr(out, p.namePrefix);
            Types.writeStr(out, p.settings);
            out.writeByte(p.newMmr);
            out.writeByte(p.fromLobby);
            out.writeByte(p.roster.size());
            for (RosterEntry e : p.roster) {
                Types.writeU32(out, e.accountId());
                out.writeByte(e.team());
                out.writeByte(e.slot());
                out.writeByte(e.socialBonus());
                out.writeIntLE(Float.floatToRawIntBits(e.winValue()));
                out.writeIntLE(Float.floatToRawIntBits(e.lossValue()));
                out.writeByte(e.provisional());
                out.writeByte(e.groupIndex());
                out.writeByte(e.benefit());
            }
            Types.writeU32(out, p.groupIds.size());
            p.groupIds.forEach(id -> Types.writeU32(out, id));
        }

        @Override
        public PacketCodec<CreateMatch> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1504} REMOTE_COMMAND (§9.5.2): a console command for the server whose cookie this is. */
    public record RemoteCommand(String cookie, String command) implements LinkPacket {
        public static final PacketCodec<RemoteCommand> CODEC = PacketCodec.fields(0x1504,
                "NET_CHAT_SERVER_REMOTE_COMMAND",
                Types.STR, RemoteCommand::cookie,
                Types.STR, RemoteCommand::command,
                RemoteCommand::new);

        @Override
        public PacketCodec<RemoteCommand> codec() {
            return CODEC;
        }
    }

    /**
     * {@code 0x1505} OPTIONS (§9.5.3): 21 fields in a fixed order, each a u8 flag or a u32 number. Kept as a list in
     * that order; {@link #WIDTHS} says which is which.
     */
    public record Options(List<Long> values) implements LinkPacket {

        /** Byte width of each field, in order (§9.5.3). */
        public static final int[] WIDTHS = {1, 4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 4, 4, 4, 1, 4, 1, 1, 1, 1, 1};

        public static final PacketCodec<Options> CODEC = PacketCodec.custom(0x1505, "NET_CHAT_SERVER_OPTIONS",
                "21 fields, u8 or u32 by position: u8 match id required, 6 × u32 (match id attempts, timeout, interval, "
                        + "auth attempts, timeout, interval), 4 × u8 (stats, replays, FTP, S3), 3 × u32 (connect "
                        + "attempts, packets/s, bytes/s), u8 disconnect stats, u32 heartbeat ms, 5 × u8 (disconnect "
                        + "reporting, quests, ladder, product usage, dynamic concede)",
                in -> {
                    List<Long> values = new ArrayList<>(WIDTHS.length);
                    for (int width : WIDTHS) {
                        values.add(width == 1 ? (long) in.u8() : in.u32());
                    }
                    return new Options(values);
                },
                (out, p) -> {
                    for (int i = 0; i < WIDTHS.length; i++) {
                        if (WIDTHS[i] == 1) {
                            out.writeByte(p.values.get(i).intValue());
                        } else {
                            Types.writeU32(out, p.values.get(i));
                        }
                    }
                });

        public Options {
            values = List.copyOf(values);
            if (values.size() != WIDTHS.length) {
                throw new IllegalArgumentException("0x1505 has " + WIDTHS.length + " fields, got " + values.size());
            }
            for (int i = 0; i < WIDTHS.length; i++) {
                if (WIDTHS[i] == 1) {
                    Types.checkU8(values.get(i).intValue(), "field " + (i + 1));
                } else {
                    Types.checkU32(values.get(i), "field " + (i + 1));
                }
            }
        }

        @Override
        public PacketCodec<Options> codec() {
            return CODEC;
        }
    }
}
