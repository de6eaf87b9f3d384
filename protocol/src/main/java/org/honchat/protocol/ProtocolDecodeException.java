package org.honchat.protocol;

/**
 * A frame or command that does not follow the protocol (docs/protocol.md). Checked, so every caller decides what bad input
 * means for its connection (§1.3: close before authentication, ignore the command after it).
 */
public final class ProtocolDecodeException extends Exception {

    /** What was wrong with the bytes. */
    public enum Kind {
        /** A declared frame length above the connection's current limit (§1.3 rule 5). */
        FRAME_TOO_LARGE,
        /** A command id that has no record in this direction (§1.3 rule 7). */
        UNKNOWN_COMMAND,
        /** The payload ended before a required field, or a count promises more entries than bytes remain. */
        TRUNCATED,
        /** A {@code str} without its 0x00 terminator inside the frame (§1.2). */
        UNTERMINATED_STRING,
        /** A {@code str} whose bytes are not well-formed UTF-8 (§1.2). */
        INVALID_UTF8,
        /** A byte outside the values an enumeration allows (§4). */
        BAD_ENUM,
        /** Bytes left after the last field; an error only in strict mode (§2.1). */
        TRAILING_BYTES
    }

    private final Kind kind;
    private final int commandId;
    private final String commandName;
    private final int offset;

    public ProtocolDecodeException(Kind kind, int commandId, String commandName, int offset, String detail) {
        super(format(kind, commandId, commandName, offset, detail), null, false, false);
        this.kind = kind;
        this.commandId = commandId;
        this.commandName = commandName;
        this.offset = offset;
    }

    private static String format(Kind kind, int commandId, String commandName, int offset, String detail) {
        String command = commandId < 0 ? "frame" : String.format("0x%04X %s", commandId, commandName);
        return kind + " in " + command + " at payload offset " + offset + ": " + detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The command id, or -1 when the error is about the frame itself. */
    public int commandId() {
        return commandId;
    }

    public String commandName() {
        return commandName;
    }

    /** Byte offset inside the command's payload (0 = first byte after the id) where the error was found. */
    public int offset() {
        return offset;
    }
}
