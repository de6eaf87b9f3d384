package org.honchat.server.domain.matchmaking;

import java.util.List;

/**
 * A group's settings (docs/protocol.md §6.11 "Group settings"): from {@code 0x0C0A}, changed by {@code 0x0D08}. Modes and
 * regions hold only configured entries, in the order the client asked for them.
 */
public record GroupOptions(int tmmType, int gameType, String map, List<String> modes, List<String> regions,
        boolean ranked, int matchFidelity, int botDifficulty, boolean randomizeBots) {

    public GroupOptions {
        modes = List.copyOf(modes);
        regions = List.copyOf(regions);
    }

    public String modesText() {
        return String.join("|", modes);
    }

    public String regionsText() {
        return String.join("|", regions);
    }

    /** §9.2 {@code 0x0D08} rule 2: game type 99 changes only the fidelity. */
    public GroupOptions withFidelity(int fidelity) {
        return new GroupOptions(tmmType, gameType, map, modes, regions, ranked, fidelity, botDifficulty,
                randomizeBots);
    }

    /** §9.1 arranged match type: the first row of the table that matches. */
    public int arrangedMatchType() {
        return switch (gameType) {
            case 3, 8, 9, 10 -> 4;
            case 4 -> 7;
            case 6, 7 -> 10;
            default -> tmmType == 3 ? 5 : gameType == 5 ? 9 : !ranked ? 6 : 1;
        };
    }
}
