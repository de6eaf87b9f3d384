package org.honchat.server.store;

import java.time.Instant;
import java.util.Objects;
import org.honchat.protocol.types.ClanRank;

/** Records of the buddy and clan stores. */
public final class Social {

    private Social() {
    }

    /** A pending buddy request (§6.7). */
    public record BuddyRequest(long notificationId, long requesterId, long targetId) {
    }

    /** A clan (§6.8). */
    public record Clan(long id, String name, String tag) {
        public Clan {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tag, "tag");
        }
    }

    /** An account's place in its clan. */
    public record Membership(Clan clan, ClanRank rank, Instant joined) {
    }

    /** One member of a clan roster. */
    public record ClanMember(long accountId, String name, ClanRank rank, Instant joined) {
    }
}
