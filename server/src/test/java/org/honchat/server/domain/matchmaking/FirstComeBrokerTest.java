package org.honchat.server.domain.matchmaking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.honchat.server.domain.matchmaking.Broker.Formed;
import org.honchat.server.domain.matchmaking.Broker.IdleServer;
import org.honchat.server.domain.matchmaking.Broker.QueuedGroup;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §9.4.2-§9.4.5: the broker alone, on snapshots. */
class FirstComeBrokerTest {

    private final Broker broker = new FirstComeBroker();
    private static final IdleServer EU = new IdleServer(1, "EU", 0);

    private static QueuedGroup group(long id, long joined, int size) {
        return group(id, joined, size, List.of("hb", "sd"), List.of("EU", "USE"));
    }

    private static QueuedGroup group(long id, long joined, int size, List<String> modes, List<String> regions) {
        return new QueuedGroup(id, joined, 3, "midwars", false, 5, modes, regions, size);
    }

    @Test
    void groupsFillTeamOneThenTeamTwoInJoinOrderAndAreNeverSplit() {
        // join order 1 (3), 2 (3), 3 (2), 4 (2); listed out of order on purpose
        List<QueuedGroup> queue = List.of(group(4, 400, 2), group(2, 200, 3), group(1, 100, 3), group(3, 300, 2));
        List<Formed> formed = broker.cycle(queue, List.of(EU), true);
        assertThat(formed).containsExactly(new Formed(List.of(1L, 3L), List.of(2L, 4L), "hb", "EU", 1));
    }

    @Test
    void aGroupThatFitsNeitherTeamIsSkippedAndWaits() {
        List<QueuedGroup> queue = List.of(group(1, 1, 4), group(2, 2, 4), group(3, 3, 2), group(4, 4, 1),
                group(5, 5, 1));
        // team 1: 1 (4) + 4 (1); team 2: 2 (4) + 5 (1); group 3 (2) fits nowhere and stays
        assertThat(broker.cycle(queue, List.of(EU), true))
                .containsExactly(new Formed(List.of(1L, 4L), List.of(2L, 5L), "hb", "EU", 1));
    }

    @Test
    void modesAndRegionsMustIntersectAndTheAnchorsOrderPicksThem() {
        List<QueuedGroup> queue = new ArrayList<>();
        queue.add(group(1, 1, 5, List.of("sd", "hb"), List.of("USE", "EU")));
        queue.add(group(2, 2, 5, List.of("ap"), List.of("EU")));
        queue.add(group(3, 3, 5, List.of("hb", "sd"), List.of("EU")));
        assertThat(broker.cycle(queue, List.of(new IdleServer(7, "eu", 0)), true))
                .containsExactly(new Formed(List.of(1L), List.of(3L), "sd", "EU", 7));
    }

    @Test
    void differentMapsOrRankedFlagsNeverMix() {
        List<QueuedGroup> queue = List.of(group(1, 1, 5),
                new QueuedGroup(2, 2, 3, "midwars", true, 5, List.of("hb"), List.of("EU"), 5),
                new QueuedGroup(3, 3, 1, "caldavar", false, 5, List.of("hb"), List.of("EU"), 5));
        assertThat(broker.cycle(queue, List.of(EU), true)).isEmpty();
    }

    @Test
    void serverChoicePrefersTheRegionThenTheLeastRecentlyUsed() {
        List<QueuedGroup> queue = List.of(group(1, 1, 5), group(2, 2, 5), group(3, 3, 5), group(4, 4, 5));
        List<IdleServer> servers = List.of(new IdleServer(1, "USE", 0), new IdleServer(2, "EU", 500),
                new IdleServer(3, "EU", 100));
        List<Formed> formed = broker.cycle(queue, servers, true);
        assertThat(formed).extracting(Formed::serverId).containsExactly(3L, 2L);
    }

    @Test
    void withoutFallbackNoServerInTheRegionEndsTheCycle() {
        List<QueuedGroup> queue = List.of(group(1, 1, 5), group(2, 2, 5));
        List<IdleServer> servers = List.of(new IdleServer(1, "USE", 0));
        assertThat(broker.cycle(queue, servers, false)).isEmpty();
        assertThat(broker.cycle(queue, servers, true)).extracting(Formed::serverId).containsExactly(1L);
        assertThat(broker.cycle(queue, List.of(), true)).isEmpty();
    }
}
