package org.honchat.protocol.serverbound;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.Bytes;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x0C00} NET_CHAT_CL_CONNECT (docs/protocol.md §3.3), the only lenient layout. Fields 1-5 must parse; the tail
 * classifies the sender: a {@link GameClientInfo} when fields 6-16 parse with no byte left over and the client major
 * version is at least 4 (a GAME CLIENT), otherwise the raw {@link LegacyTail} (a LEGACY session, e.g. the bots'
 * obsolete 21-byte tail). Trailing bytes are never an error here: they make the session LEGACY.
 */
public record ClientConnect(long accountId, String cookie, String ip, String authHash, long protocolVersion,
        Tail tail) implements ServerboundPacket {

    /** The only protocol version the server accepts (§3.4 step 2). */
    public static final long PROTOCOL_VERSION = 68;

    public static final PacketCodec<ClientConnect> CODEC = PacketCodec.custom(0x0C00, "NET_CHAT_CL_CONNECT",
            "u32 account id, str cookie, str ip, str auth hash, u32 protocol version, then the client tail: a "
                    + "GAME CLIENT sends u8 OS type, 3 × u8 OS version, str build OS, str build architecture, 4 × u8 "
                    + "client version, u8 last state, u8 initial chat mode, str region, str language; any other tail "
                    + "makes the session LEGACY",
            ClientConnect::read, ClientConnect::write);

    public ClientConnect {
        Types.checkU32(accountId, "accountId");
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(authHash, "authHash");
        Types.checkU32(protocolVersion, "protocolVersion");
        Objects.requireNonNull(tail, "tail");
    }

    /** GAME CLIENT (§3.3 classification). */
    public boolean isGameClient() {
        return tail instanceof GameClientInfo;
    }

    /** The initial chat mode: field 14 for a GAME CLIENT (above 3 counts as 0), AVAILABLE for LEGACY. */
    public ChatMode initialChatMode() {
        return tail instanceof GameClientInfo info ? info.initialChatMode() : ChatMode.AVAILABLE;
    }

    /** Fields 6-16 of §3.3, as a GAME CLIENT sends them, or the raw bytes of any other tail. */
    public sealed interface Tail permits GameClientInfo, LegacyTail {
    }

    /**
     * Fields 6-16 of a GAME CLIENT. The version travels as four bytes, major first (§3.3 field 12).
     */
    public record GameClientInfo(int osType, int osMajor, int osMinor, int osMicro, String buildOs, String buildArch,
            int versionMajor, int versionMinor, int versionPatch, int versionRevision, int lastClientState,
            int chatModeByte, String region, String language) implements Tail {

        public GameClientInfo {
            for (int b : new int[] {osType, osMajor, osMinor, osMicro, versionMajor, versionMinor, versionPatch,
                versionRevision, lastClientState, chatModeByte}) {
                Types.checkU8(b, "0x0C00 tail byte");
            }
            if (versionMajor < 4) {
                throw new IllegalArgumentException("a tail with client major version " + versionMajor
                        + " classifies as LEGACY (§3.3); use LegacyTail");
            }
            Objects.requireNonNull(buildOs, "buildOs");
            Objects.requireNonNull(buildArch, "buildArch");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(language, "language");
        }

        /** §3.3: field 14; values above 3 count as 0. */
        public ChatMode initialChatMode() {
            return chatModeByte <= 3 ? ChatMode.values()[chatModeByte] : ChatMode.AVAILABLE;
        }

        /** "major.minor.patch.revision", as {@code chat.requiredClientVersion} is written. */
        public String version() {
            return versionMajor + "." + versionMinor + "." + versionPatch + "." + versionRevision;
        }
    }

    /** The tail of a LEGACY session, kept byte for byte. */
    public record LegacyTail(Bytes bytes) implements Tail {

        /** What honpurple and pyHoNBot send after the protocol version (§3.3). */
        public static final LegacyTail BOTS = new LegacyTail(
                Bytes.ofHex("83 03 00 00 00 05 00 00 00 04 00 00 00 6C 61 63 00 00 00 00 00"));

        public LegacyTail {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private static ClientConnect read(PayloadReader in) throws ProtocolDecodeException {
        long accountId = in.u32();
        String cookie = in.str();
        String ip = in.str();
        String authHash = in.str();
        long protocol = in.u32();
        int tailStart = in.mark();
        GameClientInfo info = tryGameClientTail(in);
        if (info == null) {
            in.reset(tailStart);
            return new ClientConnect(accountId, cookie, ip, authHash, protocol, new LegacyTail(in.rest()));
        }
        return new ClientConnect(accountId, cookie, ip, authHash, protocol, info);
    }

    /** Fields 6-16, best effort: {@code null} when they do not parse exactly (§3.3). */
    private static GameClientInfo tryGameClientTail(PayloadReader in) {
        try {
            int osType = in.u8();
            int osMajor = in.u8();
            int osMinor = in.u8();
            int osMicro = in.u8();
            String buildOs = in.str();
            String buildArch = in.str();
            int major = in.u8();
            int minor = in.u8();
            int patch = in.u8();
            int revision = in.u8();
            int lastState = in.u8();
            int chatMode = in.u8();
            String region = in.str();
            String language = in.str();
            if (in.hasRemaining() || major < 4) {
                return null;
            }
            return new GameClientInfo(osType, osMajor, osMinor, osMicro, buildOs, buildArch, major, minor, patch,
                    revision, lastState, chatMode, region, language);
        } catch (ProtocolDecodeException notAGameClient) {
            return null;
        }
    }

    private static void write(ByteBuf out, ClientConnect p) {
        Types.writeU32(out, p.accountId);
        Types.writeStr(out, p.cookie);
        Types.writeStr(out, p.ip);
        Types.writeStr(out, p.authHash);
        Types.writeU32(out, p.protocolVersion);
        if (p.tail instanceof GameClientInfo) {
            GameClientInfo t = (GameClientInfo) p.tail;
            out.writeByte(t.osType).writeByte(t.osMajor).writeByte(t.osMinor).writeByte(t.osMicro);
            Types.writeStr(out, t.buildOs);
            Types.writeStr(out, t.buildArch);
            out.writeByte(t.versionMajor).writeByte(t.versionMinor).writeByte(t.versionPatch)
                    .writeByte(t.versionRevision);
            out.writeByte(t.lastClientState).writeByte(t.chatModeByte);
            Types.writeStr(out, t.region);
            Types.writeStr(out, t.language);
        } else {
            out.writeBytes(((LegacyTail) p.tail).bytes().toArray());
        }
    }

    @Override
    public PacketCodec<ClientConnect> codec() {
        return CODEC;
    }
}
