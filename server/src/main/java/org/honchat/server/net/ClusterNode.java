package org.honchat.server.net;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.honchat.server.cluster.ClusterWire;
import org.honchat.server.cluster.HubCalls;
import org.honchat.server.cluster.RedisCoordinator;
import org.honchat.server.cluster.RemoteSessions;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.ChatDomain;
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

    /** @param self this node's address and link ports, as its heartbeat names them */
    ClusterNode(ServerConfig.ClusterConfig config, RedisCoordinator.NodeInfo self, Hub hub, ChatDomain domain,
            Authenticator authenticator, ExecutorService workers, AtomicInteger sessionsHere, long maxPendingBytes,
            Metrics metrics) {
        this.config = config;
        this.hub = hub;
        this.metrics = metrics;
        this.coordinator = new RedisCoordinator(config, self, sessionsHere::get, this);
        this.remoteSessions = new RemoteSessions(hub::execute, domain, authenticator, workers,
                (node, message) -> {
                    metrics.clusterDownSent.increment();
                    coordinator.publish(node, message);
                }, metrics.clusterSessionsLost::increment);
        this.gateway = new ClusterGateway(coordinator, maxPendingBytes, metrics);
        this.calls = new HubCalls(coordinator);
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

    /** The live node with the fewest sessions, or null (placement {@code self}, or no node known yet). */
    InetSocketAddress placement() {
        if (!config.leastLoaded()) {
            return null;
        }
        return coordinator.liveNodes().stream()
                .min(java.util.Comparator.comparingInt(RedisCoordinator.NodeInfo::sessions))
                .map(node -> InetSocketAddress.createUnresolved(node.chatHost(), node.chatPort()))
                .orElse(null);
    }

    @Override
    public void termChanged(RedisCoordinator.Term term) {
        boolean hubHere = term != null && term.hubNode().equals(config.nodeId());
        endTerm(hubHere ? term.token() : 0);
    }

    @Override
    public void nodesGone(Set<String> nodeIds) {
        hub.execute(() -> remoteSessions.nodesGone(nodeIds));
    }

    @Override
    public void isolated(long newIncarnation) {
        endTerm(0);
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

    /** Everything of the previous term ends here: the sessions this node held as the hub, and its connections. */
    private void endTerm(long hubTerm) {
        gateway.closeAll();
        termEndTasks.forEach(Runnable::run);
        hub.execute(() -> remoteSessions.termChanged(hubTerm));
    }

    /** Once the hub's last output was published: leaves the cluster (lease and heartbeat go at once). */
    void close() {
        coordinator.close();
    }
}
