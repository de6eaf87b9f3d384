package org.honchat.testkit.servers;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.honchat.protocol.link.ChatToMatchServer;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.link.MatchServerPackets.Announce;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;

/**
 * A match server as the chat server sees one on port 11032 (docs/protocol.md §9.5), written from the spec: it connects
 * with its {@code new_session} cookie, reports its status, and the test (or {@link FakeMatchServerMain}) decides
 * when to announce, remind, refuse or drop. No game is hosted.
 */
public final class FakeMatchServer extends LinkClient {

    private final long serverId;
    private final String location;
    private final String ip;
    private final int port;

    private FakeMatchServer(String host, int chatPort, long serverId, String location, String ip, int port)
            throws IOException {
        super(host, chatPort, MatchServerPackets.TO_MATCH_SERVER, true);
        this.serverId = serverId;
        this.location = location;
        this.ip = ip;
        this.port = port;
    }

    /** Connects and sends {@code 0x0500}; the answer ({@code 0x1500} or {@code 0x1501}) is the next frame. */
    public static FakeMatchServer connect(String host, int chatPort, long serverId, String cookie, String location,
            String ip, int port) throws IOException {
        FakeMatchServer server = new FakeMatchServer(host, chatPort, serverId, location, ip, port);
        server.send(new MatchServerPackets.Connect(serverId, cookie, MatchServerPackets.PROTOCOL));
        return server;
    }

    /** The accept sequence of §9.5.2: {@code 0x1500}, then {@code 0x1505}; returns the options. */
    public ChatToMatchServer.Options expectAccepted() throws InterruptedException {
        expect(ChatToMatchServer.Accept.class);
        return expect(ChatToMatchServer.Options.class);
    }

    /** {@code 0x0502} with this status ({@code EServerStatus}: 1 idle, 3 active, 4 crashed...). */
    public void status(int status) throws IOException {
        send(new MatchServerPackets.Status(serverId, ip, port, location, "fake " + serverId, 0, 0xFFFF_FFFFL, status,
                "4.10.1.0", "testkit"));
    }

    public void idle() throws IOException {
        status(MatchServerPackets.STATUS_IDLE);
    }

    /** Waits for the chat server's next {@code 0x1502}. */
    public CreateMatch expectMatch(Duration wait) throws InterruptedException {
        Frame frame = nextFrame(wait);
        if (frame == null || !(frame.packet() instanceof CreateMatch create)) {
            throw new AssertionError("expected 0x1502, got " + (frame == null ? "nothing" : frame.packet()));
        }
        return create;
    }

    /** {@code 0x0503} for a match, echoing its group ids as S2's server does. */
    public void announce(CreateMatch match, long matchId) throws IOException {
        send(new Announce(match.matchupId(), match.challenge(), match.groupIds().size(), matchId,
                match.groupIds()));
    }

    public void remind(long accountId) throws IOException {
        send(new MatchServerPackets.RemindPlayer(accountId));
    }

    /** {@code 0x0508} NOT_IDLE for the matchup (the S2 layout: id, challenge, group count, ids). */
    public void notIdle(CreateMatch match) throws IOException {
        send(new MatchServerPackets.NotIdle(match.matchupId()));
    }

    public void started(CreateMatch match) throws IOException {
        send(new MatchServerPackets.MatchStarted(match.matchupId()));
    }

    /** A normal end: {@code 0x0515}, {@code 0x0504} failed 0, then IDLE, as a server does after a game. */
    public void ended(long matchId, List<Long> players) throws IOException {
        send(new MatchServerPackets.MatchEnded(matchId, 0, 1, players));
        send(new MatchServerPackets.AbandonMatch(false));
        idle();
    }

    /** {@code 0x0501}: leaves; the chat server treats it as link loss. */
    public void disconnect() throws IOException {
        send(MatchServerPackets.Disconnect.INSTANCE);
    }

    public long serverId() {
        return serverId;
    }
}
