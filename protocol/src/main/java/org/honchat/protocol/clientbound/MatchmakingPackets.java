package org.honchat.protocol.clientbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * The queue path, server to client (docs/protocol.md §9.3): readiness, loading, queue entry and exit, match found, where
 * to connect, and the two lists the client needs before it enables matchmaking ({@code 0x0D07}, {@code 0x0F07}).
 * Layouts are what the protocol-68 client parses; nothing may be added or left out (§2.1).
 */
public final class MatchmakingPackets {

    private MatchmakingPackets() {
    }

    /** {@code 0x0F02}: the leader readied while this member is not ready (§9.2 {@code 0x0D05} rule 2). */
    public record RequestReadyUp() implements ClientboundPacket {
        public static final RequestReadyUp INSTANCE = new RequestReadyUp();
        public static final PacketCodec<RequestReadyUp> CODEC = PacketCodec.empty(0x0F02,
                "NET_CHAT_CL_TMM_REQUEST_READY_UP", INSTANCE);

        @Override
        public PacketCodec<RequestReadyUp> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0F03}: every member is ready; preload the map. Always its own frame. */
    public record StartLoading() implements ClientboundPacket {
        public static final StartLoading INSTANCE = new StartLoading();
        public static final PacketCodec<StartLoading> CODEC = PacketCodec.empty(0x0F03,
                "NET_CHAT_CL_TMM_START_LOADING", INSTANCE);

        @Override
        public PacketCodec<StartLoading> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0D01}: the group entered the queue (§9.4.1); the client starts its timer. */
    public record JoinedQueue() implements ClientboundPacket {
        public static final JoinedQueue INSTANCE = new JoinedQueue();
        public static final PacketCodec<JoinedQueue> CODEC = PacketCodec.empty(0x0D01,
                "NET_CHAT_CL_TMM_GROUP_JOIN_QUEUE", INSTANCE);

        @Override
        public PacketCodec<JoinedQueue> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0D02}: the group left the queue, or a match was found; the client stops its timer. */
    public record LeftQueue() implements ClientboundPacket {
        public static final LeftQueue INSTANCE = new LeftQueue();
        public static final PacketCodec<LeftQueue> CODEC = PacketCodec.empty(0x0D02,
                "NET_CHAT_CL_TMM_GROUP_LEAVE_QUEUE", INSTANCE);

        @Override
        public PacketCodec<LeftQueue> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0E0C}: queue entry with a requeue credit (§9.4.6); the timer resumes at the old wait. */
    public record RejoinQueue(long secondsWaited) implements ClientboundPacket {
        public static final PacketCodec<RejoinQueue> CODEC = PacketCodec.fields(0x0E0C,
                "NET_CHAT_CL_TMM_GROUP_REJOIN_QUEUE",
                Types.U32, RejoinQueue::secondsWaited,
                RejoinQueue::new);

        @Override
        public PacketCodec<RejoinQueue> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0D09}: match found (§9.4.3). The team size is one byte, although S2's notes say u32. */
    public record MatchFound(String map, int teamSize, int gameType, String mode, String region, String extraInfo)
            implements ClientboundPacket {
        public static final PacketCodec<MatchFound> CODEC = PacketCodec.fields(0x0D09,
                "NET_CHAT_CL_TMM_MATCH_FOUND_UPDATE",
                Types.STR, MatchFound::map,
                Types.U8, MatchFound::teamSize,
                Types.U8, MatchFound::gameType,
                Types.STR, MatchFound::mode,
                Types.STR, MatchFound::region,
                Types.STR, MatchFound::extraInfo,
                MatchFound::new);

        @Override
        public PacketCodec<MatchFound> codec() {
            return CODEC;
        }
    }

    /**
     * {@code 0x0062}: where to connect for an announced match (§9.5.6); nonce {@value Types#U32_NONE} marks a
     * reminder ({@code 0x0506}). Always its own frame.
     */
    public record AutoMatchConnect(int arrangedMatchType, long matchId, String address, int port, long nonce)
            implements ClientboundPacket {
        public static final PacketCodec<AutoMatchConnect> CODEC = PacketCodec.fields(0x0062,
                "CHAT_CMD_AUTO_MATCH_CONNECT",
                Types.U8, AutoMatchConnect::arrangedMatchType,
                Types.U32, AutoMatchConnect::matchId,
                Types.STR, AutoMatchConnect::address,
                Types.U16, AutoMatchConnect::port,
                Types.U32, AutoMatchConnect::nonce,
                AutoMatchConnect::new);

        public boolean isReminder() {
            return nonce == Types.U32_NONE;
        }

        @Override
        public PacketCodec<AutoMatchConnect> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0069}: the match failed before its announce (§9.4.5). No nonce. Always its own frame. */
    public record ServerNotIdle(int arrangedMatchType, long matchupId, String address, int port)
            implements ClientboundPacket {
        public static final PacketCodec<ServerNotIdle> CODEC = PacketCodec.fields(0x0069,
                "CHAT_CMD_SERVER_NOT_IDLE",
                Types.U8, ServerNotIdle::arrangedMatchType,
                Types.U32, ServerNotIdle::matchupId,
                Types.STR, ServerNotIdle::address,
                Types.U16, ServerNotIdle::port,
                ServerNotIdle::new);

        @Override
        public PacketCodec<ServerNotIdle> codec() {
            return CODEC;
        }
    }

    /**
     * {@code 0x0D07} TMM_POPULARITY_UPDATE (§9.3): whether matchmaking is on, the configured lists, the legend that
     * names each listed map, mode and region with its id, and {@code 2·m·t·(2 + d + r)} popularity bytes. The client
     * reads the final u32 only if the frame has bytes left, so this command is always alone in its frame.
     */
    public record PopularityUpdate(boolean enabled, String maps, String gameTypes, String modes, String regions,
            String disabledModesByGameType, String disabledModesByRankType, String disabledModesByMap,
            String restrictedRegions, String countryCode, String legend, List<Integer> popularity,
            long rotationEndSeconds) implements ClientboundPacket {

        public static final PacketCodec<PopularityUpdate> CODEC = PacketCodec.custom(0x0D07,
                "NET_CHAT_CL_TMM_POPULARITY_UPDATE",
            "bool enabled, str maps, str game types, str modes, str regions, 4 × str (disabled modes by game type, by rank type, by map; restricted regions), str country code, str legend, 2·m·t·(2 + d + r) × u8 popularity, u32 rotation end", PopularityUpdate::read, (out, p) -> {
                    out.writeByte(p.enabled ? 1 : 0);
                    for (String text : List.of(p.maps, p.gameTypes, p.modes, p.regions, p.disabledModesByGameType,
                            p.disabledModesByRankType, p.disabledModesByMap, p.restrictedRegions, p.countryCode,
                            p.legend)) {
                        Types.writeStr(out, text);
                    }
                    for (int value : p.popularity) {
                        out.writeByte(value);
                    }
                    Types.writeU32(out, p.rotationEndSeconds);
                });

        public PopularityUpdate {
            popularity = List.copyOf(popularity);
            int expected = byteCount(maps, gameTypes, modes, regions);
            if (popularity.size() != expected) {
                throw new IllegalArgumentException("popularity needs " + expected + " bytes for these lists, got "
                        + popularity.size());
            }
            for (int value : popularity) {
                Types.checkU8(value, "popularity");
            }
            Types.checkU32(rotationEndSeconds, "rotationEndSeconds");
        }

        /** §9.3 rule 4: two bytes per map and game type, for the map and type blocks and each mode and region. */
        public static int byteCount(String maps, String gameTypes, String modes, String regions) {
            return 2 * items(maps) * items(gameTypes) * (2 + items(modes) + items(regions));
        }

        private static int items(String list) {
            return list.isEmpty() ? 0 : list.split("\\|", -1).length;
        }

        private static PopularityUpdate read(PayloadReader in) throws ProtocolDecodeException {
            boolean enabled = in.bool();
            List<String> texts = new ArrayList<>(10);
            for (int i = 0; i < 10; i++) {
                texts.add(in.str());
            }
            int count = byteCount(texts.get(0), texts.get(1), texts.get(2), texts.get(3));
            List<Integer> popularity = new ArrayList<>(in.count(count, 1));
            for (int i = 0; i < count; i++) {
                popularity.add(in.u8());
            }
            long rotationEnd = in.u32();
            return new PopularityUpdate(enabled, texts.get(0), texts.get(1), texts.get(2), texts.get(3), texts.get(4),
                    texts.get(5), texts.get(6), texts.get(7), texts.get(8), texts.get(9), popularity, rotationEnd);
        }

        @Override
        public PacketCodec<PopularityUpdate> codec() {
            return CODEC;
        }
    }

    /** One half of {@code 0x0F07}: the normal or the casual season record. */
    public record SeasonRecord(float rating, long rankLevel, long wins, long losses, long winStreak, long ranking,
            long placementMatches, String placementDetail) {

        public SeasonRecord {
            Objects.requireNonNull(placementDetail, "placementDetail");
        }

        /** A record with no games: this phase keeps no ratings (§9.3). */
        public static SeasonRecord unplayed(float rating) {
            return new SeasonRecord(rating, 0, 0, 0, 0, 0, 0, "");
        }

        static SeasonRecord read(PayloadReader in) throws ProtocolDecodeException {
            float rating = Float.intBitsToFloat((int) in.u32());
            return new SeasonRecord(rating, in.u32(), in.u32(), in.u32(), in.u32(), in.u32(), in.u32(), in.str());
        }

        void write(io.netty.buffer.ByteBuf out) {
            out.writeIntLE(Float.floatToRawIntBits(rating));
            for (long value : new long[] {rankLevel, wins, losses, winStreak, ranking, placementMatches}) {
                Types.writeU32(out, value);
            }
            Types.writeStr(out, placementDetail);
        }
    }

    /** {@code 0x0F07} TMM_CAMPAIGN_STATS (§9.3): the normal and casual season records, eligibility, season state. */
    public record CampaignStats(SeasonRecord normal, SeasonRecord casual, boolean eligible, boolean seasonActive)
            implements ClientboundPacket {
        public static final PacketCodec<CampaignStats> CODEC = PacketCodec.custom(0x0F07,
                "NET_CHAT_CL_TMM_CAMPAIGN_STATS",
            "2 × {f32 rating, u32 rank level, u32 wins, u32 losses, u32 win streak, u32 ranking, u32 placement "
                    + "matches, str placement detail} (normal, casual), bool eligible, bool season active",
                in -> new CampaignStats(SeasonRecord.read(in), SeasonRecord.read(in), in.bool(), in.bool()),
                (out, p) -> {
                    p.normal.write(out);
                    p.casual.write(out);
                    out.writeByte(p.eligible ? 1 : 0);
                    out.writeByte(p.seasonActive ? 1 : 0);
                });

        @Override
        public PacketCodec<CampaignStats> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            RequestReadyUp.CODEC,
            StartLoading.CODEC,
            JoinedQueue.CODEC,
            LeftQueue.CODEC,
            RejoinQueue.CODEC,
            MatchFound.CODEC,
            AutoMatchConnect.CODEC,
            ServerNotIdle.CODEC,
            PopularityUpdate.CODEC,
            CampaignStats.CODEC);
}
