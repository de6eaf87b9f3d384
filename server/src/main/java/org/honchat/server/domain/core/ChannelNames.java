package org.honchat.server.domain.core;

import java.util.Locale;
import java.util.regex.Pattern;

/** Channel-name rules shared with the command line (docs/protocol.md §6.3). */
public final class ChannelNames {

    private ChannelNames() {
    }

    /** §6.3 name normalisation; "" when nothing is left. */
    public static String normalize(String raw) {
        return Text.channelName(raw);
    }

    /** Whether {@code name} is the general channel {@code <G>} or one of its overflows {@code <G> <n>}, any case. */
    public static boolean isGeneral(String name, String generalChannelName) {
        String key = name.toLowerCase(Locale.ROOT);
        String general = generalChannelName.toLowerCase(Locale.ROOT);
        return key.equals(general) || key.matches(Pattern.quote(general) + " \\d+");
    }

    /**
     * Why an operator may not create a permanent channel of this (normalised) name, or {@code null}: the general
     * channel and its overflow, and the clan and match name spaces, belong to the server.
     */
    public static String reservedProblem(String name, String generalChannelName) {
        String key = name.toLowerCase(Locale.ROOT);
        if (isGeneral(name, generalChannelName)) {
            return "'" + name + "' is the general channel's name";
        }
        if (key.startsWith("clan ") || key.startsWith("match ")) {
            return "names starting with 'Clan ' or 'Match ' belong to clan and match channels";
        }
        return null;
    }
}
