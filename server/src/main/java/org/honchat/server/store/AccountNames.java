package org.honchat.server.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Account names. The protocol does not fix a character set; this server allows 2 to 16 ASCII letters, digits and
 * underscores, which every known client displays and which can never collide with the {@code [TAG]} prefix or a
 * channel-name rule (§1.5). Names are unique case-insensitively.
 */
public final class AccountNames {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 16;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");

    private AccountNames() {
    }

    /** Returns {@code null} if {@code name} is valid, otherwise why not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an account name must not be empty";
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return "an account name has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, '" + name + "' has "
                    + name.length();
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "an account name may hold only letters A-Z, digits and '_': '" + name + "'";
        }
        return null;
    }

    /** The case-insensitive lookup key of a name. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** protocol terms, docs/protocol.md: the bare name, everything up to and including the first {@code ]} removed. */
    public static String bare(String name) {
        int close = name.indexOf(']');
        return close < 0 ? name : name.substring(close + 1);
    }
}
