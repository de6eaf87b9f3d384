package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Channels, client to server (docs/protocol.md §6.2, §6.3, §6.6, §6.10). */
public final class ChannelRequests {

    private ChannelRequests() {
    }

    /** A message to a channel the sender is in (text first, then the channel id). */
    public record SendChannelMessage(String message, long channelId) implements ServerboundPacket {
        public static final PacketCodec<SendChannelMessage> CODEC = PacketCodec.fields(0x0003, "CHAT_CMD_CHANNEL_MSG",
                Types.STR, SendChannelMessage::message,
                Types.U32, SendChannelMessage::channelId,
                SendChannelMessage::new);

        @Override
        public PacketCodec<SendChannelMessage> codec() {
            return CODEC;
        }
    }

    /** Join (or create) a channel by name (§6.3 join algorithm). */
    public record JoinChannel(String name) implements ServerboundPacket {
        public static final PacketCodec<JoinChannel> CODEC = PacketCodec.fields(0x001E, "CHAT_CMD_JOIN_CHANNEL",
                Types.STR, JoinChannel::name,
                JoinChannel::new);

        @Override
        public PacketCodec<JoinChannel> codec() {
            return CODEC;
        }
    }

    /** Leave a channel by name. */
    public record LeaveChannel(String name) implements ServerboundPacket {
        public static final PacketCodec<LeaveChannel> CODEC = PacketCodec.fields(0x0022, "CHAT_CMD_LEAVE_CHANNEL",
                Types.STR, LeaveChannel::name,
                LeaveChannel::new);

        @Override
        public PacketCodec<LeaveChannel> codec() {
            return CODEC;
        }
    }

    /** Join with a password (compared case-insensitively). */
    public record JoinChannelWithPassword(String name, String password) implements ServerboundPacket {
        public static final PacketCodec<JoinChannelWithPassword> CODEC = PacketCodec.fields(0x0046, "CHAT_CMD_JOIN_CHANNEL_PASSWORD",
                Types.STR, JoinChannelWithPassword::name,
                Types.STR, JoinChannelWithPassword::password,
                JoinChannelWithPassword::new);

        @Override
        public PacketCodec<JoinChannelWithPassword> codec() {
            return CODEC;
        }
    }

    /** Client-composed roll text to a channel (§6.6). */
    public record SendRoll(String text, long channelId) implements ServerboundPacket {
        public static final PacketCodec<SendRoll> CODEC = PacketCodec.fields(0x0064, "CHAT_CMD_CHAT_ROLL",
                Types.STR, SendRoll::text,
                Types.U32, SendRoll::channelId,
                SendRoll::new);

        @Override
        public PacketCodec<SendRoll> codec() {
            return CODEC;
        }
    }

    /** Client-composed emote text to a channel (§6.6). */
    public record SendEmote(String text, long channelId) implements ServerboundPacket {
        public static final PacketCodec<SendEmote> CODEC = PacketCodec.fields(0x0065, "CHAT_CMD_CHAT_EMOTE",
                Types.STR, SendEmote::text,
                Types.U32, SendEmote::channelId,
                SendEmote::new);

        @Override
        public PacketCodec<SendEmote> codec() {
            return CODEC;
        }
    }

    /** Start (or restart) a full channel listing. */
    public record GetChannelList() implements ServerboundPacket {
        public static final GetChannelList INSTANCE = new GetChannelList();
        public static final PacketCodec<GetChannelList> CODEC = PacketCodec.empty(0x0C01, "NET_CHAT_CL_GET_CHANNEL_LIST", INSTANCE);

        @Override
        public PacketCodec<GetChannelList> codec() {
            return CODEC;
        }
    }

    /** Ask for the next batch of the listing. */
    public record ChannelListAck() implements ServerboundPacket {
        public static final ChannelListAck INSTANCE = new ChannelListAck();
        public static final PacketCodec<ChannelListAck> CODEC = PacketCodec.empty(0x0C02, "NET_CHAT_CL_CHANNEL_LIST_ACK", INSTANCE);

        @Override
        public PacketCodec<ChannelListAck> codec() {
            return CODEC;
        }
    }

    /** List the channels whose name starts with a prefix. */
    public record GetChannelSublist(int sequence, String prefix) implements ServerboundPacket {
        public static final PacketCodec<GetChannelSublist> CODEC = PacketCodec.fields(0x0C03, "NET_CHAT_CL_GET_CHANNEL_SUBLIST",
                Types.U8, GetChannelSublist::sequence,
                Types.STR, GetChannelSublist::prefix,
                GetChannelSublist::new);

        @Override
        public PacketCodec<GetChannelSublist> codec() {
            return CODEC;
        }
    }

    /** Ask for the next sub-list batch. */
    public record ChannelSublistAck(int sequence) implements ServerboundPacket {
        public static final PacketCodec<ChannelSublistAck> CODEC = PacketCodec.fields(0x0C04, "NET_CHAT_CL_CHANNEL_SUBLIST_ACK",
                Types.U8, ChannelSublistAck::sequence,
                ChannelSublistAck::new);

        @Override
        public PacketCodec<ChannelSublistAck> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            SendChannelMessage.CODEC,
            JoinChannel.CODEC,
            LeaveChannel.CODEC,
            JoinChannelWithPassword.CODEC,
            SendRoll.CODEC,
            SendEmote.CODEC,
            GetChannelList.CODEC,
            ChannelListAck.CODEC,
            GetChannelSublist.CODEC,
            ChannelSublistAck.CODEC);
}
