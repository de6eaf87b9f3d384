package org.honchat.server.domain.matchmaking;

import java.util.List;

/**
 * Forms matches from a snapshot of the queue (docs/protocol.md §9.4). A pure function of its input, so it can run off
 * the hub thread and be replaced (a rating-balanced broker is a later phase) without touching the rules that apply
 * its result.
 */
public interface Broker {

    /** One queued group as the broker sees it. */
    record QueuedGroup(long groupId, long joinedAt, int gameType, String map, boolean ranked, int teamSize,
            List<String> modes, List<String> regions, int size) {
        public QueuedGroup {
            modes = List.copyOf(modes);
            regions = List.copyOf(regions);
        }
    }

    /** One eligible match server: where it is and when it was last given a match (0 = never). */
    record IdleServer(long serverId, String location, long lastGivenAt) {
    }

    /** A match to spawn: team 1's and team 2's groups in placement order, its mode and region, and its server. */
    record Formed(List<Long> team1, List<Long> team2, String mode, String region, long serverId) {
        public Formed {
            team1 = List.copyOf(team1);
            team2 = List.copyOf(team2);
        }
    }

    /** One cycle: the matches to spawn, in the order they were formed. */
    List<Formed> cycle(List<QueuedGroup> queued, List<IdleServer> servers, boolean anyRegionFallback);
}
