package org.honchat.server.domain.matchmaking;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.LeftQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.RejoinQueue;
import org.honchat.server.config.ServerConfig.MatchmakingConfig;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue (docs/protocol.md §9.4): the checks and entry of §9.4.1, the broker cycle of §9.4.3 (the broker itself runs
 * off the hub thread on a snapshot; its result is applied here, skipping anything that changed meanwhile), the
 * queue time of §9.4.4 and the timeouts of §9.4.7. Hub thread only, except the broker call.
 */
final class MatchQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MatchQueue.class);

    /** §9.3 {@code 0x0D06} types. */
    static final int NO_MATCHES_FOUND = 12;
    static final int NO_SERVERS_FOUND = 13;

    private final MatchmakingConfig config;
    private final Outbox out;
    private final Clock clock;
    private final Groups groups;
    private final MatchServers servers;
    private final Credits credits;
    private final Broker broker;
    private final Executor brokerThread;
    private final Executor hub;
    private final Metrics metrics;
    private final Set<Group> queued = new LinkedHashSet<>();
    /** The group waits of the last {@code averageWindow} matches (§9.4.4), oldest first. */
    private final Deque<long[]> recentWaits = new ArrayDeque<>();
    private boolean cycleRunning;

    MatchQueue(MatchmakingConfig config, Outbox out, Clock clock, Groups groups, MatchServers servers,
            Credits credits, Broker broker, Executor brokerThread, Executor hub, Metrics metrics) {
        this.config = config;
        this.out = out;
        this.clock = clock;
        this.groups = groups;
        this.servers = servers;
        this.credits = credits;
        this.broker = broker;
        this.brokerThread = brokerThread;
        this.hub = hub;
        this.metrics = metrics;
    }

    int size() {
        return queued.size();
    }

    /** §9.4.1 checks with nothing before the refusal; true when the group was refused (and dissolved). */
    boolean refused(Group group) {
        return refused(group, null);
    }

    /**
     * §9.4.1 checks. On refusal, {@code before} (when given) goes to each member as a frame of its own first
     * (§9.2 {@code 0x0D04} rule 4), then {@code 0x0E0A}; the group is dissolved without further {@code 0x0D03}.
     */
    boolean refused(Group group, BiFunction<Group, ChatSession, GroupUpdate> before) {
        int reason = !servers.anyAuthenticated() ? GroupJoinFailed.BUSY
                : group.options.tmmType() == 3 || group.options.tmmType() == 4 ? GroupJoinFailed.OPTION_UNAVAILABLE
                : queued.size() >= config.maxQueuedGroups() ? GroupJoinFailed.BUSY
                : 0;
        if (reason == 0) {
            return false;
        }
        if (before != null) {
            for (ChatSession member : group.members()) {
                out.send(member, before.apply(group, member));
            }
        }
        LOG.debug("matchmaking: {} of {} refused at the queue (reason {})", group, group.size(), reason);
        groups.failAndDissolve(group, GroupJoinFailed.of(reason));
        return true;
    }

    /** §9.4.1 queue entry: QUEUED, and one frame to each member (type 2, 0x0D01, type 11, and 0x0E0C). */
    void enter(Group group, BiFunction<Group, ChatSession, GroupUpdate> partial) {
        long now = clock.millis();
        long credit = credits.usableWait(group.leaderId, group.options, now);
        group.enter(Group.State.QUEUED, now);
        group.joinedQueueAt = credit >= 0 ? now - credit : now;
        queued.add(group);
        metrics.queuedGroups().set(queued.size());
        if (credit >= 0) {
            credits.consume(group.members().stream().map(m -> m.accountId).toList());
        }
        long average = averageSeconds();
        for (ChatSession member : group.members()) {
            List<ClientboundPacket> frame = new ArrayList<>(List.of(partial.apply(group, member),
                    JoinedQueue.INSTANCE, new GroupQueueUpdate(GroupQueueUpdate.AVERAGE_QUEUE_TIME, average)));
            if (credit >= 0) {
                frame.add(new RejoinQueue(credit / 1000));
            }
            out.sendBatch(member, frame);
        }
        // per group, so DEBUG: the INFO lines are one per match and per server (a busy queue enters hundreds a second)
        LOG.debug("matchmaking: {} of {} queued for {} ({}){}", group, group.size(), group.options.map(),
                group.options.gameType(), credit >= 0 ? " with a requeue credit of " + credit / 1000 + " s" : "");
    }

    /** The group left the QUEUED state (the caller changes its state). */
    void removed(Group group) {
        queued.remove(group);
        metrics.queuedGroups().set(queued.size());
    }

    /** §9.4.4: the mean of the waits recorded at spawn for the last matches, whole seconds; 0 when none. */
    long averageSeconds() {
        long sum = 0;
        long count = 0;
        for (long[] waits : recentWaits) {
            for (long wait : waits) {
                sum += wait;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count / 1000;
    }

    /** §9.4.4 periodic update: type 11 to every member of every queued group. */
    void sendQueueTimes() {
        if (queued.isEmpty()) {
            return;
        }
        GroupQueueUpdate update = new GroupQueueUpdate(GroupQueueUpdate.AVERAGE_QUEUE_TIME, averageSeconds());
        List<ChatSession> everyone = new ArrayList<>();
        queued.forEach(g -> everyone.addAll(g.members()));
        out.send(everyone, update);
    }

    /** §9.4.7: the loading and queue-time limits. */
    void expire(List<Group> loadingGroups) {
        long now = clock.millis();
        long loadingLimit = config.loadingTimeoutSeconds() * 1000L;
        for (Group group : loadingGroups) {
            if (group.state == Group.State.LOADING && now - group.stateSince > loadingLimit) {
                groups.toForming(group);
                groups.sendToEach(group, org.honchat.protocol.types.GroupUpdateType.FULL, -1);
            }
        }
        if (config.maxQueueSeconds() > 0) {
            for (Group group : new ArrayList<>(queued)) {
                if (now - group.stateSince > config.maxQueueSeconds() * 1000L) {
                    LOG.info("matchmaking: {} waited the maximum queue time", group);
                    outOfQueue(group, NO_MATCHES_FOUND);
                }
            }
        }
        credits.expire(now);
    }

    /** The "no servers" and "no matches" frames of §9.3: type 12 or 13, 0x0D02, type 1; back to FORMING. */
    private void outOfQueue(Group group, int type) {
        groups.toForming(group);
        for (ChatSession member : group.members()) {
            out.sendBatch(member, List.of(GroupQueueUpdate.of(type), LeftQueue.INSTANCE,
                    groups.fullFor(group, member)));
        }
    }

    /** §9.4.3: one broker cycle. The snapshot is taken here; the broker runs on its own thread. */
    void cycle() {
        if (cycleRunning || queued.isEmpty()) {
            return;
        }
        if (!servers.anyAuthenticated()) {
            LOG.info("matchmaking: no match server connected; {} queued groups sent back", queued.size());
            new ArrayList<>(queued).forEach(group -> outOfQueue(group, NO_SERVERS_FOUND));
            return;
        }
        List<Broker.QueuedGroup> snapshot = new ArrayList<>(queued.size());
        java.util.Map<Long, Long> versions = new java.util.HashMap<>();
        for (Group g : queued) {
            snapshot.add(new Broker.QueuedGroup(g.id, g.joinedQueueAt, g.options.gameType(), g.options.map(),
                    g.options.ranked(), g.teamSize, g.options.modes(), g.options.regions(), g.size()));
            versions.put(g.id, g.version);
        }
        List<Broker.IdleServer> idle = servers.eligible();
        cycleRunning = true;
        brokerThread.execute(() -> {
            long started = System.nanoTime();
            List<Broker.Formed> formed;
            try {
                formed = broker.cycle(snapshot, idle, config.anyRegionFallback());
            } catch (RuntimeException e) {
                LOG.error("matchmaking: the broker failed; the queue waits for the next cycle", e);
                formed = List.of();
            }
            long took = System.nanoTime() - started;
            List<Broker.Formed> result = formed;
            try {
                hub.execute(() -> apply(result, versions, took));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the server is stopping; the queue goes with it
            }
        });
    }

    private void apply(List<Broker.Formed> formed, java.util.Map<Long, Long> versions, long tookNanos) {
        cycleRunning = false;
        metrics.brokerCycle.record(tookNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        for (Broker.Formed match : formed) {
            List<Group> team1 = current(match.team1(), versions);
            List<Group> team2 = current(match.team2(), versions);
            MatchServer server = servers.eligibleById(match.serverId());
            if (team1 == null || team2 == null || server == null) {
                LOG.debug("matchmaking: a formed match changed before it was applied; its groups wait");
                continue;
            }
            spawn(team1, team2, match.mode(), match.region(), server);
        }
    }

    /** The groups of ids that are still QUEUED and unchanged since the snapshot; null when any is not. */
    private List<Group> current(List<Long> ids, java.util.Map<Long, Long> versions) {
        List<Group> result = new ArrayList<>();
        for (long id : ids) {
            Group g = groups.byId(id);
            Long version = versions.get(id);
            if (g == null || g.state != Group.State.QUEUED || version == null || version != g.version) {
                return null;
            }
            result.add(g);
        }
        return result;
    }

    /** §9.4.3 "Spawning a match", steps 1-6. */
    private void spawn(List<Group> team1, List<Group> team2, String mode, String region, MatchServer server) {
        long now = clock.millis();
        List<Group> all = new ArrayList<>(team1);
        all.addAll(team2);
        Match match = servers.create(all, team1.size(), mode, region, server);
        long[] waits = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Group group = all.get(i);
            waits[i] = now - group.joinedQueueAt;
            removed(group);
            group.enter(Group.State.MATCHED, now);
            for (ChatSession member : group.members()) {
                out.sendBatch(member, List.of(LeftQueue.INSTANCE, groups.fullFor(group, member),
                        new org.honchat.protocol.clientbound.MatchmakingPackets.MatchFound(group.options.map(),
                                match.teamSize, group.options.gameType(), mode, region, ""),
                        GroupQueueUpdate.of(16)));
            }
        }
        for (Group group : all) {
            long waited = now - group.joinedQueueAt;
            group.members().forEach(m -> credits.grant(m.accountId, group.options, waited, now));
        }
        recentWaits.addLast(waits);
        while (recentWaits.size() > config.averageWindow()) {
            recentWaits.removeFirst();
        }
        metrics.averageWaitSeconds().set(averageSeconds());
    }
}
