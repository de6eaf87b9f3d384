package org.honchat.protocol.serverbound;

import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** Buddies, client to server (docs/protocol.md §6.2, §6.7). 0x0D is {@link RequestBuddyAdd}. */
public final class BuddyRequests {

    private BuddyRequests() {
    }

    /** Remove a buddy relation in both directions. */
    public record NotifyBuddyRemove(long buddyId, long notificationId1, long notificationId2) implements ServerboundPacket {
        public static final PacketCodec<NotifyBuddyRemove> CODEC = PacketCodec.fields(0x000E, "CHAT_CMD_NOTIFY_BUDDY_REMOVE",
                Types.U32, NotifyBuddyRemove::buddyId,
                Types.U32, NotifyBuddyRemove::notificationId1,
                Types.U32, NotifyBuddyRemove::notificationId2,
                NotifyBuddyRemove::new);

        @Override
        public PacketCodec<NotifyBuddyRemove> codec() {
            return CODEC;
        }
    }

    /** Approve a pending request from the named account. */
    public record ApproveBuddy(String requesterName) implements ServerboundPacket {
        public static final PacketCodec<ApproveBuddy> CODEC = PacketCodec.fields(0x00B3, "CHAT_CMD_REQUEST_BUDDY_APPROVE",
                Types.STR, ApproveBuddy::requesterName,
                ApproveBuddy::new);

        @Override
        public PacketCodec<ApproveBuddy> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            NotifyBuddyRemove.CODEC,
            ApproveBuddy.CODEC);
}
