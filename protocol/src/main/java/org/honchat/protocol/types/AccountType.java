package org.honchat.protocol.types;

/** Account type in the shared account store and the login reply (docs/protocol.md §4.7). */
public enum AccountType {
    DISABLED(0),
    TRIAL(1),
    SERVER(2),
    REGULAR(3),
    PREMIUM(4),
    STAFF(5),
    GAME_MASTER(6);

    private final int code;

    AccountType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Types 5 and 6 are staff: STAFF flag, STAFF admin level everywhere, exempt from limits (§4.7). */
    public boolean isStaff() {
        return this == STAFF || this == GAME_MASTER;
    }

    public static AccountType fromCode(int code) {
        for (AccountType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("no account type " + code);
    }
}
