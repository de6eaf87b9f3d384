package org.honchat.server.net;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.honchat.server.cluster.ClusterWire;
import org.honchat.server.cluster.HubCalls;
import org.honchat.server.cluster.HubReplica;
import org.honchat.server.cluster.RedisCoordinator;
import org.honchat.server.cluster.RemoteSessions;
import org.honchat.server.cluster.StateStore;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.ChatDomain;
import org.honchat.server.domain.core.LocalDirectory;
import org.honchat.server.domain.session.Authenticator;
import org.honchat.server.hub.Hub;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a cluster node (docs/cluster.md): the node that holds the hub lease runs the chat rules for every
 * session of the cluster ({@link RemoteSessions}); the other nodes pass their connections' events to it and write
 * its output ({@link ClusterGateway}). Whenever the lease changes hands, or this node is cut off from Redis, what it
 * held ends: sessions are cleaned up and connections closed.
 */
final class ClusterNode implements RedisCoordinator.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final ServerConfig.ClusterConfig config;
    private final Hub hub;
    private final Metrics metrics;
    private final RedisCoordinator coordinator;
    private final RemoteSessions remoteSessions;
    private final ClusterGateway gateway;
    private final HubCalls calls;
    private final List<Runnable> termEndTasks = new CopyOnWriteArrayList<>();
    private final HubReplica replica;

    /** @param self this node's address and link ports, as its heartbeat names them */
    ClusterNode(ServerConfig.ClusterConfig config, RedisCoordinator.NodeInfo self, Hub hub, ChatDomain domain,
            LocalDirectory directory, Authenticator authenticator, ExecutorService workers,
            AtomicInteger sessionsHere, long maxPendingBytes, Metrics metrics) {
        this.config = config;
        this.hub = hub;
        this.metrics = metrics;
        this.coordinator = new RedisCoordinator(config, self, sessionsHere::get, this);
        this.replica = new HubReplica(directory, config.nodeId(), coordinator.stateStore()::write,
                domain.matchmaking()::inGroup);
        directory.journal(replica);
        this.remoteSessions = new RemoteSessions(hub::execute, domain, authenticator, workers,
                (node, message) -> {
                    metrics.clusterDownSent.increment();
                    coordinator.publish(node, message);
                }, metrics.clusterSessionsLost::increment, replica, config.nodeId());
        this.gateway = new ClusterGateway(coordinator, maxPendingBytes, metrics, 2L * config.nodeTimeoutMillis());
        this.calls = new HubCalls(coordinator);
        // each batch's changes are queued on the Redis connection before its output is published on the same
        // connection: whatever a node's client has been told is in the copy (docs/cluster.md)
        hub.beforeHandOver(replica::flush);
    }

    void start() {
        coordinator.start();
    }

    RedisCoordinator coordinator() {
        return coordinator;
    }

    ClusterGateway gateway() {
        return gateway;
    }

    HubCalls calls() {
        return calls;
    }

    boolean hubElsewhere() {
        return !coordinator.isHub();
    }

    void onTermEnd(Runnable task) {
        termEndTasks.add(task);
    }

    /**
     * The live node with the fewest sessions, or null (placement {@code self}, or no node known yet): only nodes
     * whose heartbeat is fresh, so a login is not sent to a node that just died (docs/cluster.md "Placement").
     */
    InetSocketAddress placement() {
        if (!config.leastLoaded()) {
            return null;
        }
        return coordinator.liveNodes().stream()
                .sorted(Comparator.comparingInt(RedisCoordinator.NodeInfo::sessions))
                .filter(coordinator::placeable)
                .findFirst()
                .map(node -> InetSocketAddress.createUnresolved(node.chatHost(), node.chatPort()))
                .orElse(null);
    }

    /** Whether the session outlives a planned stop of this node as the hub: its connection is on another node. */
    boolean livesElsewhere(org.honchat.server.domain.core.ChatSession session) {
        return remoteSessions.livesElsewhere(session);
    }

    @Override
    public void termChanged(RedisCoordinator.Term previous, RedisCoordinator.Term term) {
        boolean hubHere = term != null && term.hubNode().equals(config.nodeId());
        termEndTasks.forEach(Runnable::run);
        StateStore.Copy copy = null;
        if (hubHere && previous != null && previous.token() != term.token()) {
            for (int attempt = 1; copy == null; attempt++) {
                try {
                    copy = coordinator.stateStore().read(previous.token());
                } catch (RuntimeException e) { // RedisException
                    if (attempt == 3) {
                        // the sessions of the hub before end with it: the nodes close their connections
                        LOG.warn("cluster: the state copy of the hub before could not be read: {}", e.toString());
                        break;
                    }
                }
            }
        }
        StateStore.Copy taken = copy;
        // the hub node before is gone (or stopped, or cut off and back as a new incarnation) even if its last
        // heartbeat is still listed: whatever connections it held end with it
        List<RedisCoordinator.NodeInfo> live = coordinator.liveNodes().stream()
                .filter(node -> previous == null || !node.nodeId().equals(previous.hubNode())
                        || node.nodeId().equals(config.nodeId()))
                .toList();
        long token = hubHere ? term.token() : 0;
        // queued before the coordinator tells anyone of the new term: nothing reaches this hub before the take-over
        hub.execute(() -> remoteSessions.termChanged(token, taken, live));
        if (taken != null) {
            coordinator.stateStore().retire(previous.token());
        }
        gateway.termChanged(previous, term);
    }

    @Override
    public void leaseRetaken() {
        hub.execute(replica::everything);
    }

    @Override
    public void beat() {
        gateway.beat();
    }

    @Override
    public void nodesGone(Set<String> nodeIds) {
        hub.execute(() -> remoteSessions.nodesGone(nodeIds));
    }

    @Override
    public void isolated(long newIncarnation) {
        gateway.closeAll();
        termEndTasks.forEach(Runnable::run);
        hub.execute(() -> remoteSessions.termChanged(0, null, List.of()));
    }

    @Override
    public void message(byte[] message) {
        try {
            switch (ClusterWire.kind(message)) {
                case ClusterWire.UP -> {
                    metrics.clusterUpReceived.increment();
                    remoteSessions.received(ClusterWire.Up.decode(message));
                }
                case ClusterWire.DOWN -> {
                    metrics.clusterDownReceived.increment();
                    gateway.received(message);
                }
                case ClusterWire.CALL -> calls.received(ClusterWire.Call.decode(message));
                case ClusterWire.REPLY -> calls.received(ClusterWire.Reply.decode(message));
                default -> throw new ClusterWire.MalformedMessage("unknown message kind " + ClusterWire.kind(message));
            }
        } catch (ClusterWire.MalformedMessage e) {
            LOG.warn("cluster: a message from another node dropped: {}", e.getMessage());
        }
    }

    /**
     * Once the hub's last output was published: leaves the cluster (lease and heartbeat go at once). As the hub,
     * it first takes nothing more and writes the state copy up to here, for the next hub node to take over.
     */
    void close() {
        if (coordinator.isHub()) {
            java.util.concurrent.CompletableFuture<Void> written = new java.util.concurrent.CompletableFuture<>();
            hub.execute(() -> {
                remoteSessions.stopping();
                written.complete(null);
            });
            try {
                written.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("cluster: the state copy was not written before the stop: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        coordinator.close();
    }
}
