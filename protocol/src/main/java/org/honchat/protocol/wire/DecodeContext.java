package org.honchat.protocol.wire;

/**
 * What a decoder needs to know about the connection it reads for, beyond the bytes.
 *
 * @param strict       treat bytes left after the last field as an error, the way the 4.10 client does (§2.1);
 *                     the server reads leniently (§1.3 rule 2)
 * @param selfAccountId the reading session's own account id, or -1 if unknown. Needed for {@code 0x4E}
 *                     (the client reads the long form only for its own id, §6.1) and for the LEGACY form of
 *                     {@code 0x0D} (§6.2)
 * @param legacy       the reading session is LEGACY (§2.4)
 */
public record DecodeContext(boolean strict, long selfAccountId, boolean legacy) {

    /** The server reading a command of a session that is not authenticated yet. */
    public static final DecodeContext SERVER = new DecodeContext(false, -1, false);

    /** A reader that knows nothing about the connection and accepts no leftover bytes. */
    public static final DecodeContext STRICT = new DecodeContext(true, -1, false);

    public static DecodeContext server(long selfAccountId, boolean legacy) {
        return new DecodeContext(false, selfAccountId, legacy);
    }

    public static DecodeContext strictClient(long selfAccountId) {
        return new DecodeContext(true, selfAccountId, false);
    }
}
