package org.honchat.server.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two messages nodes exchange over Redis (docs/cluster.md "On the wire"). Up: one connection event from the node
 * that holds the connection to the hub node. Down: the hub node's output for one node's connections, one message per
 * hub batch: a frame that several of that node's connections receive travels once, with their ids.
 */
public final class ClusterWire {

    /** The first byte of every message: which of the two it is. */
    public static final byte UP = 'U';
    public static final byte DOWN = 'D';
    public static final byte CALL = 'C';
    public static final byte REPLY = 'R';

    private ClusterWire() {
    }

    /** Which message this is: {@link #UP}, {@link #DOWN}, {@link #CALL} or {@link #REPLY} (0 if empty). */
    public static byte kind(byte[] message) {
        return message.length > 0 ? message[0] : 0;
    }

    /** A message from another node that does not parse: a bug or a foreign publisher; it is dropped. */
    public static final class MalformedMessage extends Exception {
        public MalformedMessage(String message) {
            super(message);
        }
    }

    public enum UpKind {
        /** A connection sent {@code 0x0C00}; {@code body} is that command. */
        CONNECT,
        /** An accepted connection sent a command for the chat rules. */
        COMMAND,
        /** The connection closed. */
        CLOSED,
        /**
         * The node learnt of a new hub term and asks which of its connections the new hub node took over from the
         * one before (docs/cluster.md "When the hub node goes"); no connection, {@code body} empty.
         */
        RESUME
    }

    /** One connection event. {@code remoteAddress} only for CONNECT; {@code body} empty for CLOSED. */
    public record Up(UpKind kind, long term, String nodeId, long incarnation, long connectionId, String remoteAddress,
            byte[] body) {

        public byte[] encode() {
            Writer out = new Writer(48 + body.length);
            out.u8(UP);
            out.u8(kind.ordinal());
            out.i64(term);
            out.string(nodeId);
            out.i64(incarnation);
            out.i64(connectionId);
            out.string(remoteAddress);
            out.bytes(body);
            return out.toBytes();
        }

        public static Up decode(byte[] message) throws MalformedMessage {
            ByteBuffer in = ByteBuffer.wrap(message);
            try {
                tag(in, UP);
                int kind = Byte.toUnsignedInt(in.get());
                if (kind >= UpKind.values().length) {
                    throw new MalformedMessage("unknown event " + kind);
                }
                Up up = new Up(UpKind.values()[kind], in.getLong(), string(in), in.getLong(), in.getLong(), string(in),
                        bytes(in));
                end(in);
                return up;
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new MalformedMessage("truncated event");
            }
        }
    }

    /** What the hub node tells one node to do with its connections, in this order. */
    public sealed interface Op {
    }

    /** Write {@code frame} (a whole frame, length prefix included) to each of these connections. */
    public record Frames(byte[] frame, long[] connectionIds) implements Op {
    }

    /** Flush what the connection was sent, then close it. */
    public record Close(long connectionId) implements Op {
    }

    /** The connection logged in as this account (§3.7 follows as frames). */
    public record Accepted(long connectionId, long accountId, boolean gameClient) implements Op {
    }

    /** The connection's login was refused with this {@code 0x1C01} reason code. */
    public record Rejected(long connectionId, int reasonCode) implements Op {
    }

    /** The answer to a RESUME: the node's connections whose sessions the new hub node holds; the rest close. */
    public record Resumed(long[] connectionIds) implements Op {
    }

    /** Output for one node: the hub's term and the node incarnation it was meant for. */
    public record Down(long term, long incarnation, List<Op> ops) {

        public static Down decode(byte[] message) throws MalformedMessage {
            ByteBuffer in = ByteBuffer.wrap(message);
            try {
                tag(in, DOWN);
                long term = in.getLong();
                long incarnation = in.getLong();
                List<Op> ops = new ArrayList<>();
                while (in.hasRemaining()) {
                    int op = Byte.toUnsignedInt(in.get());
                    switch (op) {
                        case 1 -> {
                            byte[] frame = bytes(in);
                            ops.add(new Frames(frame, ids(in)));
                        }
                        case 2 -> ops.add(new Close(in.getLong()));
                        case 3 -> ops.add(new Accepted(in.getLong(), in.getLong(), in.get() != 0));
                        case 4 -> ops.add(new Rejected(in.getLong(), Byte.toUnsignedInt(in.get())));
                        case 5 -> ops.add(new Resumed(ids(in)));
                        default -> throw new MalformedMessage("unknown operation " + op);
                    }
                }
                return new Down(term, incarnation, ops);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new MalformedMessage("truncated output");
            }
        }
    }

    /** A request to the hub node's side of the process: an operation by name with text arguments. */
    public record Call(long callId, String fromNode, String operation, List<String> arguments) {

        public byte[] encode() {
            Writer out = new Writer(64);
            out.u8(CALL);
            out.i64(callId);
            out.string(fromNode);
            out.string(operation);
            out.i32(arguments.size());
            arguments.forEach(out::string);
            return out.toBytes();
        }

        public static Call decode(byte[] message) throws MalformedMessage {
            ByteBuffer in = ByteBuffer.wrap(message);
            try {
                tag(in, CALL);
                long id = in.getLong();
                String from = string(in);
                String operation = string(in);
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / 4) {
                    throw new MalformedMessage("bad argument count " + count);
                }
                List<String> arguments = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    arguments.add(string(in));
                }
                end(in);
                return new Call(id, from, operation, arguments);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new MalformedMessage("truncated call");
            }
        }
    }

    /** The answer to a {@link Call}: its result, or why it failed. */
    public record Reply(long callId, boolean ok, String result) {

        public byte[] encode() {
            Writer out = new Writer(32 + result.length());
            out.u8(REPLY);
            out.i64(callId);
            out.u8(ok ? 1 : 0);
            out.string(result);
            return out.toBytes();
        }

        public static Reply decode(byte[] message) throws MalformedMessage {
            ByteBuffer in = ByteBuffer.wrap(message);
            try {
                tag(in, REPLY);
                Reply reply = new Reply(in.getLong(), in.get() != 0, string(in));
                end(in);
                return reply;
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new MalformedMessage("truncated reply");
            }
        }
    }

    /** Builds a {@link Down} message op by op. */
    public static final class DownWriter {
        private final Writer out = new Writer(1024);
        private int ops;
        private int countAt;
        private int recipients;

        public DownWriter(long term, long incarnation) {
            out.u8(DOWN);
            out.i64(term);
            out.i64(incarnation);
        }

        /**
         * Starts a Frames op with the readable bytes of {@code frame} (not moved); its recipients follow with
         * {@link #recipient}, then {@link #endFrames}.
         */
        public void frames(ByteBuf frame) {
            out.u8(1);
            out.i32(frame.readableBytes());
            out.raw(frame);
            countAt = out.size();
            out.i32(0);
            recipients = 0;
            ops++;
        }

        public void recipient(long connectionId) {
            out.i64(connectionId);
            recipients++;
        }

        public void endFrames() {
            out.patchI32(countAt, recipients);
        }

        public void close(long connectionId) {
            out.u8(2);
            out.i64(connectionId);
            ops++;
        }

        public void accepted(long connectionId, long accountId, boolean gameClient) {
            out.u8(3);
            out.i64(connectionId);
            out.i64(accountId);
            out.u8(gameClient ? 1 : 0);
            ops++;
        }

        public void rejected(long connectionId, int reasonCode) {
            out.u8(4);
            out.i64(connectionId);
            out.u8(reasonCode);
            ops++;
        }

        public void resumed(java.util.Collection<Long> connectionIds) {
            out.u8(5);
            out.i32(connectionIds.size());
            for (long id : connectionIds) {
                out.i64(id);
            }
            ops++;
        }

        public boolean isEmpty() {
            return ops == 0;
        }

        public byte[] toBytes() {
            return out.toBytes();
        }
    }

    private static void tag(ByteBuffer in, byte expected) throws MalformedMessage {
        byte tag = in.get();
        if (tag != expected) {
            throw new MalformedMessage("message tag " + tag + ", expected " + expected);
        }
    }

    /** A count, then that many connection ids. */
    private static long[] ids(ByteBuffer in) throws MalformedMessage {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 8) {
            throw new MalformedMessage("bad connection count " + count);
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = in.getLong();
        }
        return ids;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void end(ByteBuffer in) throws MalformedMessage {
        if (in.hasRemaining()) {
            throw new MalformedMessage(in.remaining() + " bytes after the event");
        }
    }

    /** A growable big-endian buffer on a heap {@link ByteBuf}. */
    private static final class Writer {
        private final ByteBuf buffer;

        Writer(int size) {
            buffer = Unpooled.buffer(size);
        }

        void u8(int value) {
            buffer.writeByte(value);
        }

        void i32(int value) {
            buffer.writeInt(value);
        }

        void i64(long value) {
            buffer.writeLong(value);
        }

        void string(String value) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            i32(value.length);
            raw(value, 0, value.length);
        }

        void raw(byte[] value, int offset, int length) {
            buffer.writeBytes(value, offset, length);
        }

        void raw(ByteBuf value) {
            buffer.writeBytes(value, value.readerIndex(), value.readableBytes());
        }

        int size() {
            return buffer.writerIndex();
        }

        void patchI32(int at, int value) {
            buffer.setInt(at, value);
        }

        byte[] toBytes() {
            return ByteBufUtil.getBytes(buffer);
        }
    }
}
