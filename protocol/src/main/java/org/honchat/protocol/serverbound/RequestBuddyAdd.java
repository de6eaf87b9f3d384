package org.honchat.protocol.serverbound;

import java.util.Objects;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x0D} CHAT_CMD_REQUEST_BUDDY_ADD (docs/protocol.md §6.2, §6.7): {@code str nickname}. On a LEGACY session a
 * payload that starts with the session's own account id as a {@code u32} is honpurple's obsolete
 * {@code u32 selfId, str nick} form, and those 4 bytes are skipped (the reader needs the session's id, see
 * {@code DecodeContext}).
 */
public record RequestBuddyAdd(String nickname) implements ServerboundPacket {

    public static final PacketCodec<RequestBuddyAdd> CODEC = PacketCodec.custom(0x000D,
            "CHAT_CMD_REQUEST_BUDDY_ADD",
            "str nickname; from a LEGACY session a leading u32 equal to its own account id is skipped",
            in -> {
                long self = in.context().selfAccountId();
                if (in.context().legacy() && self >= 0 && in.remaining() >= 4 && in.peekU32() == self) {
                    in.skip(4);
                }
                return new RequestBuddyAdd(in.str());
            },
            (out, p) -> Types.writeStr(out, p.nickname));

    public RequestBuddyAdd {
        Objects.requireNonNull(nickname, "nickname");
    }

    @Override
    public PacketCodec<RequestBuddyAdd> codec() {
        return CODEC;
    }
}
