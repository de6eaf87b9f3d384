package org.honchat.server.domain.matchmaking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.honchat.protocol.clientbound.MatchmakingPackets.CampaignStats;
import org.honchat.protocol.clientbound.MatchmakingPackets.PopularityUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.SeasonRecord;
import org.honchat.protocol.link.LinkPacket;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.QueueRequests.GameOptionUpdate;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.Scheduler;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matchmaking (docs/protocol.md §6.11, §9): groups, the queue, the broker, the match servers and managers, assembled.
 * The chat commands come through {@code ChatDomain}'s table; the link events come from the network layer, already
 * on the hub thread. Hub thread only.
 */
public final class Matchmaking {

    private static final Logger LOG = LoggerFactory.getLogger(Matchmaking.class);

    /** §9.4.7 timeouts are checked this often. */
    static final long SWEEP_MILLIS = 1_000;

    private final ServerConfig.MatchmakingConfig config;
    private final Outbox out;
    private final Scheduler scheduler;
    private final Catalog catalog;
    private final Groups groups;
    private final MatchQueue queue;
    private final MatchServers servers;
    private final Managers managers;
    private final CampaignStats campaignStats;

    /**
     * @param brokerThread where a broker cycle runs; its result comes back through {@code hub}
     */
    public Matchmaking(ServerConfig config, Outbox out, Directory directory, Clock clock, Scheduler scheduler,
            RandomGenerator random, Broker broker, Executor brokerThread, Executor hub, Metrics metrics) {
        this.config = config.matchmaking();
        this.out = out;
        this.scheduler = scheduler;
        this.catalog = Catalog.of(config.matchmaking());
        Credits credits = new Credits(config.matchmaking().requeueWindowSeconds() * 1000L);
        this.groups = new Groups(out, directory, clock, catalog, config.matchmaking().enabled());
        this.servers = new MatchServers(config.matchmaking(), config.matchserver(), out, directory, clock, random,
                credits, metrics);
        this.queue = new MatchQueue(config.matchmaking(), out, clock, groups, servers, credits, broker,
                brokerThread, hub, metrics);
        this.managers = new Managers(config.manager().options(), metrics);
        groups.queue = queue;
        servers.groups = groups;
        SeasonRecord season = SeasonRecord.unplayed(config.matchmaking().defaultRating());
        this.campaignStats = new CampaignStats(season, season, true, config.matchmaking().seasonActive());
        if (this.config.enabled()) {
            every(this.config.brokerIntervalSeconds() * 1000L, queue::cycle);
            if (this.config.queueUpdateSeconds() > 0) {
                every(this.config.queueUpdateSeconds() * 1000L, queue::sendQueueTimes);
            }
        }
        every(SWEEP_MILLIS, this::sweep);
    }

    private void every(long millis, Runnable task) {
        scheduler.later(millis, () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("matchmaking timer failed", e);
            }
            every(millis, task);
        });
    }

    private void sweep() {
        queue.expire(groups.loadingGroups());
        servers.expire();
    }

    // ---- chat commands (§9.2) ----

    public void create(ChatSession s, GroupCreate p) {
        groups.create(s, p);
    }

    public void invite(ChatSession s, String target) {
        groups.invite(s, target);
    }

    public void reject(ChatSession s, String inviter) {
        groups.reject(s, inviter);
    }

    public void join(ChatSession s, String member) {
        groups.join(s, member);
    }

    public void leave(ChatSession s) {
        groups.leave(s);
    }

    public void kick(ChatSession s, int slot) {
        groups.kick(s, slot);
    }

    public void ready(ChatSession s, boolean ready) {
        groups.ready(s, ready);
    }

    public void loading(ChatSession s, int percent) {
        groups.loading(s, percent);
    }

    public void options(ChatSession s, GameOptionUpdate p) {
        groups.options(s, p);
    }

    public void leaveQueue(ChatSession s) {
        groups.leaveQueue(s);
    }

    public void joinQueue(ChatSession s) {
        groups.joinQueue(s);
    }

    public void statusChanged(ChatSession s, boolean wasInGame) {
        groups.statusChanged(s, wasInGame);
    }

    public void disconnected(ChatSession s) {
        groups.disconnected(s);
    }

    /** §9.2 {@code 0x0D07}: game clients only. */
    /** Whether the session is in a group (the cluster's state copy records it, docs/cluster.md). */
    public boolean inGroup(ChatSession s) {
        return groups.groupOf(s) != null;
    }

    /**
     * Cluster mode: the session was in a group on a hub node that went, and groups are not in the state copy
     * (docs/cluster.md). {@code 0x0E0A} reason 2 (BUSY: no match server is connected to the new hub node yet) makes
     * the client drop its group (docs/protocol.md §9), so it shows no group that no longer exists.
     */
    public void groupLost(ChatSession s) {
        groups.lost(s);
    }

    public void popularity(ChatSession s) {
        if (s.gameClient) {
            out.send(s, popularityUpdate());
        }
    }

    /** §9.2 {@code 0x0F07}: the season stats, then {@code 0x0D07}, two frames; game clients only. */
    public void campaignStats(ChatSession s) {
        if (s.gameClient) {
            out.send(s, campaignStats);
            out.send(s, popularityUpdate());
        }
    }

    private PopularityUpdate popularityUpdate() {
        return catalog.popularityUpdate(config.enabled());
    }

    // ---- the match-server link (§9.5) ----

    /** §9.5.2 after the cookie check: the session, or null when refused (the link is then closed). */
    public MatchServer serverConnected(long serverId, String cookie, String registeredIp, int registeredPort,
            ServerLink link) {
        return servers.connect(serverId, cookie, registeredIp, registeredPort, link);
    }

    /** One command from an authenticated match server (§9.5.4-§9.5.7); pings are answered by the link itself. */
    public void fromServer(MatchServer server, LinkPacket packet) {
        if (server.gone) {
            return;
        }
        if (packet instanceof MatchServerPackets.Status status) {
            servers.status(server, status);
        } else if (packet instanceof MatchServerPackets.Announce announce) {
            servers.announce(server, announce);
        } else if (packet instanceof MatchServerPackets.RemindPlayer remind) {
            servers.remind(server, remind.accountId());
        } else if (packet instanceof MatchServerPackets.AbandonMatch abandon) {
            servers.abandon(server, abandon.failed());
        } else if (packet instanceof MatchServerPackets.MatchStarted started) {
            servers.started(server, started.matchupId());
        } else if (packet instanceof MatchServerPackets.NotIdle notIdle) {
            servers.notIdle(server, notIdle.matchupId());
        } else if (packet instanceof MatchServerPackets.MatchAborted aborted) {
            servers.aborted(server, aborted.matchupId());
        } else if (packet instanceof MatchServerPackets.MatchEnded) {
            servers.ended(server);
        } else {
            LOG.debug("{}: {} accepted and ignored", server, packet.codec());
        }
    }

    /** §9.5.9: the connection closed, failed, timed out, or sent {@code 0x0501}. */
    public void serverLost(MatchServer server) {
        servers.lost(server);
    }

    // ---- the manager link (§9.6) ----

    public ManagerSession managerConnected(long managerId, ServerLink link) {
        return managers.connect(managerId, link);
    }

    public void fromManager(ManagerSession manager, LinkPacket packet) {
        if (packet instanceof ManagerPackets.Status status) {
            managers.status(manager, status);
        }
    }

    public void managerLost(ManagerSession manager) {
        managers.lost(manager);
    }

    // ---- views, for tests and operators ----

    /** What the console shows of matchmaking (README "The admin API": {@code GET /api/matchmaking}). */
    public record View(boolean enabled, List<GroupView> groups, List<ServerView> servers, List<Long> managers,
            List<MatchView> recentMatches) {
    }

    /** One group: its state, size, map, regions and how long it has been in that state. */
    public record GroupView(long id, String state, int size, int teamSize, String map, List<String> regions,
            long secondsInState) {
    }

    /** One connected match server and the match it holds, if any. */
    public record ServerView(long serverId, String name, String location, String address, String status,
            long matchupId, String matchState) {
    }

    /** One recent match: where it ran, its players, its state and how it ended (null while it runs). */
    public record MatchView(long matchupId, long matchId, String map, String mode, String region, int players,
            long serverId, String state, String outcome, long createdAtMillis) {
    }

    /** A snapshot for the operator; hub thread only, like every rule. */
    public View view(long nowMillis) {
        List<GroupView> groupViews = new ArrayList<>();
        for (Group g : groups.all()) {
            groupViews.add(viewOf(g, Math.max(0, (nowMillis - g.stateSince) / 1000)));
        }
        groupViews.sort(Comparator.comparingLong(GroupView::id));
        List<ServerView> serverViews = new ArrayList<>();
        for (MatchServer server : servers.all()) {
            Match match = server.record;
            serverViews.add(new ServerView(server.serverId, server.name, server.location,
                    server.connectAddress() + ":" + server.connectPort(), statusName(server.status),
                    match == null ? 0 : match.matchupId,
                    match == null ? "" : match.state.name().toLowerCase(Locale.ROOT)));
        }
        serverViews.sort(Comparator.comparingLong(ServerView::serverId));
        List<MatchView> matches = servers.recent().stream().map(m -> new MatchView(m.matchupId, m.matchId,
                m.options.map(), m.mode, m.region, m.roster.size(), m.server.serverId,
                m.state.name().toLowerCase(Locale.ROOT), m.outcome, m.createdAt)).toList();
        return new View(config.enabled(), groupViews, serverViews, managers.ids(), matches);
    }

    /** The group an account is in, or null. */
    public GroupView groupOf(long accountId) {
        for (Group g : groups.all()) {
            if (g.members().stream().anyMatch(m -> m.accountId == accountId)) {
                return viewOf(g, 0);
            }
        }
        return null;
    }

    private static GroupView viewOf(Group g, long secondsInState) {
        return new GroupView(g.id, g.state.name().toLowerCase(Locale.ROOT), g.size(), g.teamSize, g.options.map(),
                g.options.regions(), secondsInState);
    }

    /** §9.5.4 status values as words. */
    private static String statusName(int status) {
        return switch (status) {
            case -1 -> "not reported";
            case 0 -> "sleeping";
            case 1 -> "idle";
            case 2 -> "loading";
            case 3 -> "active";
            case 4 -> "crashed";
            case 5 -> "killed";
            case 6 -> "unknown";
            default -> "status " + status;
        };
    }

    public int queuedGroups() {
        return queue.size();
    }

    public int groupCount() {
        return groups.count();
    }

    public int connectedServers() {
        return servers.all().size();
    }

    public int connectedManagers() {
        return managers.count();
    }

    /** The accounts on the roster of the match {@code serverId} holds, empty if none (§9.7 aids2cookie). */
    public java.util.Set<Long> rosterOf(long serverId) {
        return servers.rosterOf(serverId);
    }

}
