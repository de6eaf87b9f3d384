package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.struct.StatusEntry;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Presence and user information, server to client (docs/protocol.md §5, §6.1, §6.5). */
public final class PresencePackets {

    private PresencePackets() {
    }

    /** At login: online, visible buddies and clan members (LEGACY: one frame per entry, §2.4). */
    public record InitialStatus(List<StatusEntry> entries) implements ClientboundPacket {
        public static final PacketCodec<InitialStatus> CODEC = PacketCodec.fields(0x000B, "CHAT_CMD_INITIAL_STATUS",
                Types.list(StatusEntry.TYPE), InitialStatus::entries,
                InitialStatus::new);

        public InitialStatus {
            entries = List.copyOf(entries);
        }

        @Override
        public PacketCodec<InitialStatus> codec() {
            return CODEC;
        }
    }

    /** Undefined in protocol 68: never sent (§2.3); declared so the registry knows the id. */
    public record LookingForClan() implements ClientboundPacket {
        public static final LookingForClan INSTANCE = new LookingForClan();
        public static final PacketCodec<LookingForClan> CODEC = PacketCodec.empty(0x0018, "HON_SC_LOOKING_FOR_CLAN", INSTANCE);

        @Override
        public PacketCodec<LookingForClan> codec() {
            return CODEC;
        }
    }

    /** 0x2A: unknown account or invisible target (name as sent). */
    public record UserInfoNoExist(String name) implements ClientboundPacket {
        public static final PacketCodec<UserInfoNoExist> CODEC = PacketCodec.fields(0x002B, "CHAT_CMD_USER_INFO_NO_EXIST",
                Types.STR, UserInfoNoExist::name,
                UserInfoNoExist::new);

        @Override
        public PacketCodec<UserInfoNoExist> codec() {
            return CODEC;
        }
    }

    /** 0x2A: the account is offline; last seen "YYYY-MM-DD HH:MM UTC" or "never". */
    public record UserInfoOffline(String name, String lastSeen) implements ClientboundPacket {
        public static final PacketCodec<UserInfoOffline> CODEC = PacketCodec.fields(0x002C, "CHAT_CMD_USER_INFO_OFFLINE",
                Types.STR, UserInfoOffline::name,
                Types.STR, UserInfoOffline::lastSeen,
                UserInfoOffline::new);

        @Override
        public PacketCodec<UserInfoOffline> codec() {
            return CODEC;
        }
    }

    /** 0x2A: online; the channels the requester can see. */
    public record UserInfoOnline(String name, List<String> channels) implements ClientboundPacket {
        public static final PacketCodec<UserInfoOnline> CODEC = PacketCodec.fields(0x002D, "CHAT_CMD_USER_INFO_ONLINE",
                Types.STR, UserInfoOnline::name,
                Types.list(Types.STR), UserInfoOnline::channels,
                UserInfoOnline::new);

        public UserInfoOnline {
            channels = List.copyOf(channels);
        }

        @Override
        public PacketCodec<UserInfoOnline> codec() {
            return CODEC;
        }
    }

    /** 0x2A: joining or in a game. */
    public record UserInfoInGame(String name, String gameName, String phase) implements ClientboundPacket {
        public static final PacketCodec<UserInfoInGame> CODEC = PacketCodec.fields(0x002E, "CHAT_CMD_USER_INFO_IN_GAME",
                Types.STR, UserInfoInGame::name,
                Types.STR, UserInfoInGame::gameName,
                Types.STR, UserInfoInGame::phase,
                UserInfoInGame::new);

        @Override
        public PacketCodec<UserInfoInGame> codec() {
            return CODEC;
        }
    }

    /** The subject's display name changed (clan join or leave). */
    public record NameChange(long accountId, String displayName) implements ClientboundPacket {
        public static final PacketCodec<NameChange> CODEC = PacketCodec.fields(0x005A, "CHAT_CMD_NAME_CHANGE",
                Types.U32, NameChange::accountId,
                Types.STR, NameChange::displayName,
                NameChange::new);

        @Override
        public PacketCodec<NameChange> codec() {
            return CODEC;
        }
    }

    /** Reply to 0x0C05 (name as sent). */
    public record UserStatus(String name, ChatStatus status) implements ClientboundPacket {
        public static final PacketCodec<UserStatus> CODEC = PacketCodec.fields(0x1C08, "NET_CHAT_CL_USER_STATUS",
                Types.STR, UserStatus::name,
                ChatStatus.TYPE, UserStatus::status,
                UserStatus::new);

        @Override
        public PacketCodec<UserStatus> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            InitialStatus.CODEC,
            LookingForClan.CODEC,
            UserInfoNoExist.CODEC,
            UserInfoOffline.CODEC,
            UserInfoOnline.CODEC,
            UserInfoInGame.CODEC,
            NameChange.CODEC,
            UserStatus.CODEC);
}
