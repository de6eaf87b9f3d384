package org.honchat.protocol.serverbound;

import java.util.Objects;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/**
 * {@code 0x10} CHAT_CMD_JOINED_GAME (docs/protocol.md §6.2, §6.9): {@code str game name, u32 match id, opt bool join
 * match channel}. honpurple's obsolete {@code str, u32, str} form must parse as name and match id with its trailing
 * string ignored, so the flag is read only when exactly one byte follows the match id; anything longer is that
 * string, and the flag takes its default (false).
 */
public record JoinedGame(String gameName, long matchId, boolean joinMatchChannel) implements ServerboundPacket {

    public static final PacketCodec<JoinedGame> CODEC = PacketCodec.custom(0x0010, "CHAT_CMD_JOINED_GAME",
            "str game name, u32 match id, then an optional bool \"join match channel\" (read only when it is "
                    + "the single byte left)",
            in -> {
                String name = in.str();
                long match = in.u32();
                boolean join = in.remaining() == 1 && in.bool();
                return new JoinedGame(name, match, join);
            },
            (out, p) -> {
                Types.writeStr(out, p.gameName);
                Types.writeU32(out, p.matchId);
                out.writeByte(p.joinMatchChannel ? 1 : 0);
            });

    public JoinedGame {
        Objects.requireNonNull(gameName, "gameName");
        Types.checkU32(matchId, "matchId");
    }

    @Override
    public PacketCodec<JoinedGame> codec() {
        return CODEC;
    }
}
