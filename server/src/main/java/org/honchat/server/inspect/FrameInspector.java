package org.honchat.server.inspect;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.Packet;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.PacketRegistry;

/**
 * Decodes the frames of one proxied connection with the protocol module and says what is wrong with each: one
 * {@link Event} per command (a server-to-client frame may hold several, §1.4 rule 2, read the way the 4.10 client
 * reads it), flagged when it does not match a known layout. Not thread-safe: one per connection and direction pair,
 * fed by that connection's two pumps under its lock.
 */
final class FrameInspector {

    /** Which link a connection is on, and so which registries read it. */
    enum Link { CHAT, MATCH, MANAGER }

    /** Which way bytes went. */
    enum Direction {
        CLIENT_TO_SERVER("C>S"), SERVER_TO_CLIENT("S>C");

        final String arrow;

        Direction(String arrow) {
            this.arrow = arrow;
        }
    }

    /** One command (or one frame that could not be read), as the output shows it. */
    record Event(long timeMillis, Direction direction, int connection, int id, String name, String fields,
            List<String> flags, String hex) {

        boolean flagged() {
            return !flags.isEmpty();
        }
    }

    /** The server-to-client ids the 4.10 client has a handler for (docs/protocol.md §2.2); any other disconnects it. */
    static final Set<Integer> CLIENT_HANDLES = handledIds();

    private static Set<Integer> handledIds() {
        Set<Integer> ids = new HashSet<>(List.of(0x1C00, 0x1C01, 0x1C02, 0x1C03, 0x1C04, 0x1C05, 0x1C06,
                0x1C07, 0x1C08, 0x2A00, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x13, 0x14, 0x1B, 0x1C,
                0x1D, 0x1F, 0x20, 0x21, 0x25, 0x26, 0x27, 0x28, 0x39, 0x3A, 0x3B, 0x50, 0x62, 0x66, 0x67, 0x68, 0x69,
                0x6A, 0xB2, 0xB4, 0xB5, 0xB6, 0xB8, 0xBB, 0xBC, 0xBD, 0xBF, 0xC0, 0xC1, 0xC2, 0x0C0D, 0x0C0E, 0x0C0F,
                0x0D01, 0x0D02, 0x0D03, 0x0D06, 0x0D07, 0x0D09, 0x0E01, 0x0E02, 0x0E04, 0x0E05, 0x0E07, 0x0E08,
                0x0E09, 0x0E0A, 0x0E0B, 0x0E0C, 0x0E0D, 0x0E0F, 0x0F00, 0x0F01, 0x0F02, 0x0F03, 0x0F04, 0x0F06,
                0x0F07, 0x0F09));
        for (int id = 0x2B; id <= 0x37; id++) {
            ids.add(id);
        }
        for (int id = 0x3E; id <= 0x4E; id++) {
            ids.add(id);
        }
        for (int id = 0x52; id <= 0x5D; id++) {
            ids.add(id);
        }
        return Set.copyOf(ids);
    }

    private final Link link;
    private final int connection;
    private long selfAccountId = -1;
    private boolean gameClient;
    private boolean loggedIn;
    private long protocolVersion = -1;
    private String clientVersion = "";

    FrameInspector(Link link, int connection) {
        this.link = link;
        this.connection = connection;
    }

    /** The protocol and client versions the connection's {@code 0x0C00} named, for the summary. */
    long protocolVersion() {
        return protocolVersion;
    }

    String clientVersion() {
        return clientVersion;
    }

    /** One whole frame (length prefix included) that went {@code direction}. */
    List<Event> frame(long timeMillis, Direction direction, byte[] frame) {
        String hex = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(frame);
        int length = frame.length - 2;
        List<String> frameFlags = new ArrayList<>();
        int limit = link == Link.CHAT && !loggedIn && direction == Direction.CLIENT_TO_SERVER ? 1024 : 16384;
        if (frame.length > limit) {
            frameFlags.add("frame of " + frame.length + " bytes, over the " + limit + "-byte limit");
        }
        if (length < 2) {
            frameFlags.add(length == 0 ? "empty frame (skipped by the server)" : "frame of 1 byte: no room for an id");
            return List.of(new Event(timeMillis, direction, connection, -1, "", "", frameFlags, hex));
        }
        ByteBuf body = Unpooled.wrappedBuffer(frame, 2, length);
        int id = body.getUnsignedShortLE(0);
        try {
            if (link == Link.CHAT && direction == Direction.SERVER_TO_CLIENT) {
                return serverToClient(timeMillis, body, frameFlags, hex);
            }
            PacketRegistry<?> registry = registry(direction);
            PacketRegistry.Decoded<?> decoded = registry.decode(body, DecodeContext.server(selfAccountId,
                    !gameClient));
            List<String> flags = new ArrayList<>(frameFlags);
            if (decoded.trailingBytes() > 0) {
                flags.add(decoded.trailingBytes() + " bytes left after the fields (ignored by the server)");
            }
            Packet packet = (Packet) decoded.packet();
            learn(packet);
            return List.of(event(timeMillis, direction, packet, flags, hex));
        } catch (ProtocolDecodeException e) {
            List<String> flags = new ArrayList<>(frameFlags);
            flags.add(e.getMessage());
            String name = registry(direction).codec(id) == null ? "unknown" : registry(direction).codec(id).name();
            return List.of(new Event(timeMillis, direction, connection, id, name, "", flags, hex));
        } finally {
            body.release();
        }
    }

    /** As the 4.10 client reads it (strictly, command after command) when the session is a game client. */
    private List<Event> serverToClient(long timeMillis, ByteBuf body, List<String> frameFlags, String hex)
            throws ProtocolDecodeException {
        DecodeContext context = gameClient ? DecodeContext.strictClient(selfAccountId)
                : DecodeContext.server(selfAccountId, true);
        List<ClientboundPacket> packets = Clientbound.decodeFrame(body, context);
        List<Event> events = new ArrayList<>();
        for (ClientboundPacket packet : packets) {
            List<String> flags = new ArrayList<>(frameFlags);
            int id = packet.codec().id();
            if (gameClient && !CLIENT_HANDLES.contains(id)) {
                flags.add("the 4.10 client has no handler for this id: it would disconnect");
            }
            if (id == 0x1C00) {
                loggedIn = true;
            }
            events.add(event(timeMillis, Direction.SERVER_TO_CLIENT, packet, flags, hex));
            hex = "";  // the frame's bytes are shown once, with its first command
        }
        return events;
    }

    /** What the client's {@code 0x0C00} says about the connection, so later frames are read as it reads them. */
    private void learn(Packet packet) {
        if (packet instanceof ClientConnect connect) {
            selfAccountId = connect.accountId();
            protocolVersion = connect.protocolVersion();
            if (connect.tail() instanceof ClientConnect.GameClientInfo info) {
                gameClient = true;
                clientVersion = info.versionMajor() + "." + info.versionMinor() + "." + info.versionPatch() + "."
                        + info.versionRevision();
            } else {
                clientVersion = "LEGACY tail";
            }
        }
    }

    private PacketRegistry<?> registry(Direction direction) {
        boolean up = direction == Direction.CLIENT_TO_SERVER;
        return switch (link) {
            case CHAT -> up ? Serverbound.REGISTRY : Clientbound.REGISTRY;
            case MATCH -> up ? MatchServerPackets.FROM_MATCH_SERVER : MatchServerPackets.TO_MATCH_SERVER;
            case MANAGER -> up ? ManagerPackets.FROM_MANAGER : ManagerPackets.TO_MANAGER;
        };
    }

    private Event event(long timeMillis, Direction direction, Packet packet, List<String> flags, String hex) {
        String text = packet.toString();
        int open = text.indexOf('[');
        String fields = open >= 0 && text.endsWith("]") ? text.substring(open + 1, text.length() - 1) : text;
        return new Event(timeMillis, direction, connection, packet.codec().id(), packet.codec().name(), fields,
                List.copyOf(flags), flags.isEmpty() ? "" : hex);
    }
}
