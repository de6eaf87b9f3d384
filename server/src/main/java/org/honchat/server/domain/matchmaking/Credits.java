package org.honchat.server.domain.matchmaking;

import java.util.HashMap;
import java.util.Map;

/**
 * Requeue credits (docs/protocol.md §9.4.6): a player whose match failed re-enters the queue at its old wait. One credit
 * per account; a newer one replaces an older one. Hub thread only.
 */
final class Credits {

    private record Credit(int gameType, String map, long waitedMillis, long createdAt, boolean usable) {
    }

    private final Map<Long, Credit> byAccount = new HashMap<>();
    private final long windowMillis;

    Credits(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Rule 1, at spawn. */
    void grant(long accountId, GroupOptions options, long waitedMillis, long now) {
        byAccount.put(accountId, new Credit(options.gameType(), options.map(), waitedMillis, now, false));
    }

    /** Rule 2: the match failed. */
    void makeUsable(Match match) {
        for (var entry : match.roster) {
            byAccount.computeIfPresent(entry.accountId(), (id, c) -> new Credit(c.gameType, c.map, c.waitedMillis,
                    c.createdAt, true));
        }
    }

    /** Rule 3: the match started or ended normally. */
    void delete(Match match) {
        match.roster.forEach(entry -> byAccount.remove(entry.accountId()));
    }

    /** Rule 4: the leader's usable credit for this game type and map, in milliseconds waited; -1 when none. */
    long usableWait(long leaderId, GroupOptions options, long now) {
        Credit c = byAccount.get(leaderId);
        if (c == null || !c.usable || now - c.createdAt > windowMillis || c.gameType != options.gameType()
                || !c.map.equalsIgnoreCase(options.map())) {
            return -1;
        }
        return c.waitedMillis;
    }

    /** Rule 4: once used, every member's usable credit goes. */
    void consume(Iterable<Long> accountIds) {
        for (long id : accountIds) {
            Credit c = byAccount.get(id);
            if (c != null && c.usable) {
                byAccount.remove(id);
            }
        }
    }

    /** Rule 3: credits older than the window go. */
    void expire(long now) {
        byAccount.values().removeIf(c -> now - c.createdAt > windowMillis);
    }

    int size() {
        return byAccount.size();
    }
}
