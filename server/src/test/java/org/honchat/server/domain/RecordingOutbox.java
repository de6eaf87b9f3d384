package org.honchat.server.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;

/** An {@link Outbox} that records what each session was sent, in order, and which sessions it closed. */
final class RecordingOutbox implements Outbox {

    /** One packet delivered to one session; {@code frame} numbers the frames, so combined ones share it. */
    record Delivery(ChatSession to, ClientboundPacket packet, int frame) {
    }

    private final Directory directory;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Set<ChatSession> closed = new LinkedHashSet<>();
    private int frames;

    RecordingOutbox(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void send(ChatSession to, ClientboundPacket packet) {
        if (!to.closed) {
            deliveries.add(new Delivery(to, packet, frames++));
        }
    }

    @Override
    public void send(Collection<ChatSession> to, ClientboundPacket packet) {
        for (ChatSession session : List.copyOf(to)) {
            send(session, packet);
        }
    }

    @Override
    public void sendCombined(ChatSession to, ClientboundPacket... packets) {
        if (!to.closed) {
            int frame = frames++;
            for (ClientboundPacket packet : packets) {
                deliveries.add(new Delivery(to, packet, frame));
            }
        }
    }

    /** Records a game client's batch as one frame, a LEGACY session's as one frame per command. */
    @Override
    public void sendBatch(ChatSession to, List<ClientboundPacket> packets) {
        if (to.gameClient) {
            sendCombined(to, packets.toArray(new ClientboundPacket[0]));
        } else {
            packets.forEach(packet -> send(to, packet));
        }
    }

    @Override
    public void sendToAccount(long accountId, ClientboundPacket packet) {
        ChatSession session = directory.session(accountId);
        if (session != null) {
            send(session, packet);
        }
    }

    @Override
    public void close(ChatSession session) {
        closed.add(session);
    }

    /** What {@code session} was sent since the last {@link #clear}, in order. */
    List<ClientboundPacket> to(ChatSession session) {
        List<ClientboundPacket> packets = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.to() == session) {
                packets.add(delivery.packet());
            }
        }
        return packets;
    }

    /** Only the packets of one type that {@code session} was sent. */
    <P extends ClientboundPacket> List<P> to(ChatSession session, Class<P> type) {
        List<P> packets = new ArrayList<>();
        for (ClientboundPacket packet : to(session)) {
            if (type.isInstance(packet)) {
                packets.add(type.cast(packet));
            }
        }
        return packets;
    }

    /** What {@code session} was sent, frame by frame: commands combined into one frame stay together. */
    List<List<ClientboundPacket>> frames(ChatSession session) {
        List<List<ClientboundPacket>> frames = new ArrayList<>();
        int last = -1;
        for (Delivery delivery : deliveries) {
            if (delivery.to() != session) {
                continue;
            }
            if (delivery.frame() != last) {
                frames.add(new ArrayList<>());
                last = delivery.frame();
            }
            frames.get(frames.size() - 1).add(delivery.packet());
        }
        return frames;
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    boolean wasClosed(ChatSession session) {
        return closed.contains(session);
    }

    void clear() {
        deliveries.clear();
    }
}
