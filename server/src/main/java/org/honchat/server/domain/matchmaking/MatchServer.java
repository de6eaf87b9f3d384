package org.honchat.server.domain.matchmaking;

/**
 * An authenticated match-server session (docs/protocol.md §9.5) and what its {@code new_session} registration and last
 * {@code 0x0502} said. Holds at most one match record (§9.4.5). Hub thread only.
 */
public final class MatchServer {

    final long serverId;
    final ServerLink link;
    final String registeredIp;
    final int registeredPort;
    String statusAddress = "";
    int statusPort;
    String location = "";
    String name = "";
    String version = "";
    String hostName = "";
    long statusMatchId = 0xFFFF_FFFFL;
    /** Last {@code EServerStatus}, -1 until the first {@code 0x0502}. */
    int status = -1;
    Match record;
    /** Set when a record is removed or after {@code 0x0508}: the server must report IDLE again (§9.4.5). */
    boolean awaitingIdle;
    /** When it was last given a match; 0 = never (server choice, §9.4.5). */
    long lastGivenAt;
    boolean gone;

    MatchServer(long serverId, ServerLink link, String registeredIp, int registeredPort) {
        this.serverId = serverId;
        this.link = link;
        this.registeredIp = registeredIp;
        this.registeredPort = registeredPort;
    }

    /** §9.4.5 "eligible match server". */
    boolean eligible() {
        return !gone && status == 1 && record == null && !awaitingIdle;
    }

    /** §9.5.6 rule 5: the registration's ip and port, else the last status's, else the TCP peer. */
    String connectAddress() {
        if (!registeredIp.isEmpty() && registeredPort != 0) {
            return registeredIp;
        }
        return !statusAddress.isEmpty() ? statusAddress : link.peerHost();
    }

    int connectPort() {
        return !registeredIp.isEmpty() && registeredPort != 0 ? registeredPort : statusPort;
    }

    public long serverId() {
        return serverId;
    }

    public String location() {
        return location;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "match server " + serverId;
    }
}
