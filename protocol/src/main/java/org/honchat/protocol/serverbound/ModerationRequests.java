package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Channel moderation, client to server (docs/protocol.md §6.2 0x30-0x43). */
public final class ModerationRequests {

    private ModerationRequests() {
    }

    /** Set the topic (officer and up). */
    public record SetChannelTopic(long channelId, String topic) implements ServerboundPacket {
        public static final PacketCodec<SetChannelTopic> CODEC = PacketCodec.fields(0x0030, "CHAT_CMD_CHANNEL_TOPIC",
                Types.U32, SetChannelTopic::channelId,
                Types.STR, SetChannelTopic::topic,
                SetChannelTopic::new);

        @Override
        public PacketCodec<SetChannelTopic> codec() {
            return CODEC;
        }
    }

    /** Kick a member. */
    public record KickFromChannel(long channelId, long targetId) implements ServerboundPacket {
        public static final PacketCodec<KickFromChannel> CODEC = PacketCodec.fields(0x0031, "CHAT_CMD_CHANNEL_KICK",
                Types.U32, KickFromChannel::channelId,
                Types.U32, KickFromChannel::targetId,
                KickFromChannel::new);

        @Override
        public PacketCodec<KickFromChannel> codec() {
            return CODEC;
        }
    }

    /** Ban an online account by name. */
    public record BanFromChannel(long channelId, String targetName) implements ServerboundPacket {
        public static final PacketCodec<BanFromChannel> CODEC = PacketCodec.fields(0x0032, "CHAT_CMD_CHANNEL_BAN",
                Types.U32, BanFromChannel::channelId,
                Types.STR, BanFromChannel::targetName,
                BanFromChannel::new);

        @Override
        public PacketCodec<BanFromChannel> codec() {
            return CODEC;
        }
    }

    /** Lift a ban by name. */
    public record UnbanFromChannel(long channelId, String targetName) implements ServerboundPacket {
        public static final PacketCodec<UnbanFromChannel> CODEC = PacketCodec.fields(0x0033, "CHAT_CMD_CHANNEL_UNBAN",
                Types.U32, UnbanFromChannel::channelId,
                Types.STR, UnbanFromChannel::targetName,
                UnbanFromChannel::new);

        @Override
        public PacketCodec<UnbanFromChannel> codec() {
            return CODEC;
        }
    }

    /** Silence an account for a duration (0 lifts it). */
    public record SilenceInChannel(long channelId, String targetName, long durationMillis) implements ServerboundPacket {
        public static final PacketCodec<SilenceInChannel> CODEC = PacketCodec.fields(0x0038, "CHAT_CMD_CHANNEL_SILENCE_USER",
                Types.U32, SilenceInChannel::channelId,
                Types.STR, SilenceInChannel::targetName,
                Types.U32, SilenceInChannel::durationMillis,
                SilenceInChannel::new);

        @Override
        public PacketCodec<SilenceInChannel> codec() {
            return CODEC;
        }
    }

    /** Raise a member's admin level by one. */
    public record PromoteInChannel(long channelId, long targetId) implements ServerboundPacket {
        public static final PacketCodec<PromoteInChannel> CODEC = PacketCodec.fields(0x003A, "CHAT_CMD_CHANNEL_PROMOTE",
                Types.U32, PromoteInChannel::channelId,
                Types.U32, PromoteInChannel::targetId,
                PromoteInChannel::new);

        @Override
        public PacketCodec<PromoteInChannel> codec() {
            return CODEC;
        }
    }

    /** Lower a member's admin level by one. */
    public record DemoteInChannel(long channelId, long targetId) implements ServerboundPacket {
        public static final PacketCodec<DemoteInChannel> CODEC = PacketCodec.fields(0x003B, "CHAT_CMD_CHANNEL_DEMOTE",
                Types.U32, DemoteInChannel::channelId,
                Types.U32, DemoteInChannel::targetId,
                DemoteInChannel::new);

        @Override
        public PacketCodec<DemoteInChannel> codec() {
            return CODEC;
        }
    }

    /** Require the auth list to join. */
    public record EnableChannelAuth(long channelId) implements ServerboundPacket {
        public static final PacketCodec<EnableChannelAuth> CODEC = PacketCodec.fields(0x003E, "CHAT_CMD_CHANNEL_SET_AUTH",
                Types.U32, EnableChannelAuth::channelId,
                EnableChannelAuth::new);

        @Override
        public PacketCodec<EnableChannelAuth> codec() {
            return CODEC;
        }
    }

    /** Stop requiring the auth list. */
    public record DisableChannelAuth(long channelId) implements ServerboundPacket {
        public static final PacketCodec<DisableChannelAuth> CODEC = PacketCodec.fields(0x003F, "CHAT_CMD_CHANNEL_REMOVE_AUTH",
                Types.U32, DisableChannelAuth::channelId,
                DisableChannelAuth::new);

        @Override
        public PacketCodec<DisableChannelAuth> codec() {
            return CODEC;
        }
    }

    /** Add a name to the auth list. */
    public record AddChannelAuthUser(long channelId, String name) implements ServerboundPacket {
        public static final PacketCodec<AddChannelAuthUser> CODEC = PacketCodec.fields(0x0040, "CHAT_CMD_CHANNEL_ADD_AUTH_USER",
                Types.U32, AddChannelAuthUser::channelId,
                Types.STR, AddChannelAuthUser::name,
                AddChannelAuthUser::new);

        @Override
        public PacketCodec<AddChannelAuthUser> codec() {
            return CODEC;
        }
    }

    /** Remove a name from the auth list. */
    public record RemoveChannelAuthUser(long channelId, String name) implements ServerboundPacket {
        public static final PacketCodec<RemoveChannelAuthUser> CODEC = PacketCodec.fields(0x0041, "CHAT_CMD_CHANNEL_REMOVE_AUTH_USER",
                Types.U32, RemoveChannelAuthUser::channelId,
                Types.STR, RemoveChannelAuthUser::name,
                RemoveChannelAuthUser::new);

        @Override
        public PacketCodec<RemoveChannelAuthUser> codec() {
            return CODEC;
        }
    }

    /** Ask for the auth list. */
    public record ListChannelAuth(long channelId) implements ServerboundPacket {
        public static final PacketCodec<ListChannelAuth> CODEC = PacketCodec.fields(0x0042, "CHAT_CMD_CHANNEL_LIST_AUTH",
                Types.U32, ListChannelAuth::channelId,
                ListChannelAuth::new);

        @Override
        public PacketCodec<ListChannelAuth> codec() {
            return CODEC;
        }
    }

    /** Set the password ("" clears it). */
    public record SetChannelPassword(long channelId, String password) implements ServerboundPacket {
        public static final PacketCodec<SetChannelPassword> CODEC = PacketCodec.fields(0x0043, "CHAT_CMD_CHANNEL_SET_PASSWORD",
                Types.U32, SetChannelPassword::channelId,
                Types.STR, SetChannelPassword::password,
                SetChannelPassword::new);

        @Override
        public PacketCodec<SetChannelPassword> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            SetChannelTopic.CODEC,
            KickFromChannel.CODEC,
            BanFromChannel.CODEC,
            UnbanFromChannel.CODEC,
            SilenceInChannel.CODEC,
            PromoteInChannel.CODEC,
            DemoteInChannel.CODEC,
            EnableChannelAuth.CODEC,
            DisableChannelAuth.CODEC,
            AddChannelAuthUser.CODEC,
            RemoveChannelAuthUser.CODEC,
            ListChannelAuth.CODEC,
            SetChannelPassword.CODEC);
}
