package org.honchat.protocol.link;

import java.util.List;
import java.util.Objects;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.protocol.wire.Types;

/**
 * The server-manager link on port 11033 (docs/protocol.md §9.6): {@code 0x16xx} from the manager, {@code 0x17xx} from the
 * chat server. A registry only in this phase.
 */
public final class ManagerPackets {

    private ManagerPackets() {
    }

    /** {@code 0x1600} CONNECT: manager id and cookie from {@code replay_auth}, protocol 68 or 70 (§9.6). */
    public record Connect(long managerId, String cookie, long protocol) implements LinkPacket {
        public static final PacketCodec<Connect> CODEC = PacketCodec.fields(0x1600, "NET_MANAGER_CONNECT",
                Types.U32, Connect::managerId,
                Types.STR, Connect::cookie,
                Types.U32, Connect::protocol,
                Connect::new);

        @Override
        public PacketCodec<Connect> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1601} DISCONNECT. */
    public record Disconnect() implements LinkPacket {
        public static final Disconnect INSTANCE = new Disconnect();
        public static final PacketCodec<Disconnect> CODEC = PacketCodec.empty(0x1601, "NET_MANAGER_DISCONNECT",
                INSTANCE);

        @Override
        public PacketCodec<Disconnect> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1602} STATUS (§9.6): kept for the operator view. */
    public record Status(long managerId, String login, String location, String name, String version, String address,
            int port, boolean shuttingDown) implements LinkPacket {
        public static final PacketCodec<Status> CODEC = PacketCodec.fields(0x1602, "NET_MANAGER_STATUS",
                Types.U32, Status::managerId,
                Types.STR, Status::login,
                Types.STR, Status::location,
                Types.STR, Status::name,
                Types.STR, Status::version,
                Types.STR, Status::address,
                Types.U16, Status::port,
                Types.BOOL, Status::shuttingDown,
                Status::new);

        @Override
        public PacketCodec<Status> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1603} UPLOAD_UPDATE (§9.6): the link is read leniently (HoNfigurator sends it only for 7). */
    public record UploadUpdate(long matchId, long accountId, int status, String link) implements LinkPacket {
        public static final PacketCodec<UploadUpdate> CODEC = PacketCodec.custom(0x1603, "NET_MANAGER_UPLOAD_UPDATE",
                "u32 match id, u32 account id, u8 status, str link when status is 3 or 7 and bytes remain",
                in -> {
                    long matchId = in.u32();
                    long accountId = in.u32();
                    int status = in.u8();
                    String link = (status == 3 || status == 7) && in.hasRemaining() ? in.str() : "";
                    return new UploadUpdate(matchId, accountId, status, link);
                },
                (out, p) -> {
                    Types.writeU32(out, p.matchId);
                    Types.writeU32(out, p.accountId);
                    out.writeByte(p.status);
                    if (p.status == 3 || p.status == 7) {
                        Types.writeStr(out, p.link);
                    }
                });

        public UploadUpdate {
            Objects.requireNonNull(link, "link");
        }

        @Override
        public PacketCodec<UploadUpdate> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1700} ACCEPT. */
    public record Accept() implements LinkPacket {
        public static final Accept INSTANCE = new Accept();
        public static final PacketCodec<Accept> CODEC = PacketCodec.empty(0x1700, "NET_CHAT_MANAGER_ACCEPT",
                INSTANCE);

        @Override
        public PacketCodec<Accept> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1701} REJECT: u8 reason, as {@code 0x1501}. */
    public record Reject(int reason) implements LinkPacket {
        public static final PacketCodec<Reject> CODEC = PacketCodec.fields(0x1701, "NET_CHAT_MANAGER_REJECT",
                Types.U8, Reject::reason,
                Reject::new);

        @Override
        public PacketCodec<Reject> codec() {
            return CODEC;
        }
    }

    /** {@code 0x1703} OPTIONS (§9.6): five flags and the resubmit cut-off match id. */
    public record Options(boolean submitStats, boolean uploadReplays, boolean ftpOnDemand, boolean httpOnDemand,
            boolean resubmitStats, long resubmitCutoffMatchId) implements LinkPacket {
        public static final PacketCodec<Options> CODEC = PacketCodec.fields(0x1703, "NET_CHAT_MANAGER_OPTIONS",
                Types.BOOL, Options::submitStats,
                Types.BOOL, Options::uploadReplays,
                Types.BOOL, Options::ftpOnDemand,
                Types.BOOL, Options::httpOnDemand,
                Types.BOOL, Options::resubmitStats,
                Types.U32, Options::resubmitCutoffMatchId,
                Options::new);

        @Override
        public PacketCodec<Options> codec() {
            return CODEC;
        }
    }

    /** What a manager sends (§9.6). */
    public static final PacketRegistry<LinkPacket> FROM_MANAGER = PacketRegistry.of("manager to chat",
            LinkPacket.class, List.of(Connect.CODEC, Disconnect.CODEC, Status.CODEC, UploadUpdate.CODEC,
                    LinkPing.CODEC, LinkPong.CODEC));

    /** What the chat server sends a manager (§9.6: never a ping). */
    public static final PacketRegistry<LinkPacket> TO_MANAGER = PacketRegistry.of("chat to manager",
            LinkPacket.class, List.of(Accept.CODEC, Reject.CODEC, Options.CODEC, LinkPong.CODEC));
}
