package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Connection lifecycle, keep-alive and server-wide commands, server to client (docs/protocol.md §3, §6.1). */
public final class SessionPackets {

    private SessionPackets() {
    }

    /** §3.7: the connection is accepted. */
    public record AuthAccepted() implements ClientboundPacket {
        public static final AuthAccepted INSTANCE = new AuthAccepted();
        public static final PacketCodec<AuthAccepted> CODEC = PacketCodec.empty(0x1C00, "NET_CHAT_CL_ACCEPT", INSTANCE);

        @Override
        public PacketCodec<AuthAccepted> codec() {
            return CODEC;
        }
    }

    /** §3.4: the connection is refused (or replaced, §3.6); the server closes it next. */
    public record AuthRejected(RejectReason reason) implements ClientboundPacket {
        public static final PacketCodec<AuthRejected> CODEC = PacketCodec.fields(0x1C01, "NET_CHAT_CL_REJECT",
                RejectReason.TYPE, AuthRejected::reason,
                AuthRejected::new);

        @Override
        public PacketCodec<AuthRejected> codec() {
            return CODEC;
        }
    }

    /** §3.9: sent after 20 s without writing to an authenticated session. */
    public record Ping() implements ClientboundPacket {
        public static final Ping INSTANCE = new Ping();
        public static final PacketCodec<Ping> CODEC = PacketCodec.empty(0x2A00, "NET_CHAT_PING", INSTANCE);

        @Override
        public PacketCodec<Ping> codec() {
            return CODEC;
        }
    }

    /** §3.9: answer to 0x2A00; pre-auth and LEGACY sessions only (§2.3). */
    public record Pong() implements ClientboundPacket {
        public static final Pong INSTANCE = new Pong();
        public static final PacketCodec<Pong> CODEC = PacketCodec.empty(0x2A01, "NET_CHAT_PONG", INSTANCE);

        @Override
        public PacketCodec<Pong> codec() {
            return CODEC;
        }
    }

    /** §3.7 step 2: GAME CLIENT only. The dynamic commands string is always "" (the client runs each entry as a console command). */
    public record Options(int ftpReplays, int httpReplays, int quests, int questLadder,
            int connectResendSeconds, int messagesSystem, String dynamicCommands) implements ClientboundPacket {
        public static final PacketCodec<Options> CODEC = PacketCodec.fields(0x00C0, "CHAT_CMD_OPTIONS",
                Types.U8, Options::ftpReplays,
                Types.U8, Options::httpReplays,
                Types.U8, Options::quests,
                Types.U8, Options::questLadder,
                Types.U8, Options::connectResendSeconds,
                Types.U8, Options::messagesSystem,
                Types.STR, Options::dynamicCommands,
                Options::new);

        @Override
        public PacketCodec<Options> codec() {
            return CODEC;
        }
    }

    /** §3.11: operator logout, GAME CLIENT only. */
    public record Logout(int logOutStaff) implements ClientboundPacket {
        public static final PacketCodec<Logout> CODEC = PacketCodec.fields(0x00C1, "CHAT_CMD_LOGOUT",
                Types.U8, Logout::logOutStaff,
                Logout::new);

        @Override
        public PacketCodec<Logout> codec() {
            return CODEC;
        }
    }

    /** §3.9: authenticated sessions and, for staff, the regional breakdown. */
    public record PlayerCount(long total, String regions) implements ClientboundPacket {
        public static final PacketCodec<PlayerCount> CODEC = PacketCodec.fields(0x0068, "CHAT_CMD_PLAYER_COUNT",
                Types.U32, PlayerCount::total,
                Types.STR, PlayerCount::regions,
                PlayerCount::new);

        @Override
        public PacketCodec<PlayerCount> codec() {
            return CODEC;
        }
    }

    /** §4.9: only with chat.flood.notice. */
    public record Flooding() implements ClientboundPacket {
        public static final Flooding INSTANCE = new Flooding();
        public static final PacketCodec<Flooding> CODEC = PacketCodec.empty(0x001B, "CHAT_CMD_FLOODING", INSTANCE);

        @Override
        public PacketCodec<Flooding> codec() {
            return CODEC;
        }
    }

    /** §6.2 0x39: a staff or operator broadcast to every session. */
    public record MessageAll(String sender, String message) implements ClientboundPacket {
        public static final PacketCodec<MessageAll> CODEC = PacketCodec.fields(0x0039, "CHAT_CMD_MESSAGE_ALL",
                Types.STR, MessageAll::sender,
                Types.STR, MessageAll::message,
                MessageAll::new);

        @Override
        public PacketCodec<MessageAll> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            AuthAccepted.CODEC,
            AuthRejected.CODEC,
            Ping.CODEC,
            Pong.CODEC,
            Options.CODEC,
            Logout.CODEC,
            PlayerCount.CODEC,
            Flooding.CODEC,
            MessageAll.CODEC);
}
