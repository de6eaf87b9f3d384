package org.honchat.server.domain.matchmaking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.honchat.protocol.clientbound.MatchmakingPackets.PopularityUpdate;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.config.ServerConfig.MatchmakingConfig;

/**
 * What a group may choose (docs/protocol.md §9.3 {@code 0x0D07}, §9.8): the configured maps, game types, modes and
 * regions with their legend ids, and the rules that follow from them (team size, arranged match type, option
 * checks). Built once at start; {@link #of} refuses a configuration the 4.10 client could not parse, naming the key.
 */
public final class Catalog {

    /** A map, mode or region and the id the client's legend needs. */
    public record Named(String name, int id) {
        @Override
        public String toString() {
            return name + "-" + id;
        }
    }

    /** {@code ETMMGameMaps}, {@code ETMMGameModes}, {@code ETMMGameRegions} (§9.3 legend table). */
    private static final Map<String, Integer> MAP_IDS = ids("caldavar grimmscrossing midwars riftwars");
    private static final Map<String, Integer> MODE_IDS = ids("ap apg apd sd bd bp ar lp bb bbg bbr bm cm br km rd bdr "
            + "cp fp sp ss sm hb mwb rb");
    private static final Map<String, Integer> REGION_IDS = ids("USE USW EU SG MY PH TH ID VN RU KR AU LAT DX CN BR TR");

    private final List<Named> maps;
    private final List<Integer> gameTypes;
    private final List<Named> modes;
    private final List<Named> regions;
    private final int popularity;
    private final int teamSizeOverride;
    private final String requiredClientVersion;

    private Catalog(MatchmakingConfig config) {
        this.maps = named("matchmaking.maps", config.maps(), MAP_IDS);
        this.modes = named("matchmaking.modes", config.modes(), MODE_IDS);
        this.regions = named("matchmaking.regions", config.regions(), REGION_IDS);
        List<Integer> types = new ArrayList<>();
        for (String item : items("matchmaking.gameTypes", config.gameTypes())) {
            int type;
            try {
                type = Integer.parseInt(item);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("matchmaking.gameTypes: '" + item + "' is not a number");
            }
            require(type >= 0 && type <= 255 && !types.contains(type),
                    "matchmaking.gameTypes: " + item + " must be 0-255 and listed once");
            types.add(type);
        }
        this.gameTypes = List.copyOf(types);
        require(config.popularity() >= 0 && config.popularity() <= 10, "matchmaking.popularity must be 0-10");
        this.popularity = config.popularity();
        require(config.teamSizeOverride() >= 0 && config.teamSizeOverride() <= 5,
                "matchmaking.teamSizeOverride must be 0 (by map) or 1-5");
        this.teamSizeOverride = config.teamSizeOverride();
        String version = config.requiredClientVersion();
        require(version.isEmpty() || version.matches("\\d+\\.\\d+\\.\\d+"),
                "matchmaking.requiredClientVersion must be empty or three numbers like 4.10.1, got '" + version + "'");
        this.requiredClientVersion = version;
        int frame = FrameEncoder.frameSize(popularityUpdate(true));
        require(frame <= FrameEncoder.MAX_FRAME_BYTES, "matchmaking.maps/gameTypes/modes/regions: 0x0D07 would take "
                + frame + " bytes, above the " + FrameEncoder.MAX_FRAME_BYTES + "-byte frame limit; list fewer");
    }

    /** The catalogue of a configuration; an {@link IllegalArgumentException} names the key that is wrong. */
    public static Catalog of(MatchmakingConfig config) {
        return new Catalog(config);
    }

    private static Map<String, Integer> ids(String names) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String name : names.split(" ")) {
            ids.put(name.toLowerCase(Locale.ROOT), ids.size());
        }
        return ids;
    }

    /** §9.3 rule 1: no empty list, no empty item (no leading, trailing or doubled "|"). */
    private static List<String> items(String key, String list) {
        require(!list.isEmpty(), key + " must list at least one item");
        String[] items = list.split("\\|", -1);
        for (String item : items) {
            require(!item.isBlank() && item.strip().equals(item), key + " has an empty or padded item in '" + list
                    + "'");
        }
        return List.of(items);
    }

    /** Items as {@code name} (id from the protocol's table) or {@code name-id}; §9.3 rule 3 needs every id. */
    private static List<Named> named(String key, String list, Map<String, Integer> known) {
        List<Named> named = new ArrayList<>();
        for (String item : items(key, list)) {
            int dash = item.lastIndexOf('-');
            Named entry;
            if (dash > 0 && item.substring(dash + 1).matches("\\d{1,3}")) {
                entry = new Named(item.substring(0, dash), Integer.parseInt(item.substring(dash + 1)));
            } else {
                Integer id = known.get(item.toLowerCase(Locale.ROOT));
                require(id != null, key + ": '" + item + "' is not in the protocol's table; write it as name-id");
                entry = new Named(item, id);
            }
            require(!entry.name().contains(":") && named.stream().noneMatch(n -> n.name().equalsIgnoreCase(
                    entry.name())), key + ": '" + entry.name() + "' is listed twice or contains ':'");
            named.add(entry);
        }
        return List.copyOf(named);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code 0x0D07} with the configured lists (§9.3 layout and rules). */
    public PopularityUpdate popularityUpdate(boolean enabled) {
        String legend = "maps:" + join(maps, true) + "|modes:" + join(modes, true) + "|regions:" + join(regions, true)
                + "|";
        int count = PopularityUpdate.byteCount(join(maps, false), joinTypes(), join(modes, false),
                join(regions, false));
        return new PopularityUpdate(enabled, join(maps, false), joinTypes(), join(modes, false), join(regions, false),
                "", "", "", "", "", legend, Collections.nCopies(count, popularity), 0);
    }

    private static String join(List<Named> items, boolean withIds) {
        return String.join("|", items.stream().map(n -> withIds ? n.toString() : n.name()).toList());
    }

    private String joinTypes() {
        return String.join("|", gameTypes.stream().map(String::valueOf).toList());
    }

    /** T of §9 terms: the override, else 3 on grimmscrossing, else 5. */
    public int teamSize(String map) {
        if (teamSizeOverride > 0) {
            return teamSizeOverride;
        }
        return "grimmscrossing".equalsIgnoreCase(map) ? 3 : 5;
    }

    /** §9.2 {@code 0x0C0A} rule 4: the first three parts of the client's version must match, when one is set. */
    public boolean versionAccepted(String clientVersion) {
        if (requiredClientVersion.isEmpty()) {
            return true;
        }
        String[] parts = clientVersion.split("\\.");
        return parts.length >= 3 && String.join(".", parts[0], parts[1], parts[2]).equals(requiredClientVersion);
    }

    /**
     * §9.2 {@code 0x0C0A} rule 5 and {@code 0x0D08} rule 4: the options, with the modes and regions that are not
     * configured dropped (configured spelling kept), or empty when the request cannot be served.
     */
    public Optional<GroupOptions> validate(int tmmType, int gameType, String map, String modes, String regions,
            boolean ranked, int matchFidelity, int botDifficulty, boolean randomizeBots) {
        Optional<Named> knownMap = find(maps, map);
        List<String> keptModes = keep(this.modes, modes);
        List<String> keptRegions = keep(this.regions, regions);
        if (tmmType < 1 || tmmType > 4 || !gameTypes.contains(gameType) || knownMap.isEmpty() || keptModes.isEmpty()
                || keptRegions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GroupOptions(tmmType, gameType, knownMap.get().name(), keptModes, keptRegions, ranked,
                matchFidelity, botDifficulty, randomizeBots));
    }

    private static Optional<Named> find(List<Named> items, String name) {
        return items.stream().filter(n -> n.name().equalsIgnoreCase(name)).findFirst();
    }

    private static List<String> keep(List<Named> configured, String requested) {
        List<String> kept = new ArrayList<>();
        for (String item : requested.split("\\|")) {
            find(configured, item).map(Named::name).filter(name -> !kept.contains(name)).ifPresent(kept::add);
        }
        return kept;
    }
}
