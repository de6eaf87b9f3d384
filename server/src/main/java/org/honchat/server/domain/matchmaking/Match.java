package org.honchat.server.domain.matchmaking;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.link.ChatToMatchServer.RosterEntry;

/**
 * One match a match server was asked to host (docs/protocol.md §9.1 "Match states"): PENDING after {@code 0x1502},
 * CONNECTING after a valid {@code 0x0503}, STARTED after {@code 0x0505}. Hub thread only.
 */
final class Match {

    enum State { PENDING, CONNECTING, STARTED }

    final long matchupId;
    final long challenge;
    final int arrangedMatchType;
    final GroupOptions options;
    final int teamSize;
    final String mode;
    final String region;
    final List<Group> groups;
    final List<RosterEntry> roster;
    final MatchServer server;
    final long createdAt;
    State state = State.PENDING;
    long matchId;
    /** How it ended, for the operator ("ended", "failed: server not idle", ...); null while it runs. */
    String outcome;
    String address = "";
    int port;
    /** Account id to the time of its last reminder (§9.5.7: one per 4 s). */
    final Map<Long, Long> reminded = new HashMap<>();

    Match(long matchupId, long challenge, GroupOptions options, int teamSize, String mode, String region,
            List<Group> groups, List<RosterEntry> roster, MatchServer server, long now) {
        this.matchupId = matchupId;
        this.challenge = challenge;
        this.arrangedMatchType = options.arrangedMatchType();
        this.options = options;
        this.teamSize = teamSize;
        this.mode = mode;
        this.region = region;
        this.groups = List.copyOf(groups);
        this.roster = List.copyOf(roster);
        this.server = server;
        this.createdAt = now;
    }

    boolean onRoster(long accountId) {
        return roster.stream().anyMatch(e -> e.accountId() == accountId);
    }

    @Override
    public String toString() {
        return "matchup " + matchupId;
    }
}
