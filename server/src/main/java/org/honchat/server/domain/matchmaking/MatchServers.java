package org.honchat.server.domain.matchmaking;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.honchat.protocol.clientbound.MatchmakingPackets.AutoMatchConnect;
import org.honchat.protocol.clientbound.MatchmakingPackets.ServerNotIdle;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.link.ChatToMatchServer.RosterEntry;
import org.honchat.protocol.link.ChatToMatchServer;
import org.honchat.protocol.link.MatchServerPackets.Announce;
import org.honchat.protocol.link.MatchServerPackets.Status;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.server.config.ServerConfig.MatchServerConfig;
import org.honchat.server.config.ServerConfig.MatchmakingConfig;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The match servers connected on port 11032 and the match each holds (docs/protocol.md §9.5, §9.4.5): authentication's
 * last checks, status, create, announce, reminders, failures before the announce and link loss. A match server can
 * only reach players on the roster of its own record, and every client command sent on its behalf is built here
 * from checked values, so it cannot make the chat server send a layout the client cannot read. Hub thread only.
 */
final class MatchServers {

    private static final Logger LOG = LoggerFactory.getLogger(MatchServers.class);

    /** §9.5.7: at most one reminder per account per 4 s. */
    static final long REMINDER_MILLIS = 4_000;

    private final MatchmakingConfig config;
    private final MatchServerConfig linkConfig;
    private final Outbox out;
    private final Directory directory;
    private final Clock clock;
    private final RandomGenerator random;
    private final Credits credits;
    private final Metrics metrics;
    Groups groups;
    private final Map<Long, MatchServer> byId = new LinkedHashMap<>();
    private long nextMatchupId = 1;

    MatchServers(MatchmakingConfig config, MatchServerConfig linkConfig, Outbox out, Directory directory, Clock clock,
            RandomGenerator random, Credits credits, Metrics metrics) {
        this.config = config;
        this.linkConfig = linkConfig;
        this.out = out;
        this.directory = directory;
        this.clock = clock;
        this.random = random;
        this.credits = credits;
        this.metrics = metrics;
    }

    boolean anyAuthenticated() {
        return !byId.isEmpty();
    }

    /** The last {@value #RECENT} matches formed, newest first (the console's "recent matches"). */
    static final int RECENT = 20;
    private final Deque<Match> recent = new ArrayDeque<>();

    List<Match> recent() {
        return List.copyOf(recent);
    }

    Collection<MatchServer> all() {
        return byId.values();
    }

    List<Broker.IdleServer> eligible() {
        List<Broker.IdleServer> idle = new ArrayList<>();
        for (MatchServer s : byId.values()) {
            if (s.eligible()) {
                idle.add(new Broker.IdleServer(s.serverId, s.location, s.lastGivenAt));
            }
        }
        return idle;
    }

    java.util.Set<Long> rosterOf(long serverId) {
        MatchServer server = byId.get(serverId);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        if (server != null && server.record != null) {
            server.record.roster.forEach(entry -> ids.add(entry.accountId()));
        }
        return ids;
    }

    MatchServer eligibleById(long serverId) {
        MatchServer server = byId.get(serverId);
        return server != null && server.eligible() ? server : null;
    }

    /**
     * §9.5.2 checks 5-7, after the network layer checked the frame, the protocol and the cookie: the limit, then
     * replacing an older session with the same id, then the accept sequence ({@code 0x1500}, {@code 0x1505}, each
     * {@code 0x1504}). Returns the session, or null when refused.
     */
    MatchServer connect(long serverId, String cookie, String registeredIp, int registeredPort, ServerLink link) {
        MatchServer old = byId.get(serverId);
        // check 5 before check 6, as listed: at the limit even a reconnecting server waits for its old session to go
        if (byId.size() >= linkConfig.maxServers()) {
            LOG.info("match server {} refused: {} servers are connected already", serverId, byId.size());
            link.send(new ChatToMatchServer.Reject(ChatToMatchServer.Reject.UNKNOWN));
            link.close();
            return null;
        }
        if (old != null) {
            LOG.info("match server {} connected again; the older session is closed", serverId);
            lost(old);
            old.link.close();
        }
        MatchServer server = new MatchServer(serverId, link, registeredIp, registeredPort);
        byId.put(serverId, server);
        metrics.matchServersConnected().set(byId.size());
        link.opened(server);
        link.send(ChatToMatchServer.Accept.INSTANCE);
        link.send(new ChatToMatchServer.Options(linkConfig.options().values()));
        for (String command : linkConfig.remoteCommandList()) {
            link.send(new ChatToMatchServer.RemoteCommand(cookie, command));
        }
        LOG.info("match server {} connected ({}:{})", serverId, registeredIp, registeredPort);
        return server;
    }

    /** §9.5.4 {@code 0x0502}. */
    void status(MatchServer server, Status status) {
        if (server.gone || status.serverId() != server.serverId) {
            return;
        }
        server.statusAddress = status.address();
        server.statusPort = status.port();
        server.location = status.location();
        server.name = status.name();
        server.statusMatchId = status.matchId();
        server.version = status.version();
        server.hostName = status.hostName();
        server.status = status.status();
        Match record = server.record;
        if (status.idle()) {
            if (record != null && record.state != Match.State.PENDING) {
                if (record.state == Match.State.CONNECTING) {
                    credits.makeUsable(record);
                }
                LOG.info("matchmaking: {} on {} is over (server idle)", record, server);
                server.record = null;
            }
            server.awaitingIdle = false;
        } else if (status.crashedOrKilled() && record != null) {
            LOG.info("matchmaking: {} reported status {}", server, status.status());
            endRecordAsLinkLoss(server);
        }
    }

    /** §9.4.3 spawning, steps 1-3: the roster, the record, and {@code 0x1502}. */
    Match create(List<Group> groupsInOrder, int team1Groups, String mode, String region, MatchServer server) {
        long now = clock.millis();
        Group anchor = groupsInOrder.get(0);
        int t = anchor.teamSize;
        List<RosterEntry> roster = new ArrayList<>();
        int[] nextSlot = new int[3];
        for (int index = 0; index < groupsInOrder.size(); index++) {
            int team = index < team1Groups ? 1 : 2;
            for (ChatSession member : groupsInOrder.get(index).members()) {
                roster.add(RosterEntry.plain(member.accountId, team, nextSlot[team]++, index));
            }
        }
        long challenge = random.nextLong(0x1_0000_0000L);
        Match match = new Match(nextMatchupId++, challenge, anchor.options, t, mode, region, groupsInOrder, roster,
                server, now);
        match.address = server.connectAddress();
        match.port = server.connectPort();
        server.record = match;
        server.lastGivenAt = now;
        String settings = "mode:" + mode + " map:" + anchor.options.map() + " teamsize:" + t
                + " allheroes:true noleaver:true spectators:" + 2 * t;
        server.link.send(new CreateMatch(match.arrangedMatchType, match.matchupId, 0, challenge,
                config.matchNamePrefix(), settings, 0, 0, roster,
                groupsInOrder.stream().map(g -> g.id).toList()));
        metrics.matchesFormed.increment();
        recent.addFirst(match);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        LOG.info("matchmaking: {} formed ({}, game type {}, {} players, mode {}, region {}) and sent to {}", match,
                anchor.options.map(), anchor.options.gameType(), roster.size(), mode, region, server);
        return match;
    }

    /** §9.5.6 {@code 0x0503}. */
    void announce(MatchServer server, Announce announce) {
        Match match = server.record;
        if (match == null || match.matchupId != announce.matchupId() || match.state != Match.State.PENDING) {
            LOG.debug("{}: announce of matchup {} ignored (no such pending match here)", server,
                    announce.matchupId());
            return;
        }
        if (match.challenge != announce.challenge()) {
            LOG.info("matchmaking: {} announced {} with the wrong challenge; ignored", server, match);
            return;
        }
        match.state = Match.State.CONNECTING;
        match.matchId = announce.matchId();
        metrics.matchesAnnounced.increment();
        for (RosterEntry entry : match.roster) {
            ChatSession player = directory.session(entry.accountId());
            if (player != null) {
                out.send(player, new AutoMatchConnect(match.arrangedMatchType, match.matchId, match.address,
                        match.port, random.nextLong(0xFFFF_FFFFL)));
            }
        }
        for (Group group : match.groups) {
            if (group.dissolved) {
                continue;
            }
            if (group.size() <= 1) {
                groups.dissolve(group);
            } else {
                groups.toForming(group);
            }
        }
        LOG.info("matchmaking: {} announced as match {} on {} ({}:{})", match, match.matchId, server, match.address,
                match.port);
    }

    /** §9.5.7 {@code 0x0506}: a reminder to a roster player of this server's connecting match. */
    void remind(MatchServer server, long accountId) {
        Match match = server.record;
        if (match == null || match.state != Match.State.CONNECTING || !match.onRoster(accountId)) {
            return;
        }
        ChatSession player = directory.session(accountId);
        long now = clock.millis();
        Long last = match.reminded.get(accountId);
        if (player == null || (last != null && now - last < REMINDER_MILLIS)) {
            return;
        }
        match.reminded.put(accountId, now);
        out.send(player, new AutoMatchConnect(match.arrangedMatchType, match.matchId, match.address, match.port,
                0xFFFF_FFFFL));
    }

    /** §9.5.7 {@code 0x0504}. */
    void abandon(MatchServer server, boolean failed) {
        Match match = server.record;
        if (match == null) {
            return;
        }
        match.outcome = failed ? "abandoned (failed)" : "ended";
        if (failed && match.state == Match.State.PENDING) {
            failBeforeAnnounce(server, "abandoned by the server");
            return;
        }
        if (failed && match.state == Match.State.CONNECTING) {
            credits.makeUsable(match);
        } else if (!failed) {
            credits.delete(match);
        }
        removeRecord(server);
    }

    /** §9.5.7 {@code 0x0505}. */
    void started(MatchServer server, long matchupId) {
        Match match = server.record;
        if (match != null && match.matchupId == matchupId) {
            match.state = Match.State.STARTED;
            credits.delete(match);
            LOG.info("matchmaking: {} (match {}) started", match, match.matchId);
        }
    }

    /** §9.5.7 {@code 0x0508}: the pending match fails; the server must report IDLE before it gets another. */
    void notIdle(MatchServer server, long matchupId) {
        Match match = server.record;
        server.awaitingIdle = true;
        if (match != null && match.state == Match.State.PENDING
                && (matchupId == MatchServerPackets.NotIdle.NO_ID || matchupId == match.matchupId)) {
            failBeforeAnnounce(server, "server not idle");
            server.awaitingIdle = true;
        }
    }

    /**
     * §9.5.7 {@code 0x0509}: nothing is sent to players (the match server disconnects them itself). A match still
     * PENDING leaves its groups waiting for an announce that will not come; they go back to FORMING without a
     * {@code 0x0D03}, so a later leave or ready from their clients is handled normally (§9.5.7 is silent on this).
     */
    void aborted(MatchServer server, long matchupId) {
        Match match = server.record;
        if (match == null || match.matchupId != matchupId) {
            return;
        }
        if (match.state != Match.State.STARTED) {
            credits.makeUsable(match);
        }
        if (match.state == Match.State.PENDING) {
            metrics.matchesFailed.increment();
            for (Group group : match.groups) {
                if (!group.dissolved && group.state == Group.State.MATCHED) {
                    groups.toForming(group);
                }
            }
        }
        match.outcome = "aborted by the match server";
        LOG.info("matchmaking: {} aborted by {}", match, server);
        removeRecord(server);
    }

    /** §9.5.7 {@code 0x0515}. */
    void ended(MatchServer server) {
        Match match = server.record;
        if (match != null) {
            credits.delete(match);
            match.outcome = "ended";
            LOG.info("matchmaking: {} (match {}) ended", match, match.matchId);
            removeRecord(server);
        }
    }

    /** §9.5.9 link loss: records end, the session is forgotten; the registration stays valid. */
    void lost(MatchServer server) {
        if (server.gone) {
            return;
        }
        endRecordAsLinkLoss(server);
        server.gone = true;
        if (byId.get(server.serverId) == server) {
            byId.remove(server.serverId);
        }
        metrics.matchServersConnected().set(byId.size());
        LOG.info("{} disconnected", server);
    }

    /** §9.4.5 announce timeout and §9.4.7 record timeout. */
    void expire() {
        long now = clock.millis();
        for (MatchServer server : new ArrayList<>(byId.values())) {
            Match match = server.record;
            if (match == null) {
                continue;
            }
            if (match.state == Match.State.PENDING
                    && now - match.createdAt > config.announceTimeoutSeconds() * 1000L) {
                failBeforeAnnounce(server, "no announce within " + config.announceTimeoutSeconds() + " s");
            } else if (now - match.createdAt > config.matchRecordTimeoutSeconds() * 1000L) {
                // as if the server reported IDLE (§9.4.7)
                match.outcome = "record timed out";
                if (match.state == Match.State.CONNECTING) {
                    credits.makeUsable(match);
                }
                removeRecord(server);
            }
        }
    }

    private void endRecordAsLinkLoss(MatchServer server) {
        Match match = server.record;
        if (match == null) {
            return;
        }
        if (match.outcome == null) {
            match.outcome = "match server lost";
        }
        switch (match.state) {
            case PENDING -> failBeforeAnnounce(server, "link lost");
            case CONNECTING -> {
                credits.makeUsable(match);
                removeRecord(server);
            }
            case STARTED -> removeRecord(server);
            default -> throw new IllegalStateException(match.state.name());
        }
    }

    /** §9.4.5 "Failures before the announce", steps 1-3. */
    private void failBeforeAnnounce(MatchServer server, String why) {
        Match match = server.record;
        removeRecord(server);
        credits.makeUsable(match);
        match.outcome = "failed: " + why;
        metrics.matchesFailed.increment();
        LOG.info("matchmaking: {} failed before its announce on {} ({})", match, server, why);
        ServerNotIdle notice = new ServerNotIdle(match.arrangedMatchType, match.matchupId, match.address, match.port);
        for (Group group : match.groups) {
            if (group.dissolved) {
                continue;
            }
            List<ChatSession> told = group.members().stream().filter(m -> match.onRoster(m.accountId)).toList();
            out.send(told, notice);
            groups.dissolve(group);
        }
    }

    private void removeRecord(MatchServer server) {
        server.record = null;
        server.awaitingIdle = true;
    }
}
