package org.honchat.server.hub;

import java.util.Collection;
import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;

/** The single-node {@link Outbox}: every session is local, so each send is a {@link Hub} write. */
public final class HubOutbox implements Outbox {

    private final Hub hub;
    private final Directory directory;

    public HubOutbox(Hub hub, Directory directory) {
        this.hub = hub;
        this.directory = directory;
    }

    @Override
    public void send(ChatSession to, ClientboundPacket packet) {
        hub.send(to, packet);
    }

    @Override
    public void send(Collection<ChatSession> to, ClientboundPacket packet) {
        hub.send(to, packet);
    }

    @Override
    public void sendCombined(ChatSession to, ClientboundPacket... packets) {
        hub.sendCombined(to, packets);
    }

    @Override
    public void sendBatch(ChatSession to, List<ClientboundPacket> packets) {
        if (to.gameClient) {
            hub.sendCombined(to, packets.toArray(new ClientboundPacket[0]));
        } else {
            for (ClientboundPacket packet : packets) {
                hub.send(to, packet);
            }
        }
    }

    @Override
    public void sendToAccount(long accountId, ClientboundPacket packet) {
        ChatSession session = directory.session(accountId);
        if (session != null) {
            hub.send(session, packet);
        }
    }

    @Override
    public void close(ChatSession session) {
        hub.close(session);
    }
}
