package org.honchat.protocol.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * The match-server link on port 11032 (docs/protocol.md §9.5): {@code 0x05xx} from the match server (here), {@code 0x15xx}
 * from the chat server ({@link ChatToMatchServer}), the link pings, and the registries of both directions. Layouts
 * are those real 4.10.1 match servers use (NEXUS {@code next}).
 */
public final class MatchServerPackets {

    private MatchServerPackets() {
    }

    /** The only protocol version a match server may announce in {@code 0x0500} (§9.5.2). */
    public static final long PROTOCOL = 68;

    // ---- match server -> chat server ----

    /** {@code 0x0500} CONNECT (§9.5.2): the server id and cookie from {@code new_session}, and the protocol. */
    public record Connect(long serverId, String cookie, long protocol) implements LinkPacket {
        public static final PacketCodec<Connect> CODEC = PacketCodec.fields(0x0500, "NET_SERVER_CONNECT",
                Types.U32, Connect::serverId,
                Types.STR, Connect::cookie,
                Types.U32, Connect::protocol,
                Connect::new);

        @Override
        public PacketCodec<Connect> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0501} DISCONNECT: the match server leaves; link loss (§9.5.9). */
    public record Disconnect() implements LinkPacket {
        public static final Disconnect INSTANCE = new Disconnect();
        public static final PacketCodec<Disconnect> CODEC = PacketCodec.empty(0x0501, "NET_SERVER_DISCONNECT",
                INSTANCE);

        @Override
        public PacketCodec<Disconnect> codec() {
            return CODEC;
        }
    }

    /** {@code EServerStatus} values of {@code 0x0502} field 8. */
    public static final int STATUS_IDLE = 1;
    public static final int STATUS_CRASHED = 4;
    public static final int STATUS_KILLED = 5;

    /**
     * {@code 0x0502} STATUS (§9.5.4), the fields the chat server keeps. Fields 1-8 must parse; 9-41 are read
     * best-effort and only the version (37) and host name (40) are kept. The writer sends the whole 4.10 layout with
     * the unkept fields zero or empty, as an idle server with no clients does.
     */
    public record Status(long serverId, String address, int port, String location, String name, long slaveId,
            long matchId, int status, String version, String hostName) implements LinkPacket {

        public static final PacketCodec<Status> CODEC = PacketCodec.custom(0x0502, "NET_SERVER_STATUS",
                "u32 server id, str address, u16 port, str location, str name, u32 slave id, u32 match id, u8 status "
                        + "(these eight must parse), then best-effort: u8 arranged type, u16 flags, 3 × str (map, game "
                        + "name, mode), u8 team size, 2 × u16 ratings, 2 × u32 (game time, phase), 12 × str (team and "
                        + "player info), 2 × u32 (load, long frames), 4 × u64 (memory, disk), str version, u32 client "
                        + "count C, f32 load average, str host name, C × client figures",
                Status::read, Status::write);

        public Status {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(hostName, "hostName");
            Types.checkU16(port, "port");
            Types.checkU8(status, "status");
        }

        private static Status read(PayloadReader in) throws ProtocolDecodeException {
            long serverId = in.u32();
            String address = in.str();
            int port = in.u16();
            String location = in.str();
            String name = in.str();
            long slaveId = in.u32();
            long matchId = in.u32();
            int status = in.u8();
            String version = "";
            String hostName = "";
            try {
                in.skip(1 + 2);
                for (int i = 0; i < 3; i++) {
                    in.str();
                }
                in.skip(1 + 2 + 2 + 4 + 4);
                for (int i = 0; i < 12; i++) {
                    in.str();
                }
                in.skip(4 + 4 + 4 * 8);
                version = in.str();
                in.skip(4 + 4);
                hostName = in.str();
            } catch (ProtocolDecodeException missing) {
                // §9.5.4 rule 1: fields after the eighth are optional; what is missing is left empty
            }
            in.skip(in.remaining());
            return new Status(serverId, address, port, location, name, slaveId, matchId, status, version, hostName);
        }

        private static void write(io.netty.buffer.ByteBuf out, Status p) {
            Types.writeU32(out, p.serverId);
            Types.writeStr(out, p.address);
            Types.writeU16(out, p.port);
            Types.writeStr(out, p.location);
            Types.writeStr(out, p.name);
            Types.writeU32(out, p.slaveId);
            Types.writeU32(out, p.matchId);
            out.writeByte(p.status);
            out.writeZero(1 + 2);
            out.writeZero(3);
            out.writeZero(1 + 2 + 2 + 4 + 4);
            out.writeZero(12);
            out.writeZero(4 + 4 + 4 * 8);
            Types.writeStr(out, p.version);
            out.writeZero(4 + 4);
            Types.writeStr(out, p.hostName);
        }

        public boolean idle() {
            return status == STATUS_IDLE;
        }

        public boolean crashedOrKilled() {
            return status == STATUS_CRASHED || status == STATUS_KILLED;
        }

        @Override
        public PacketCodec<Status> codec() {
            return CODEC;
        }
    }

    /**
     * {@code 0x0503} ANNOUNCE_MATCH (§9.5.6): the four u32 are strict; the echoed group ids are read if present and
     * otherwise ignored.
     */
    public record Announce(long matchupId, long challenge, long groupCount, long matchId, List<Long> groupIds)
            implements LinkPacket {

        public static final PacketCodec<Announce> CODEC = PacketCodec.custom(0x0503, "NET_SERVER_ANNOUNCE_MATCH",
                "u32 matchup id, u32 challenge, u32 group count G, u32 match id, then up to G × u32 group ids "
                        + "(optional)",
                in -> {
                    long matchupId = in.u32();
                    long challenge = in.u32();
                    long count = in.u32();
                    long matchId = in.u32();
                    List<Long> ids = new ArrayList<>();
                    while (ids.size() < count && in.remaining() >= 4) {
                        ids.add(in.u32());
                    }
                    return new Announce(matchupId, challenge, count, matchId, ids);
                },
                (out, p) -> {
                    Types.writeU32(out, p.matchupId);
                    Types.writeU32(out, p.challenge);
                    Types.writeU32(out, p.groupCount);
                    Types.writeU32(out, p.matchId);
                    p.groupIds.forEach(id -> Types.writeU32(out, id));
                });

        public Announce {
            groupIds = List.copyOf(groupIds);
        }

        @Override
        public PacketCodec<Announce> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0504} ABANDON_MATCH (§9.5.7): sent after every match; failed = 1 ends a pending match. */
    public record AbandonMatch(boolean failed) implements LinkPacket {
        public static final PacketCodec<AbandonMatch> CODEC = PacketCodec.fields(0x0504, "NET_SERVER_ABANDON_MATCH",
                Types.BOOL, AbandonMatch::failed,
                AbandonMatch::new);

        @Override
        public PacketCodec<AbandonMatch> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0505} MATCH_STARTED (§9.5.7). */
    public record MatchStarted(long matchupId) implements LinkPacket {
        public static final PacketCodec<MatchStarted> CODEC = PacketCodec.fields(0x0505, "NET_SERVER_MATCH_STARTED",
                Types.U32, MatchStarted::matchupId,
                MatchStarted::new);

        @Override
        public PacketCodec<MatchStarted> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0506} REMIND_PLAYER (§9.5.7): the account has not connected yet. */
    public record RemindPlayer(long accountId) implements LinkPacket {
        public static final PacketCodec<RemindPlayer> CODEC = PacketCodec.fields(0x0506, "NET_SERVER_REMIND_PLAYER",
                Types.U32, RemindPlayer::accountId,
                RemindPlayer::new);

        @Override
        public PacketCodec<RemindPlayer> codec() {
            return CODEC;
        }
    }

    /**
     * {@code 0x0508} NOT_IDLE (§9.5.7): the server cannot take the match. The S2 layout's matchup id is read when
     * present ({@code -1} when not); the challenge and group ids are not used.
     */
    public record NotIdle(long matchupId) implements LinkPacket {
        public static final long NO_ID = -1;
        public static final PacketCodec<NotIdle> CODEC = PacketCodec.custom(0x0508, "NET_SERVER_NOT_IDLE",
                "optional: u32 matchup id, u32 challenge, u32 group count, group ids (only the matchup id is read)",
                in -> {
                    long id = in.remaining() >= 4 ? in.u32() : NO_ID;
                    in.skip(in.remaining());
                    return new NotIdle(id);
                },
                (out, p) -> {
                    if (p.matchupId != NO_ID) {
                        Types.writeU32(out, p.matchupId);
                    }
                });

        @Override
        public PacketCodec<NotIdle> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0509} MATCH_ABORTED (§9.5.7): reason is {@code EMatchAbortedReason}. */
    public record MatchAborted(long matchupId, int reason) implements LinkPacket {
        public static final PacketCodec<MatchAborted> CODEC = PacketCodec.fields(0x0509, "NET_SERVER_MATCH_ABORTED",
                Types.U32, MatchAborted::matchupId,
                Types.U8, MatchAborted::reason,
                MatchAborted::new);

        @Override
        public PacketCodec<MatchAborted> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0515} MATCH_ENDED (§9.5.7). */
    public record MatchEnded(long matchId, int reason, int winningTeam, List<Long> accountIds) implements LinkPacket {
        public static final PacketCodec<MatchEnded> CODEC = PacketCodec.custom(0x0515, "NET_SERVER_MATCH_ENDED",
                "u32 match id, u8 reason, u8 winning team, u8 N, N × u32 account ids",
                in -> {
                    long matchId = in.u32();
                    int reason = in.u8();
                    int winner = in.u8();
                    int n = in.count(in.u8(), 4);
                    List<Long> ids = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ids.add(in.u32());
                    }
                    return new MatchEnded(matchId, reason, winner, ids);
                },
                (out, p) -> {
                    Types.writeU32(out, p.matchId);
                    out.writeByte(p.reason);
                    out.writeByte(p.winningTeam);
                    out.writeByte(p.accountIds.size());
                    p.accountIds.forEach(id -> Types.writeU32(out, id));
                });

        public MatchEnded {
            accountIds = List.copyOf(accountIds);
        }

        @Override
        public PacketCodec<MatchEnded> codec() {
            return CODEC;
        }
    }

    /**
     * Telemetry the chat server accepts and ignores (§9.5.7: {@code 0x0510}-{@code 0x0514}, {@code 0x0516}-
     * {@code 0x0518}); the payload is skipped, whatever its layout.
     */
    public record Telemetry(int commandId) implements LinkPacket {
        static final int[] IDS = {0x0510, 0x0511, 0x0512, 0x0513, 0x0514, 0x0516, 0x0517, 0x0518};
        private static final java.util.Map<Integer, PacketCodec<Telemetry>> CODECS = new java.util.HashMap<>();

        static {
            for (int id : IDS) {
                Telemetry instance = new Telemetry(id);
                CODECS.put(id, PacketCodec.custom(id, String.format("NET_SERVER_TELEMETRY_0x%04X", id),
                        "any payload; skipped", in -> {
                            in.skip(in.remaining());
                            return instance;
                        }, (out, p) -> { }));
            }
        }

        public Telemetry {
            if (java.util.Arrays.stream(IDS).noneMatch(id -> id == commandId)) {
                throw new IllegalArgumentException(String.format("0x%04X is not a telemetry command", commandId));
            }
        }

        @Override
        public PacketCodec<Telemetry> codec() {
            return CODECS.get(commandId);
        }
    }

    /** What a match server sends (§9.5.1: {@code 0x05xx} and the pings); read leniently. */
    public static final PacketRegistry<LinkPacket> FROM_MATCH_SERVER = PacketRegistry.of("match server to chat",
            LinkPacket.class, fromMatchServerCodecs());

    /** What the chat server sends a match server (§9.5.1: only these ids). */
    public static final PacketRegistry<LinkPacket> TO_MATCH_SERVER = PacketRegistry.of("chat to match server",
            LinkPacket.class, List.of(ChatToMatchServer.Accept.CODEC, ChatToMatchServer.Reject.CODEC,
                    ChatToMatchServer.CreateMatch.CODEC, ChatToMatchServer.RemoteCommand.CODEC,
                    ChatToMatchServer.Options.CODEC, LinkPing.CODEC, LinkPong.CODEC));

    private static List<PacketCodec<?>> fromMatchServerCodecs() {
        List<PacketCodec<?>> codecs = new ArrayList<>(List.of(Connect.CODEC, Disconnect.CODEC, Status.CODEC,
                Announce.CODEC, AbandonMatch.CODEC, MatchStarted.CODEC, RemindPlayer.CODEC, NotIdle.CODEC,
                MatchAborted.CODEC, MatchEnded.CODEC));
        for (int id : Telemetry.IDS) {
            codecs.add(new Telemetry(id).codec());
        }
        codecs.add(LinkPing.CODEC);
        codecs.add(LinkPong.CODEC);
        return codecs;
    }
}
