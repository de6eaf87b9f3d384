package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Private messages, chat mode and user lookups, client to server (docs/protocol.md §6.2, §6.4, §6.5). */
public final class MessageRequests {

    private MessageRequests() {
    }

    /** Whisper an online account by name. */
    public record SendWhisper(String targetName, String message) implements ServerboundPacket {
        public static final PacketCodec<SendWhisper> CODEC = PacketCodec.fields(0x0008, "CHAT_CMD_WHISPER",
                Types.STR, SendWhisper::targetName,
                Types.STR, SendWhisper::message,
                SendWhisper::new);

        @Override
        public PacketCodec<SendWhisper> codec() {
            return CODEC;
        }
    }

    /** A message to the sender's online clan members. */
    public record SendClanWhisper(String message) implements ServerboundPacket {
        public static final PacketCodec<SendClanWhisper> CODEC = PacketCodec.fields(0x0013, "CHAT_CMD_CLAN_WHISPER",
                Types.STR, SendClanWhisper::message,
                SendClanWhisper::new);

        @Override
        public PacketCodec<SendClanWhisper> codec() {
            return CODEC;
        }
    }

    /** An IM; want info 1 asks for the card forms (the bots leave the byte out). */
    public record SendIm(String targetName, String message, int wantInfo) implements ServerboundPacket {
        public static final PacketCodec<SendIm> CODEC = PacketCodec.fields(0x001C, "CHAT_CMD_IM",
                Types.STR, SendIm::targetName,
                Types.STR, SendIm::message,
                Types.optional(Types.U8, 0), SendIm::wantInfo,
                SendIm::new);

        @Override
        public PacketCodec<SendIm> codec() {
            return CODEC;
        }
    }

    /** A message to every online buddy not in DND. */
    public record SendWhisperBuddies(String message) implements ServerboundPacket {
        public static final PacketCodec<SendWhisperBuddies> CODEC = PacketCodec.fields(0x0020, "CHAT_CMD_WHISPER_BUDDIES",
                Types.STR, SendWhisperBuddies::message,
                SendWhisperBuddies::new);

        @Override
        public PacketCodec<SendWhisperBuddies> codec() {
            return CODEC;
        }
    }

    /** Ask where an account is (§6.5). */
    public record RequestUserInfo(String name) implements ServerboundPacket {
        public static final PacketCodec<RequestUserInfo> CODEC = PacketCodec.fields(0x002A, "CHAT_CMD_USER_INFO",
                Types.STR, RequestUserInfo::name,
                RequestUserInfo::new);

        @Override
        public PacketCodec<RequestUserInfo> codec() {
            return CODEC;
        }
    }

    /** Set AVAILABLE, AFK or DND with a reason. */
    public record SetChatMode(ChatMode mode, String reason) implements ServerboundPacket {
        public static final PacketCodec<SetChatMode> CODEC = PacketCodec.fields(0x0066, "CHAT_CMD_SET_CHAT_MODE_TYPE",
                ChatMode.TYPE, SetChatMode::mode,
                Types.STR, SetChatMode::reason,
                SetChatMode::new);

        @Override
        public PacketCodec<SetChatMode> codec() {
            return CODEC;
        }
    }

    /** Ask for an account's status (reply 0x1C08). */
    public record GetUserStatus(String name) implements ServerboundPacket {
        public static final PacketCodec<GetUserStatus> CODEC = PacketCodec.fields(0x0C05, "NET_CHAT_CL_GET_USER_STATUS",
                Types.STR, GetUserStatus::name,
                GetUserStatus::new);

        @Override
        public PacketCodec<GetUserStatus> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            SendWhisper.CODEC,
            SendClanWhisper.CODEC,
            SendIm.CODEC,
            SendWhisperBuddies.CODEC,
            RequestUserInfo.CODEC,
            SetChatMode.CODEC,
            GetUserStatus.CODEC);
}
