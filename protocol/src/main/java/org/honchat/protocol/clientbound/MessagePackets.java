package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Private messages and chat modes, server to client (docs/protocol.md §6.1, §6.4). */
public final class MessagePackets {

    private MessagePackets() {
    }

    /** A whisper to its target. */
    public record Whisper(String senderName, String message) implements ClientboundPacket {
        public static final PacketCodec<Whisper> CODEC = PacketCodec.fields(0x0008, "CHAT_CMD_WHISPER",
                Types.STR, Whisper::senderName,
                Types.STR, Whisper::message,
                Whisper::new);

        @Override
        public PacketCodec<Whisper> codec() {
            return CODEC;
        }
    }

    /** To the whisperer: target offline, invisible or DND (name as sent). */
    public record WhisperFailed(String targetName, String message) implements ClientboundPacket {
        public static final PacketCodec<WhisperFailed> CODEC = PacketCodec.fields(0x0009, "CHAT_CMD_WHISPER_FAILED",
                Types.STR, WhisperFailed::targetName,
                Types.STR, WhisperFailed::message,
                WhisperFailed::new);

        @Override
        public PacketCodec<WhisperFailed> codec() {
            return CODEC;
        }
    }

    /** A clan message, to the other online clan members. */
    public record ClanWhisper(long senderId, String message) implements ClientboundPacket {
        public static final PacketCodec<ClanWhisper> CODEC = PacketCodec.fields(0x0013, "CHAT_CMD_CLAN_WHISPER",
                Types.U32, ClanWhisper::senderId,
                Types.STR, ClanWhisper::message,
                ClanWhisper::new);

        @Override
        public PacketCodec<ClanWhisper> codec() {
            return CODEC;
        }
    }

    /** The sender of 0x13 has no clan. */
    public record ClanWhisperFailed() implements ClientboundPacket {
        public static final ClanWhisperFailed INSTANCE = new ClanWhisperFailed();
        public static final PacketCodec<ClanWhisperFailed> CODEC = PacketCodec.empty(0x0014, "CHAT_CMD_CLAN_WHISPER_FAILED", INSTANCE);

        @Override
        public PacketCodec<ClanWhisperFailed> codec() {
            return CODEC;
        }
    }

    /** To the IM sender: target offline or invisible (name as sent). */
    public record ImFailed(String targetName) implements ClientboundPacket {
        public static final PacketCodec<ImFailed> CODEC = PacketCodec.fields(0x001D, "CHAT_CMD_IM_FAILED",
                Types.STR, ImFailed::targetName,
                ImFailed::new);

        @Override
        public PacketCodec<ImFailed> codec() {
            return CODEC;
        }
    }

    /** A message to all of the sender's buddies. */
    public record WhisperBuddies(String senderName, String message) implements ClientboundPacket {
        public static final PacketCodec<WhisperBuddies> CODEC = PacketCodec.fields(0x0020, "CHAT_CMD_WHISPER_BUDDIES",
                Types.STR, WhisperBuddies::senderName,
                Types.STR, WhisperBuddies::message,
                WhisperBuddies::new);

        @Override
        public PacketCodec<WhisperBuddies> codec() {
            return CODEC;
        }
    }

    /** Echo of an accepted 0x66. */
    public record ChatModeChanged(ChatMode mode, String reason) implements ClientboundPacket {
        public static final PacketCodec<ChatModeChanged> CODEC = PacketCodec.fields(0x0066, "CHAT_CMD_SET_CHAT_MODE_TYPE",
                ChatMode.TYPE, ChatModeChanged::mode,
                Types.STR, ChatModeChanged::reason,
                ChatModeChanged::new);

        @Override
        public PacketCodec<ChatModeChanged> codec() {
            return CODEC;
        }
    }

    /** To a whisperer or clan inviter: the target is AFK or DND. */
    public record ChatModeAutoResponse(ChatMode mode, String targetName, String reason) implements ClientboundPacket {
        public static final PacketCodec<ChatModeAutoResponse> CODEC = PacketCodec.fields(0x0067, "CHAT_CMD_CHAT_MODE_AUTO_RESPONSE",
                ChatMode.TYPE, ChatModeAutoResponse::mode,
                Types.STR, ChatModeAutoResponse::targetName,
                Types.STR, ChatModeAutoResponse::reason,
                ChatModeAutoResponse::new);

        @Override
        public PacketCodec<ChatModeAutoResponse> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            Whisper.CODEC,
            WhisperFailed.CODEC,
            ClanWhisper.CODEC,
            ClanWhisperFailed.CODEC,
            ImFailed.CODEC,
            WhisperBuddies.CODEC,
            ChatModeChanged.CODEC,
            ChatModeAutoResponse.CODEC);
}
