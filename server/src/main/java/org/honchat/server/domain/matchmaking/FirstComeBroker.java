package org.honchat.server.domain.matchmaking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The broker of this phase (docs/protocol.md §9.4.3): first come, first served, groups never split, no rating balance.
 * Each queued group in join order anchors a candidate; later compatible groups fill team 1, then team 2; a full
 * candidate gets a server or ends the cycle.
 */
public final class FirstComeBroker implements Broker {

    @Override
    public List<Formed> cycle(List<QueuedGroup> queued, List<IdleServer> servers, boolean anyRegionFallback) {
        List<QueuedGroup> order = new ArrayList<>(queued);
        order.sort(Comparator.comparingLong(QueuedGroup::joinedAt).thenComparingLong(QueuedGroup::groupId));
        List<IdleServer> free = new ArrayList<>(servers);
        Set<Long> used = new HashSet<>();
        List<Formed> formed = new ArrayList<>();
        for (int a = 0; a < order.size(); a++) {
            QueuedGroup anchor = order.get(a);
            if (used.contains(anchor.groupId())) {
                continue;
            }
            int t = anchor.teamSize();
            List<QueuedGroup> team1 = new ArrayList<>(List.of(anchor));
            List<QueuedGroup> team2 = new ArrayList<>();
            int size1 = anchor.size();
            int size2 = 0;
            for (int g = a + 1; g < order.size() && (size1 < t || size2 < t); g++) {
                QueuedGroup candidate = order.get(g);
                if (used.contains(candidate.groupId()) || !compatible(anchor, team1, team2, candidate)) {
                    continue;
                }
                if (size1 + candidate.size() <= t) {
                    team1.add(candidate);
                    size1 += candidate.size();
                } else if (size2 + candidate.size() <= t) {
                    team2.add(candidate);
                    size2 += candidate.size();
                }
            }
            if (size1 < t || size2 < t) {
                continue;
            }
            List<QueuedGroup> all = new ArrayList<>(team1);
            all.addAll(team2);
            String mode = firstShared(anchor.modes(), all, true);
            String region = firstShared(anchor.regions(), all, false);
            Optional<IdleServer> server = choose(free, region, anyRegionFallback);
            if (server.isEmpty()) {
                break;
            }
            free.remove(server.get());
            all.forEach(g -> used.add(g.groupId()));
            formed.add(new Formed(team1.stream().map(QueuedGroup::groupId).toList(),
                    team2.stream().map(QueuedGroup::groupId).toList(), mode, region, server.get().serverId()));
        }
        return formed;
    }

    /** §9.4.2: same game type, map, ranked flag and T, and the mode and region lists of all still intersect. */
    private static boolean compatible(QueuedGroup anchor, List<QueuedGroup> team1, List<QueuedGroup> team2,
            QueuedGroup g) {
        if (g.gameType() != anchor.gameType() || !g.map().equals(anchor.map()) || g.ranked() != anchor.ranked()
                || g.teamSize() != anchor.teamSize()) {
            return false;
        }
        List<QueuedGroup> all = new ArrayList<>(team1);
        all.addAll(team2);
        all.add(g);
        return firstShared(anchor.modes(), all, true) != null && firstShared(anchor.regions(), all, false) != null;
    }

    /** The first entry, in the anchor's order, that every group lists; null when there is none. */
    private static String firstShared(List<String> anchorOrder, List<QueuedGroup> groups, boolean modes) {
        Set<String> shared = new LinkedHashSet<>(anchorOrder);
        for (QueuedGroup g : groups) {
            shared.retainAll(modes ? g.modes() : g.regions());
        }
        return shared.isEmpty() ? null : shared.iterator().next();
    }

    /** §9.4.5 server choice: the match region first (any case), then anywhere if allowed; least recently given. */
    private static Optional<IdleServer> choose(List<IdleServer> free, String region, boolean anyRegionFallback) {
        Comparator<IdleServer> order = Comparator.comparingLong(IdleServer::lastGivenAt)
                .thenComparingLong(IdleServer::serverId);
        Optional<IdleServer> local = free.stream().filter(s -> s.location().equalsIgnoreCase(region)).min(order);
        if (local.isPresent() || !anyRegionFallback) {
            return local;
        }
        return free.stream().min(order);
    }
}
