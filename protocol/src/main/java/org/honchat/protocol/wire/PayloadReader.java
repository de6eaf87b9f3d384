package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ProtocolDecodeException.Kind;

/**
 * Reads the fields of one command from a payload, treating every byte as hostile: each read checks the bytes
 * left first, and every failure is a {@link ProtocolDecodeException} naming the command and the offset.
 * Not thread safe; one instance reads one command.
 */
public final class PayloadReader {

    private final ByteBuf buf;
    private int start;
    private final int end;
    private final DecodeContext context;
    private int commandId;
    private String commandName;

    /** Reads {@code buf} from its reader index to its writer index. */
    public PayloadReader(ByteBuf buf, DecodeContext context, int commandId, String commandName) {
        this.buf = buf;
        this.start = buf.readerIndex();
        this.end = buf.writerIndex();
        this.context = context;
        this.commandId = commandId;
        this.commandName = commandName;
    }

    /**
     * Starts a command whose payload begins at the current position: names it for error messages and makes offsets
     * count from here (a frame can carry two commands, §1.4).
     */
    public void command(int id, String name) {
        this.commandId = id;
        this.commandName = name;
        this.start = buf.readerIndex();
    }

    public DecodeContext context() {
        return context;
    }

    public int remaining() {
        return end - buf.readerIndex();
    }

    public boolean hasRemaining() {
        return buf.readerIndex() < end;
    }

    /** The current offset inside the payload. */
    public int offset() {
        return buf.readerIndex() - start;
    }

    public int u8() throws ProtocolDecodeException {
        need(1, "u8");
        return buf.readUnsignedByte();
    }

    public int u16() throws ProtocolDecodeException {
        need(2, "u16");
        return buf.readUnsignedShortLE();
    }

    public long u32() throws ProtocolDecodeException {
        need(4, "u32");
        return buf.readUnsignedIntLE();
    }

    /** Peeks at the next u32 without consuming it. */
    public long peekU32() throws ProtocolDecodeException {
        need(4, "u32");
        return buf.getUnsignedIntLE(buf.readerIndex());
    }

    public void skip(int bytes) throws ProtocolDecodeException {
        need(bytes, bytes + " bytes");
        buf.skipBytes(bytes);
    }

    /** §1.2: any non-zero value is true. */
    public boolean bool() throws ProtocolDecodeException {
        return u8() != 0;
    }

    /** A NUL-terminated, strictly validated UTF-8 string (§1.2). */
    public String str() throws ProtocolDecodeException {
        int from = buf.readerIndex();
        int nul = buf.indexOf(from, end, (byte) 0);
        if (nul < 0) {
            throw error(Kind.UNTERMINATED_STRING, "no 0x00 terminator in the " + remaining() + " bytes left");
        }
        int bad = Utf8.firstInvalid(buf, from, nul);
        if (bad >= 0) {
            throw new ProtocolDecodeException(Kind.INVALID_UTF8, commandId, commandName, bad - start,
                    String.format("byte 0x%02X does not start a well-formed UTF-8 sequence", buf.getByte(bad) & 0xFF));
        }
        String value = nul == from ? "" : buf.toString(from, nul - from, StandardCharsets.UTF_8);
        buf.readerIndex(nul + 1);
        return value;
    }

    /** The current position, for {@link #reset(int)}: lets a lenient layout try a parse and back out. */
    public int mark() {
        return buf.readerIndex();
    }

    public void reset(int mark) {
        buf.readerIndex(mark);
    }

    /** The rest of the payload, raw. */
    public Bytes rest() {
        byte[] bytes = new byte[remaining()];
        buf.readBytes(bytes);
        return Bytes.wrap(bytes);
    }

    /**
     * A count field followed by that many entries. The count is checked against the bytes left before anything is
     * allocated, so a hostile count cannot make the reader reserve memory (issue: bounds).
     */
    public int count(long declared, int minEntrySize) throws ProtocolDecodeException {
        long possible = remaining() / Math.max(1, minEntrySize);
        if (declared > possible) {
            throw error(Kind.TRUNCATED, "count " + declared + " needs at least " + declared * Math.max(1, minEntrySize)
                    + " bytes, " + remaining() + " left");
        }
        return (int) declared;
    }

    public ProtocolDecodeException error(Kind kind, String detail) {
        return errorAt(kind, offset(), detail);
    }

    public ProtocolDecodeException errorAt(Kind kind, int offset, String detail) {
        return new ProtocolDecodeException(kind, commandId, commandName, offset, detail);
    }

    private void need(int bytes, String what) throws ProtocolDecodeException {
        if (remaining() < bytes) {
            throw error(Kind.TRUNCATED, what + " needs " + bytes + " bytes, " + remaining() + " left");
        }
    }
}
