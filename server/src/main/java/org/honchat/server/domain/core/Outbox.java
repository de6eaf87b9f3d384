package org.honchat.server.domain.core;

import java.util.Collection;
import org.honchat.protocol.ClientboundPacket;

/**
 * The only way a rule sends anything (ARCHITECTURE.md "Cluster seam"): to one session, to many (encoded once), to
 * an account wherever it is online, or to a channel's members. A closed session is skipped. The single-node build
 * implements this on the hub; a cluster implementation routes to other nodes without the rules knowing.
 */
public interface Outbox {

    /** One command to one session. */
    void send(ChatSession to, ClientboundPacket packet);

    /** One command to many sessions, encoded once. */
    void send(Collection<ChatSession> to, ClientboundPacket packet);

    /** Several commands in one frame, as docs/protocol.md §1.4 rule 2 allows for the clan-creation pair. */
    void sendCombined(ChatSession to, ClientboundPacket... packets);

    /**
     * A batch of commands that §1.4 rule 2 sends in one frame to a GAME CLIENT session (channel-list batches, the
     * matchmaking frames); a LEGACY session gets them one per frame (§2.4), since the bots read one command a frame.
     */
    void sendBatch(ChatSession to, java.util.List<ClientboundPacket> packets);

    /** One command to the account's session, wherever it is online; nothing if it is offline. */
    void sendToAccount(long accountId, ClientboundPacket packet);

    /** Flushes what the session was sent, then closes its connection. */
    void close(ChatSession session);

    /** One command to every member of a channel, encoded once. */
    default void sendToMembers(Channel channel, ClientboundPacket packet) {
        send(channel.members.values(), packet);
    }
}
