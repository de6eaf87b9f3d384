package org.honchat.server.domain.matchmaking;

import org.honchat.protocol.link.ManagerPackets;

/** An authenticated server-manager session (docs/protocol.md §9.6) and its last {@code 0x1602}. Hub thread only. */
public final class ManagerSession {

    final long managerId;
    final ServerLink link;
    ManagerPackets.Status status;
    boolean gone;

    ManagerSession(long managerId, ServerLink link) {
        this.managerId = managerId;
        this.link = link;
    }

    @Override
    public String toString() {
        return "manager " + managerId;
    }
}
