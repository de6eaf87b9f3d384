package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Channel membership and channel messages, server to client (docs/protocol.md §6.1, §6.3, §6.6). */
public final class ChannelPackets {

    private ChannelPackets() {
    }

    /** A member's message, to the other members (never echoed to the sender). */
    public record ChannelMessage(long senderId, long channelId, String message) implements ClientboundPacket {
        public static final PacketCodec<ChannelMessage> CODEC = PacketCodec.fields(0x0003, "CHAT_CMD_CHANNEL_MSG",
                Types.U32, ChannelMessage::senderId,
                Types.U32, ChannelMessage::channelId,
                Types.STR, ChannelMessage::message,
                ChannelMessage::new);

        @Override
        public PacketCodec<ChannelMessage> codec() {
            return CODEC;
        }
    }

    /** To the joiner only: the channel, its admin list and its members (the joiner excluded). */
    public record ChangedChannel(String name, long channelId, ChannelFlags flags, String topic,
            List<AdminEntry> admins, List<MemberRecord> members) implements ClientboundPacket {
        public static final PacketCodec<ChangedChannel> CODEC = PacketCodec.fields(0x0004, "CHAT_CMD_CHANGED_CHANNEL",
                Types.STR, ChangedChannel::name,
                Types.U32, ChangedChannel::channelId,
                ChannelFlags.TYPE, ChangedChannel::flags,
                Types.STR, ChangedChannel::topic,
                Types.list(AdminEntry.TYPE), ChangedChannel::admins,
                Types.list(MemberRecord.TYPE), ChangedChannel::members,
                ChangedChannel::new);

        public ChangedChannel {
            admins = List.copyOf(admins);
            members = List.copyOf(members);
        }

        @Override
        public PacketCodec<ChangedChannel> codec() {
            return CODEC;
        }
    }

    /** To the existing members: who joined. */
    public record JoinedChannel(long channelId, MemberRecord member) implements ClientboundPacket {
        public static final PacketCodec<JoinedChannel> CODEC = PacketCodec.fields(0x0005, "CHAT_CMD_JOINED_CHANNEL",
                Types.U32, JoinedChannel::channelId,
                MemberRecord.TYPE, JoinedChannel::member,
                JoinedChannel::new);

        @Override
        public PacketCodec<JoinedChannel> codec() {
            return CODEC;
        }
    }

    /** Someone left the channel. */
    public record LeftChannel(long accountId, long channelId) implements ClientboundPacket {
        public static final PacketCodec<LeftChannel> CODEC = PacketCodec.fields(0x0006, "CHAT_CMD_LEFT_CHANNEL",
                Types.U32, LeftChannel::accountId,
                Types.U32, LeftChannel::channelId,
                LeftChannel::new);

        @Override
        public PacketCodec<LeftChannel> codec() {
            return CODEC;
        }
    }

    /** A join refused by the 8-channel limit. */
    public record MaxChannels() implements ClientboundPacket {
        public static final MaxChannels INSTANCE = new MaxChannels();
        public static final PacketCodec<MaxChannels> CODEC = PacketCodec.empty(0x0021, "CHAT_CMD_MAX_CHANNELS", INSTANCE);

        @Override
        public PacketCodec<MaxChannels> codec() {
            return CODEC;
        }
    }

    /** The channel and its admin list, when the list changed other than by 0x3A/0x3B. */
    public record ChannelUpdate(long channelId, String name, ChannelFlags flags, String topic,
            List<AdminEntry> admins) implements ClientboundPacket {
        public static final PacketCodec<ChannelUpdate> CODEC = PacketCodec.fields(0x002F, "CHAT_CMD_CHANNEL_UPDATE",
                Types.U32, ChannelUpdate::channelId,
                Types.STR, ChannelUpdate::name,
                ChannelFlags.TYPE, ChannelUpdate::flags,
                Types.STR, ChannelUpdate::topic,
                Types.list(AdminEntry.TYPE), ChannelUpdate::admins,
                ChannelUpdate::new);

        public ChannelUpdate {
            admins = List.copyOf(admins);
        }

        @Override
        public PacketCodec<ChannelUpdate> codec() {
            return CODEC;
        }
    }

    /** The topic changed. */
    public record ChannelTopic(long channelId, String topic) implements ClientboundPacket {
        public static final PacketCodec<ChannelTopic> CODEC = PacketCodec.fields(0x0030, "CHAT_CMD_CHANNEL_TOPIC",
                Types.U32, ChannelTopic::channelId,
                Types.STR, ChannelTopic::topic,
                ChannelTopic::new);

        @Override
        public PacketCodec<ChannelTopic> codec() {
            return CODEC;
        }
    }

    /** The channel needs a password (the client then asks for it). */
    public record JoinChannelPassword(String channelName) implements ClientboundPacket {
        public static final PacketCodec<JoinChannelPassword> CODEC = PacketCodec.fields(0x0046, "CHAT_CMD_JOIN_CHANNEL_PASSWORD",
                Types.STR, JoinChannelPassword::channelName,
                JoinChannelPassword::new);

        @Override
        public PacketCodec<JoinChannelPassword> codec() {
            return CODEC;
        }
    }

    /** §6.6: LEGACY members only; game clients get 0x03 with "[ROLL] ". */
    public record ChatRoll(long senderId, long channelId, String text) implements ClientboundPacket {
        public static final PacketCodec<ChatRoll> CODEC = PacketCodec.fields(0x0064, "CHAT_CMD_CHAT_ROLL",
                Types.U32, ChatRoll::senderId,
                Types.U32, ChatRoll::channelId,
                Types.STR, ChatRoll::text,
                ChatRoll::new);

        @Override
        public PacketCodec<ChatRoll> codec() {
            return CODEC;
        }
    }

    /** §6.6: LEGACY members only; game clients get 0x03 with "[EMOTE] ". */
    public record ChatEmote(long senderId, long channelId, String text) implements ClientboundPacket {
        public static final PacketCodec<ChatEmote> CODEC = PacketCodec.fields(0x0065, "CHAT_CMD_CHAT_EMOTE",
                Types.U32, ChatEmote::senderId,
                Types.U32, ChatEmote::channelId,
                Types.STR, ChatEmote::text,
                ChatEmote::new);

        @Override
        public PacketCodec<ChatEmote> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            ChannelMessage.CODEC,
            ChangedChannel.CODEC,
            JoinedChannel.CODEC,
            LeftChannel.CODEC,
            MaxChannels.CODEC,
            ChannelUpdate.CODEC,
            ChannelTopic.CODEC,
            JoinChannelPassword.CODEC,
            ChatRoll.CODEC,
            ChatEmote.CODEC);
}
