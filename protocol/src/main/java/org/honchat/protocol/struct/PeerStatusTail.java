package org.honchat.protocol.struct;

import static org.honchat.protocol.wire.Types.U32_NONE;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * PeerStatusTail(status), docs/protocol.md §5.1: the server address when the status is above CONNECTED, and the game
 * name and match id when IN_GAME. Records holding a tail normalise it with {@link #forStatus}, so a value that
 * cannot travel is never kept.
 */
public record PeerStatusTail(String serverAddress, String gameName, long matchId) {

    public static final PeerStatusTail NONE = new PeerStatusTail("", "", U32_NONE);

    public PeerStatusTail {
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(gameName, "gameName");
        Types.checkU32(matchId, "matchId");
    }

    public static PeerStatusTail joining(String serverAddress) {
        return new PeerStatusTail(serverAddress, "", U32_NONE);
    }

    /** Keeps only the fields that {@code status} puts on the wire. */
    public PeerStatusTail forStatus(ChatStatus status) {
        if (status.wire() <= ChatStatus.CONNECTED.wire()) {
            return NONE;
        }
        if (status == ChatStatus.JOINING_GAME && (!gameName.isEmpty() || matchId != U32_NONE)) {
            return joining(serverAddress);
        }
        return this;
    }

    public static PeerStatusTail read(PayloadReader in, ChatStatus status) throws ProtocolDecodeException {
        if (status.wire() <= ChatStatus.CONNECTED.wire()) {
            return NONE;
        }
        String server = in.str();
        if (status != ChatStatus.IN_GAME) {
            return joining(server);
        }
        String game = in.str();
        long match = in.u32();
        return new PeerStatusTail(server, game, match);
    }

    public void write(ByteBuf out, ChatStatus status) {
        if (status.wire() > ChatStatus.CONNECTED.wire()) {
            Types.writeStr(out, serverAddress);
            if (status == ChatStatus.IN_GAME) {
                Types.writeStr(out, gameName);
                Types.writeU32(out, matchId);
            }
        }
    }
}
