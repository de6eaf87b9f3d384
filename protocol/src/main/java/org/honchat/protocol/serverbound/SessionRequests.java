package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.types.ChatBroadcastType;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Keep-alive and tolerated commands, client to server (docs/protocol.md §3.8, §3.9, §6.2). 0x0C00 is {@link ClientConnect}. */
public final class SessionRequests {

    private SessionRequests() {
    }

    /** Answered with 0x2A01 except on GAME CLIENT sessions (§3.9). */
    public record PingRequest() implements ServerboundPacket {
        public static final PingRequest INSTANCE = new PingRequest();
        public static final PacketCodec<PingRequest> CODEC = PacketCodec.empty(0x2A00, "NET_CHAT_PING", INSTANCE);

        @Override
        public PacketCodec<PingRequest> codec() {
            return CODEC;
        }
    }

    /** Activity only. */
    public record PongReply() implements ServerboundPacket {
        public static final PongReply INSTANCE = new PongReply();
        public static final PacketCodec<PongReply> CODEC = PacketCodec.empty(0x2A01, "NET_CHAT_PONG", INSTANCE);

        @Override
        public PacketCodec<PongReply> codec() {
            return CODEC;
        }
    }

    /** Accepted and ignored (daily-login tracking, §3.8). */
    public record TrackPlayerAction(int action) implements ServerboundPacket {
        public static final PacketCodec<TrackPlayerAction> CODEC = PacketCodec.fields(0x00B9, "CHAT_CMD_TRACK_PLAYER_ACTION",
                Types.U8, TrackPlayerAction::action,
                TrackPlayerAction::new);

        @Override
        public PacketCodec<TrackPlayerAction> codec() {
            return CODEC;
        }
    }

    /** Accepted and ignored in this phase. */
    public record RefreshUpgrades() implements ServerboundPacket {
        public static final RefreshUpgrades INSTANCE = new RefreshUpgrades();
        public static final PacketCodec<RefreshUpgrades> CODEC = PacketCodec.empty(0x0C09, "NET_CHAT_CL_REFRESH_UPGRADES", INSTANCE);

        @Override
        public PacketCodec<RefreshUpgrades> codec() {
            return CODEC;
        }
    }

    /** Accepted and ignored in this phase (§9.3 gives the reply layout). */
    public record CampaignStatsRequest() implements ServerboundPacket {
        public static final CampaignStatsRequest INSTANCE = new CampaignStatsRequest();
        public static final PacketCodec<CampaignStatsRequest> CODEC = PacketCodec.empty(0x0F07, "NET_CHAT_CL_TMM_CAMPAIGN_STATS", INSTANCE);

        @Override
        public PacketCodec<CampaignStatsRequest> codec() {
            return CODEC;
        }
    }

    /** Staff only: type 0 broadcasts the message; type 1 is ignored in this phase. */
    public record BroadcastMessage(ChatBroadcastType type, long value, String message) implements ServerboundPacket {
        public static final PacketCodec<BroadcastMessage> CODEC = PacketCodec.fields(0x0039, "CHAT_CMD_MESSAGE_ALL",
                ChatBroadcastType.TYPE, BroadcastMessage::type,
                Types.U32, BroadcastMessage::value,
                Types.STR, BroadcastMessage::message,
                BroadcastMessage::new);

        @Override
        public PacketCodec<BroadcastMessage> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            PingRequest.CODEC,
            PongReply.CODEC,
            TrackPlayerAction.CODEC,
            RefreshUpgrades.CODEC,
            CampaignStatsRequest.CODEC,
            BroadcastMessage.CODEC);
}
