package org.honchat.server.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.honchat.server.inspect.FrameInspector.Direction;
import org.honchat.server.inspect.FrameInspector.Event;
import org.honchat.server.inspect.FrameInspector.Link;

/**
 * One run of {@code honchat inspect}: the connections it watches, where its lines go (text or JSON lines, with the
 * filters of {@code --read}), the capture file it writes, and the summary it prints at the end. The capture holds
 * every chunk of bytes as it was read, with its time, connection and direction, so {@code --read} rebuilds the same
 * frames and decodes them again, with this or a newer protocol module.
 */
public final class InspectorSession implements AutoCloseable {

    private static final byte[] MAGIC = "HONCAP1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BYTES = 1;
    private static final int NOTE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the lines show: every command, or those of some ids, one connection, only flagged ones. */
    public record Filter(Set<Integer> ids, int connection, boolean flaggedOnly) {
        public static final Filter ALL = new Filter(Set.of(), -1, false);

        boolean shows(Event e) {
            return (ids.isEmpty() || ids.contains(e.id())) && (connection < 0 || connection == e.connection())
                    && (!flaggedOnly || e.flagged());
        }
    }

    private final PrintWriter out;
    private final boolean json;
    private final Filter filter;
    private final DataOutputStream capture;
    private final AtomicInteger nextConnection = new AtomicInteger(1);
    private final Map<String, AtomicLong> counts = new TreeMap<>();
    private final AtomicLong flagged = new AtomicLong();
    /** By connection number, so a live run and its capture read back list them alike. */
    private final Map<Integer, String> versions = new TreeMap<>();

    InspectorSession(PrintWriter out, boolean json, Filter filter, OutputStream capture) throws IOException {
        this.out = out;
        this.json = json;
        this.filter = filter;
        this.capture = capture == null ? null : new DataOutputStream(capture);
        if (this.capture != null) {
            this.capture.write(MAGIC);
        }
    }

    /** A new connection on {@code link}; its frames are decoded from the bytes fed to it. */
    Tap open(Link link) {
        return new Tap(link, nextConnection.getAndIncrement());
    }

    /** A line that is not a frame (the login service's requests and replies, a connection opening or closing). */
    synchronized void note(long timeMillis, int connection, String text) {
        if (capture != null) {
            try {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                capture.writeByte(NOTE);
                capture.writeLong(timeMillis);
                capture.writeInt(connection);
                capture.writeInt(bytes.length);
                capture.write(bytes);
                capture.flush();
            } catch (IOException e) {
                out.println("honchat inspect: the capture file failed: " + e.getMessage());
            }
        }
        if (filter.ids().isEmpty() && !filter.flaggedOnly() && (filter.connection() < 0
                || filter.connection() == connection)) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("time", Instant.ofEpochMilli(timeMillis).toString());
                line.put("connection", connection);
                line.put("note", text);
                print(line);
            } else {
                out.println(Instant.ofEpochMilli(timeMillis) + " #" + connection + " " + text);
            }
        }
    }

    /** One connection's two byte streams, split into frames and decoded. */
    final class Tap {
        final int connection;
        private final Link link;
        private final FrameInspector inspector;
        private final ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};

        Tap(Link link, int connection) {
            this.link = link;
            this.connection = connection;
            this.inspector = new FrameInspector(link, connection);
        }

        /** Bytes as they were read from one side (already forwarded, unchanged, to the other). */
        void feed(long timeMillis, Direction direction, byte[] bytes, int offset, int length) {
            synchronized (InspectorSession.this) {
                if (capture != null) {
                    try {
                        capture.writeByte(BYTES);
                        capture.writeLong(timeMillis);
                        capture.writeInt(connection);
                        capture.writeByte(link.ordinal());
                        capture.writeByte(direction.ordinal());
                        capture.writeInt(length);
                        capture.write(bytes, offset, length);
                        capture.flush();
                    } catch (IOException e) {
                        out.println("honchat inspect: the capture file failed: " + e.getMessage());
                    }
                }
                ByteArrayOutputStream buffer = pending[direction.ordinal()];
                buffer.write(bytes, offset, length);
                byte[] held = buffer.toByteArray();
                int at = 0;
                while (held.length - at >= 2) {
                    int frameLength = (held[at] & 0xFF) | (held[at + 1] & 0xFF) << 8;
                    if (held.length - at < 2 + frameLength) {
                        break;
                    }
                    byte[] frame = Arrays.copyOfRange(held, at, at + 2 + frameLength);
                    at += 2 + frameLength;
                    for (Event event : inspector.frame(timeMillis, direction, frame)) {
                        record(event);
                    }
                }
                buffer.reset();
                buffer.write(held, at, held.length - at);
            }
        }

        /** The connection closed: bytes of an unfinished frame are flagged. */
        void closed(long timeMillis) {
            synchronized (InspectorSession.this) {
                for (Direction direction : Direction.values()) {
                    int left = pending[direction.ordinal()].size();
                    if (left > 0) {
                        record(new Event(timeMillis, direction, connection, -1, "", "", List.of("connection closed "
                                + "inside a frame: " + left + " bytes of it were sent"), ""));
                    }
                }
                if (inspector.protocolVersion() >= 0) {
                    versions.put(connection, "protocol " + inspector.protocolVersion() + ", client "
                            + inspector.clientVersion());
                }
            }
        }
    }

    private void record(Event event) {
        String key = event.direction().arrow + " " + (event.id() < 0 ? "(no id)" : String.format("0x%04X %s",
                event.id(), event.name()));
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (event.flagged()) {
            flagged.incrementAndGet();
        }
        if (!filter.shows(event)) {
            return;
        }
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", Instant.ofEpochMilli(event.timeMillis()).toString());
            line.put("direction", event.direction().arrow);
            line.put("connection", event.connection());
            line.put("id", event.id() < 0 ? null : String.format("0x%04X", event.id()));
            line.put("name", event.name());
            line.put("fields", event.fields());
            line.put("flags", event.flags());
            if (!event.hex().isEmpty()) {
                line.put("hex", event.hex());
            }
            print(line);
            return;
        }
        StringBuilder line = new StringBuilder().append(Instant.ofEpochMilli(event.timeMillis())).append(' ')
                .append(event.direction().arrow).append(" #").append(event.connection()).append(' ');
        if (event.id() >= 0) {
            line.append(String.format("0x%04X ", event.id())).append(event.name()).append(' ');
        }
        line.append(event.fields());
        for (String flag : event.flags()) {
            line.append("  !! ").append(flag);
        }
        if (!event.hex().isEmpty()) {
            line.append("  [").append(event.hex()).append(']');
        }
        out.println(line);
    }

    private void print(Map<String, Object> line) {
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (IOException e) {
            out.println(line);
        }
    }

    /** Commands seen per direction and id, flagged frames, and the versions each client named. */
    synchronized void summary() {
        out.println("-- summary --");
        counts.forEach((key, n) -> out.printf("%8d  %s%n", n.get(), key));
        out.println("flagged: " + flagged.get());
        versions.forEach((connection, version) -> out.println("#" + connection + ": " + version));
        out.flush();
    }

    long flaggedCount() {
        return flagged.get();
    }

    /** Decodes a capture file again through this session (its filters and format apply). */
    void replay(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a honchat inspect capture (it starts with " + new String(magic,
                    StandardCharsets.US_ASCII).strip() + ")");
        }
        Map<Integer, Tap> taps = new TreeMap<>();
        while (true) {
            int type;
            try {
                type = data.readUnsignedByte();
            } catch (EOFException end) {
                break;
            }
            long time = data.readLong();
            int connection = data.readInt();
            if (type == NOTE) {
                byte[] text = data.readNBytes(data.readInt());
                note(time, connection, new String(text, StandardCharsets.UTF_8));
                continue;
            }
            Link link = Link.values()[data.readUnsignedByte()];
            Direction direction = Direction.values()[data.readUnsignedByte()];
            byte[] bytes = data.readNBytes(data.readInt());
            Tap tap = taps.computeIfAbsent(connection, c -> new Tap(link, c));
            tap.feed(time, direction, bytes, 0, bytes.length);
        }
        long now = System.currentTimeMillis();
        taps.values().forEach(tap -> tap.closed(now));
    }

    @Override
    public synchronized void close() throws IOException {
        out.flush();
        if (capture != null) {
            capture.close();
        }
    }
}
