package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * The queue path, client to server (docs/protocol.md §9.2): joining and leaving the queue, loading percents, option
 * changes, the popularity request and the pending-match acceptance. The season-stats request is
 * {@link SessionRequests.CampaignStatsRequest}; readiness is {@link GroupRequests.GroupReady}.
 */
public final class QueueRequests {

    private QueueRequests() {
    }

    /** {@code 0x0D01}: the leader asks to enter the queue (the 4.10 UI never sends it; entry is automatic). */
    public record JoinQueue() implements ServerboundPacket {
        public static final JoinQueue INSTANCE = new JoinQueue();
        public static final PacketCodec<JoinQueue> CODEC = PacketCodec.empty(0x0D01,
                "NET_CHAT_CL_TMM_GROUP_JOIN_QUEUE", INSTANCE);

        @Override
        public PacketCodec<JoinQueue> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0D02}: leave the queue (or loading); any member may send it. */
    public record LeaveQueue() implements ServerboundPacket {
        public static final LeaveQueue INSTANCE = new LeaveQueue();
        public static final PacketCodec<LeaveQueue> CODEC = PacketCodec.empty(0x0D02,
                "NET_CHAT_CL_TMM_GROUP_LEAVE_QUEUE", INSTANCE);

        @Override
        public PacketCodec<LeaveQueue> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0D04}: how far the map preload is, in percent (above 100 counts as 100). */
    public record LoadingStatus(int percent) implements ServerboundPacket {
        public static final PacketCodec<LoadingStatus> CODEC = PacketCodec.fields(0x0D04,
                "NET_CHAT_CL_TMM_GROUP_PLAYER_LOADING_STATUS",
                Types.U8, LoadingStatus::percent,
                LoadingStatus::new);

        @Override
        public PacketCodec<LoadingStatus> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0D07}: a GAME CLIENT asks for the popularity list again (after a refusal with reason 3). */
    public record PopularityRequest() implements ServerboundPacket {
        public static final PopularityRequest INSTANCE = new PopularityRequest();
        public static final PacketCodec<PopularityRequest> CODEC = PacketCodec.empty(0x0D07,
                "NET_CHAT_CL_TMM_POPULARITY_UPDATE", INSTANCE);

        @Override
        public PacketCodec<PopularityRequest> codec() {
            return CODEC;
        }
    }

    /**
     * {@code 0x0D08}: the leader changes the group's options; game type 99 means only the match fidelity changed.
     */
    public record GameOptionUpdate(int gameType, String map, String modes, String regions, int ranked,
            int matchFidelity, int botDifficulty, int randomizeBots) implements ServerboundPacket {
        public static final PacketCodec<GameOptionUpdate> CODEC = PacketCodec.fields(0x0D08,
                "NET_CHAT_CL_TMM_GAME_OPTION_UPDATE",
                Types.U8, GameOptionUpdate::gameType,
                Types.STR, GameOptionUpdate::map,
                Types.STR, GameOptionUpdate::modes,
                Types.STR, GameOptionUpdate::regions,
                Types.U8, GameOptionUpdate::ranked,
                Types.U8, GameOptionUpdate::matchFidelity,
                Types.U8, GameOptionUpdate::botDifficulty,
                Types.U8, GameOptionUpdate::randomizeBots,
                GameOptionUpdate::new);

        /** §9.2: the game type that means "only the match fidelity changed". */
        public static final int FIDELITY_ONLY = 99;

        @Override
        public PacketCodec<GameOptionUpdate> codec() {
            return CODEC;
        }
    }

    /** {@code 0x0F05}: accept a pending match; this phase has no pending-match step (§9.2). */
    public record AcceptPendingMatch() implements ServerboundPacket {
        public static final AcceptPendingMatch INSTANCE = new AcceptPendingMatch();
        public static final PacketCodec<AcceptPendingMatch> CODEC = PacketCodec.empty(0x0F05,
                "NET_CHAT_CL_TMM_ACCEPT_PENDING_MATCH", INSTANCE);

        @Override
        public PacketCodec<AcceptPendingMatch> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            JoinQueue.CODEC,
            LeaveQueue.CODEC,
            LoadingStatus.CODEC,
            PopularityRequest.CODEC,
            GameOptionUpdate.CODEC,
            AcceptPendingMatch.CODEC);
}
