package org.honchat.server.domain.core;

import org.honchat.protocol.wire.FrameEncoder;

/** Text rules of docs/protocol.md §1.5 and §6.3. */
public final class Text {

    /** §4.8: message texts. */
    public static final int MESSAGE = 250;
    /** §4.8: topics. */
    public static final int TOPIC = 140;
    /** §4.8: channel names. */
    public static final int CHANNEL_NAME = 35;

    private Text() {
    }

    /**
     * §1.4 rule 3: the most UTF-8 bytes a {@code 0x39} text from {@code sender} may have for its frame (length, id,
     * two terminated strings) to stay within the 16384 bytes every client reads. 16364 for {@code Server Message}.
     */
    public static int broadcastBytes(String sender) {
        return FrameEncoder.MAX_FRAME_BYTES - 2 - 2 - utf8Length(sender) - 1 - 1;
    }

    /** The UTF-8 length of {@code text}, without encoding it. */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return bytes;
    }

    /** Cuts {@code text} to at most {@code maxBytes} of UTF-8, on a code-point boundary (§1.4 rule 5). */
    public static String cutUtf8(String text, int maxBytes) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + width > maxBytes) {
                return text.substring(0, i);
            }
            bytes += width;
            i += Character.charCount(cp);
        }
        return text;
    }

    /** Cuts {@code text} to {@code max} code points, never inside a surrogate pair (§1.4 rule 5). */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    /**
     * §6.3 name normalisation: trim, runs of whitespace to one space, no control characters or {@code ' < > " \},
     * cut to 35 code points.
     */
    public static String channelName(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || cp == '\''
                    || cp == '<' || cp == '>' || cp == '"' || cp == '\\') {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        return cut(out.toString(), CHANNEL_NAME).strip();
    }
}
