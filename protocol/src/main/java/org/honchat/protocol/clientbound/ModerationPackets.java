package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Channel moderation, server to client (docs/protocol.md §6.1, §6.2 0x30-0x43). */
public final class ModerationPackets {

    private ModerationPackets() {
    }

    /** A member was kicked; 0x06 follows. */
    public record ChannelKick(long channelId, long kickerId, long kickedId) implements ClientboundPacket {
        public static final PacketCodec<ChannelKick> CODEC = PacketCodec.fields(0x0031, "CHAT_CMD_CHANNEL_KICK",
                Types.U32, ChannelKick::channelId,
                Types.U32, ChannelKick::kickerId,
                Types.U32, ChannelKick::kickedId,
                ChannelKick::new);

        @Override
        public PacketCodec<ChannelKick> codec() {
            return CODEC;
        }
    }

    /** An account was banned from the channel. */
    public record ChannelBan(long channelId, long bannerId, String bannedName) implements ClientboundPacket {
        public static final PacketCodec<ChannelBan> CODEC = PacketCodec.fields(0x0032, "CHAT_CMD_CHANNEL_BAN",
                Types.U32, ChannelBan::channelId,
                Types.U32, ChannelBan::bannerId,
                Types.STR, ChannelBan::bannedName,
                ChannelBan::new);

        @Override
        public PacketCodec<ChannelBan> codec() {
            return CODEC;
        }
    }

    /** A ban was lifted. */
    public record ChannelUnban(long channelId, long unbannerId, String unbannedName) implements ClientboundPacket {
        public static final PacketCodec<ChannelUnban> CODEC = PacketCodec.fields(0x0033, "CHAT_CMD_CHANNEL_UNBAN",
                Types.U32, ChannelUnban::channelId,
                Types.U32, ChannelUnban::unbannerId,
                Types.STR, ChannelUnban::unbannedName,
                ChannelUnban::new);

        @Override
        public PacketCodec<ChannelUnban> codec() {
            return CODEC;
        }
    }

    /** A join refused because of a ban. */
    public record ChannelIsBanned(String channelName) implements ClientboundPacket {
        public static final PacketCodec<ChannelIsBanned> CODEC = PacketCodec.fields(0x0034, "CHAT_CMD_CHANNEL_IS_BANNED",
                Types.STR, ChannelIsBanned::channelName,
                ChannelIsBanned::new);

        @Override
        public PacketCodec<ChannelIsBanned> codec() {
            return CODEC;
        }
    }

    /** A silenced member's message was refused. */
    public record ChannelSilenced(long channelId) implements ClientboundPacket {
        public static final PacketCodec<ChannelSilenced> CODEC = PacketCodec.fields(0x0035, "CHAT_CMD_CHANNEL_SILENCED",
                Types.U32, ChannelSilenced::channelId,
                ChannelSilenced::new);

        @Override
        public PacketCodec<ChannelSilenced> codec() {
            return CODEC;
        }
    }

    /** The silence expired. */
    public record ChannelSilenceLifted(String channelName) implements ClientboundPacket {
        public static final PacketCodec<ChannelSilenceLifted> CODEC = PacketCodec.fields(0x0036, "CHAT_CMD_CHANNEL_SILENCE_LIFTED",
                Types.STR, ChannelSilenceLifted::channelName,
                ChannelSilenceLifted::new);

        @Override
        public PacketCodec<ChannelSilenceLifted> codec() {
            return CODEC;
        }
    }

    /** A member was silenced for a duration. */
    public record ChannelSilencePlaced(String channelName, String silencerName, String silencedName,
            long durationMillis) implements ClientboundPacket {
        public static final PacketCodec<ChannelSilencePlaced> CODEC = PacketCodec.fields(0x0037, "CHAT_CMD_CHANNEL_SILENCE_PLACED",
                Types.STR, ChannelSilencePlaced::channelName,
                Types.STR, ChannelSilencePlaced::silencerName,
                Types.STR, ChannelSilencePlaced::silencedName,
                Types.U32, ChannelSilencePlaced::durationMillis,
                ChannelSilencePlaced::new);

        @Override
        public PacketCodec<ChannelSilencePlaced> codec() {
            return CODEC;
        }
    }

    /** A member was promoted (the client adds 1 to its level). */
    public record ChannelPromote(long channelId, long targetId, long promoterId) implements ClientboundPacket {
        public static final PacketCodec<ChannelPromote> CODEC = PacketCodec.fields(0x003A, "CHAT_CMD_CHANNEL_PROMOTE",
                Types.U32, ChannelPromote::channelId,
                Types.U32, ChannelPromote::targetId,
                Types.U32, ChannelPromote::promoterId,
                ChannelPromote::new);

        @Override
        public PacketCodec<ChannelPromote> codec() {
            return CODEC;
        }
    }

    /** A member was demoted (the client subtracts 1). */
    public record ChannelDemote(long channelId, long targetId, long demoterId) implements ClientboundPacket {
        public static final PacketCodec<ChannelDemote> CODEC = PacketCodec.fields(0x003B, "CHAT_CMD_CHANNEL_DEMOTE",
                Types.U32, ChannelDemote::channelId,
                Types.U32, ChannelDemote::targetId,
                Types.U32, ChannelDemote::demoterId,
                ChannelDemote::new);

        @Override
        public PacketCodec<ChannelDemote> codec() {
            return CODEC;
        }
    }

    /** The channel now requires the auth list. */
    public record ChannelAuthEnabled(long channelId) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthEnabled> CODEC = PacketCodec.fields(0x003E, "CHAT_CMD_CHANNEL_SET_AUTH",
                Types.U32, ChannelAuthEnabled::channelId,
                ChannelAuthEnabled::new);

        @Override
        public PacketCodec<ChannelAuthEnabled> codec() {
            return CODEC;
        }
    }

    /** The channel no longer requires the auth list. */
    public record ChannelAuthDisabled(long channelId) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthDisabled> CODEC = PacketCodec.fields(0x003F, "CHAT_CMD_CHANNEL_REMOVE_AUTH",
                Types.U32, ChannelAuthDisabled::channelId,
                ChannelAuthDisabled::new);

        @Override
        public PacketCodec<ChannelAuthDisabled> codec() {
            return CODEC;
        }
    }

    /** To the requester: the name was added (as sent). */
    public record ChannelAuthAdded(long channelId, String name) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthAdded> CODEC = PacketCodec.fields(0x0040, "CHAT_CMD_CHANNEL_ADD_AUTH_USER",
                Types.U32, ChannelAuthAdded::channelId,
                Types.STR, ChannelAuthAdded::name,
                ChannelAuthAdded::new);

        @Override
        public PacketCodec<ChannelAuthAdded> codec() {
            return CODEC;
        }
    }

    /** To the requester: the name was removed (as sent). */
    public record ChannelAuthRemoved(long channelId, String name) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthRemoved> CODEC = PacketCodec.fields(0x0041, "CHAT_CMD_CHANNEL_REMOVE_AUTH_USER",
                Types.U32, ChannelAuthRemoved::channelId,
                Types.STR, ChannelAuthRemoved::name,
                ChannelAuthRemoved::new);

        @Override
        public PacketCodec<ChannelAuthRemoved> codec() {
            return CODEC;
        }
    }

    /** To the requester: the auth list. */
    public record ChannelAuthList(long channelId, List<String> names) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthList> CODEC = PacketCodec.fields(0x0042, "CHAT_CMD_CHANNEL_LIST_AUTH",
                Types.U32, ChannelAuthList::channelId,
                Types.list(Types.STR), ChannelAuthList::names,
                ChannelAuthList::new);

        public ChannelAuthList {
            names = List.copyOf(names);
        }

        @Override
        public PacketCodec<ChannelAuthList> codec() {
            return CODEC;
        }
    }

    /** The password was set or cleared (never sent itself). */
    public record ChannelPasswordChanged(long channelId, String setterName) implements ClientboundPacket {
        public static final PacketCodec<ChannelPasswordChanged> CODEC = PacketCodec.fields(0x0043, "CHAT_CMD_CHANNEL_SET_PASSWORD",
                Types.U32, ChannelPasswordChanged::channelId,
                Types.STR, ChannelPasswordChanged::setterName,
                ChannelPasswordChanged::new);

        @Override
        public PacketCodec<ChannelPasswordChanged> codec() {
            return CODEC;
        }
    }

    /** To the requester: already on the list. */
    public record ChannelAuthAddFailed(long channelId, String name) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthAddFailed> CODEC = PacketCodec.fields(0x0044, "CHAT_CMD_CHANNEL_ADD_AUTH_FAIL",
                Types.U32, ChannelAuthAddFailed::channelId,
                Types.STR, ChannelAuthAddFailed::name,
                ChannelAuthAddFailed::new);

        @Override
        public PacketCodec<ChannelAuthAddFailed> codec() {
            return CODEC;
        }
    }

    /** To the requester: not on the list. */
    public record ChannelAuthRemoveFailed(long channelId, String name) implements ClientboundPacket {
        public static final PacketCodec<ChannelAuthRemoveFailed> CODEC = PacketCodec.fields(0x0045, "CHAT_CMD_CHANNEL_REMOVE_AUTH_FAIL",
                Types.U32, ChannelAuthRemoveFailed::channelId,
                Types.STR, ChannelAuthRemoveFailed::name,
                ChannelAuthRemoveFailed::new);

        @Override
        public PacketCodec<ChannelAuthRemoveFailed> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            ChannelKick.CODEC,
            ChannelBan.CODEC,
            ChannelUnban.CODEC,
            ChannelIsBanned.CODEC,
            ChannelSilenced.CODEC,
            ChannelSilenceLifted.CODEC,
            ChannelSilencePlaced.CODEC,
            ChannelPromote.CODEC,
            ChannelDemote.CODEC,
            ChannelAuthEnabled.CODEC,
            ChannelAuthDisabled.CODEC,
            ChannelAuthAdded.CODEC,
            ChannelAuthRemoved.CODEC,
            ChannelAuthList.CODEC,
            ChannelPasswordChanged.CODEC,
            ChannelAuthAddFailed.CODEC,
            ChannelAuthRemoveFailed.CODEC);
}
