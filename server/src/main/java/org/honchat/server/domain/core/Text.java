package org.honchat.server.domain.core;

/** Text rules of PROTOCOL.md §1.5 and §6.3. */
public final class Text {

    /** §4.8: message texts. */
    public static final int MESSAGE = 250;
    /** §4.8: topics. */
    public static final int TOPIC = 140;
    /** §4.8: channel names. */
    public static final int CHANNEL_NAME = 35;

    private Text() {
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
