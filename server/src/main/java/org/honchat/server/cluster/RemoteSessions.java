package org.honchat.server.cluster;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.server.domain.ChatDomain;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.session.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the hub node: the sessions whose connections other nodes hold. Their connection events arrive from Redis in the
 * order each node sent them and enter the hub like a local connection's: the login check on a worker, then
 * registration; commands to the chat rules; a close to the same clean-up (docs/protocol.md §3.10). So every rule runs
 * unchanged, in one order for the whole cluster. Hub thread, except {@link #received}.
 */
public final class RemoteSessions {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSessions.class);

    private final Executor hub;
    private final ChatDomain domain;
    private final Authenticator authenticator;
    private final Executor workers;
    private final BiConsumer<String, byte[]> publisher;
    private final Runnable sessionLost;
    private final Map<String, NodeOutlet> nodes = new HashMap<>();
    private final HubReplica replica;
    private final String selfId;
    /** The hub lease this node holds, or 0; only events sent under it are taken. */
    private long term;

    /**
     * @param publisher publishes a message to a node
     * @param sessionLost counts a session that ended with its node
     */
    public RemoteSessions(Executor hub, ChatDomain domain, Authenticator authenticator, Executor workers,
            BiConsumer<String, byte[]> publisher, Runnable sessionLost, HubReplica replica, String selfId) {
        this.replica = replica;
        this.selfId = selfId;
        this.sessionLost = sessionLost;
        this.hub = hub;
        this.domain = domain;
        this.authenticator = authenticator;
        this.workers = workers;
        this.publisher = publisher;
    }

    /** A connection event from another node; any thread. */
    public void received(ClusterWire.Up up) {
        hub.execute(() -> apply(up));
    }

    /**
     * The hub lease changed: whatever this node held as the hub ends here, and from now on events are taken under
     * {@code newTerm} (0: this node is not the hub). The sessions of other nodes end here without a word to them:
     * they live on in the next hub node, which takes them over from the state copy. When this node becomes the hub
     * and {@code copy} holds the state of the hub before, it takes that over (docs/cluster.md "When the hub node
     * goes"): the sessions whose node is alive as the same incarnation carry on, the others end for everyone.
     */
    public void termChanged(long newTerm, StateStore.Copy copy, List<RedisCoordinator.NodeInfo> live) {
        replica.term(0); // what ends here is no change to the cluster's state
        for (NodeOutlet node : new ArrayList<>(nodes.values())) {
            drop(node);
        }
        nodes.clear();
        domain.closeAll();
        term = newTerm;
        if (newTerm != 0 && copy != null) {
            if (copy.isEmpty()) {
                // every hub writes at least its channels: an empty copy was lost (Redis restarted with the hub
                // gone); the other nodes will close their connections, as they get no session back
                LOG.warn("cluster: the state copy of the hub before is empty ({} session record(s)): nothing to "
                        + "take over", copy.sessions().size());
            } else {
                takeOver(copy, live);
            }
        }
        replica.term(newTerm);
    }

    /** Whether the session's connection is on another node, where it outlives this node's hub. */
    public boolean livesElsewhere(ChatSession session) {
        return session.endpoint instanceof NodeOutlet.RemoteLink link && !link.place().nodeId().equals(selfId);
    }

    /** A planned stop of the hub node: nothing more is taken, and the state copy is written up to here. */
    public void stopping() {
        term = 0;
        replica.flush();
        replica.term(0);
    }

    private void takeOver(StateStore.Copy copy, List<RedisCoordinator.NodeInfo> live) {
        int[] skipped = {0};
        List<HubState.SessionRecord> sessionRecords = HubState.decodeAll(copy.sessions(), HubState::decodeSession,
                () -> skipped[0]++);
        List<HubState.ChannelRecord> channelRecords = HubState.decodeAll(copy.channels(), HubState::decodeChannel,
                () -> skipped[0]++);
        Map<String, Long> incarnations = new HashMap<>();
        for (RedisCoordinator.NodeInfo node : live) {
            incarnations.put(node.nodeId(), node.incarnation());
        }
        NodeOutlet nowhere = new NodeOutlet("", 0, term, publisher);
        nowhere.gone = true;
        HubState.Rebuilt rebuilt = HubState.rebuild(sessionRecords, channelRecords, record -> {
            HubState.Place place = record.place();
            Long incarnation = incarnations.get(place.nodeId());
            if (place.connectionId() != 0 && incarnation != null && incarnation == place.incarnation()) {
                return nodes.computeIfAbsent(place.nodeId(),
                        id -> new NodeOutlet(id, place.incarnation(), term, publisher))
                        .link(place.connectionId(), place.remoteAddress());
            }
            // its connection was on the hub node that went, or on a node that went meanwhile
            return nowhere.link(0, place.remoteAddress());
        });
        List<ChatSession> orphans = new ArrayList<>();
        for (ChatSession session : rebuilt.sessions().values()) {
            NodeOutlet.RemoteLink link = (NodeOutlet.RemoteLink) session.endpoint;
            if (link.outlet() == nowhere) {
                orphans.add(session);
            } else {
                link.outlet().sessions.put(link.place().connectionId(), session);
            }
        }
        Map<Long, ChatSession> sessions = rebuilt.sessions();
        List<Channel> channels = rebuilt.channels();
        domain.restore(sessions.values(), channels);
        LOG.info("cluster: took over {} session(s) and {} channel(s) from the hub before; {} of the sessions had "
                + "their connection on a node that is gone and end now{}", sessions.size(), channels.size(),
                orphans.size(), skipped[0] == 0 ? "" : "; " + skipped[0] + " record(s) not understood");
        for (ChatSession orphan : orphans) {
            sessionLost.run();
            domain.disconnected(orphan); // §3.10 for those still here: 0x0C status 0, 0x06
        }
        for (HubState.SessionRecord record : sessionRecords) {
            ChatSession session = sessions.get(record.account().id());
            if (record.inGroup() && session != null && !session.closed) {
                domain.matchmaking().groupLost(session);
            }
        }
    }

    /** These nodes stopped their heartbeat: their sessions end for everyone (§3.10). */
    public void nodesGone(Set<String> nodeIds) {
        for (String id : nodeIds) {
            NodeOutlet node = nodes.remove(id);
            if (node != null) {
                node.sessions.values().forEach(session -> sessionLost.run());
                drop(node);
            }
        }
    }

    private void drop(NodeOutlet node) {
        node.gone = true;
        if (!node.sessions.isEmpty()) {
            LOG.info("cluster: the {} session(s) of node {} end", node.sessions.size(), node.nodeId);
        }
        for (ChatSession session : new ArrayList<>(node.sessions.values())) {
            domain.disconnected(session);
        }
        node.sessions.clear();
        node.checking.clear();
    }

    private void apply(ClusterWire.Up up) {
        if (term == 0 || up.term() != term) {
            return; // sent to an earlier hub: its sessions ended with that term
        }
        NodeOutlet node = nodes.get(up.nodeId());
        if (node != null && node.incarnation != up.incarnation()) {
            // the node restarted or was written off: nothing of its earlier life comes back
            nodes.remove(up.nodeId());
            drop(node);
            node = null;
        }
        if (node == null) {
            if (up.kind() != ClusterWire.UpKind.CONNECT && up.kind() != ClusterWire.UpKind.RESUME) {
                return;
            }
            node = new NodeOutlet(up.nodeId(), up.incarnation(), term, publisher);
            nodes.put(up.nodeId(), node);
        }
        switch (up.kind()) {
            case CONNECT -> connect(node, up);
            case COMMAND -> command(node, up);
            case CLOSED -> closed(node, up.connectionId());
            case RESUME -> node.resumed(new ArrayList<>(node.sessions.keySet()));
        }
    }

    private void connect(NodeOutlet node, ClusterWire.Up up) {
        long id = up.connectionId();
        if (node.sessions.containsKey(id) || !node.checking.add(id)) {
            return;
        }
        ClientConnect connect;
        try {
            connect = (ClientConnect) Serverbound.REGISTRY.decode(Unpooled.wrappedBuffer(up.body()),
                    DecodeContext.SERVER).packet();
        } catch (ProtocolDecodeException | ClassCastException e) {
            LOG.debug("cluster: login from node {} does not parse: {}", node.nodeId, e.toString());
            node.checking.remove(id);
            node.rejected(id, RejectReason.UNKNOWN.wire());
            return;
        }
        try {
            workers.execute(() -> {
                Authenticator.Verdict verdict;
                try {
                    verdict = authenticator.check(connect);
                } catch (RuntimeException e) {
                    LOG.warn("{}: authentication failed on the store: {}", up.remoteAddress(), e.toString());
                    verdict = Authenticator.Verdict.reject(RejectReason.UNKNOWN);
                }
                Authenticator.Verdict checked = verdict;
                hub.execute(() -> checked(node, id, up.remoteAddress(), connect, checked));
            });
        } catch (RejectedExecutionException busy) {
            node.checking.remove(id);
            node.rejected(id, RejectReason.UNKNOWN.wire());
        }
    }

    private void checked(NodeOutlet node, long id, String remoteAddress, ClientConnect connect,
            Authenticator.Verdict verdict) {
        if (node.gone || !node.checking.remove(id)) {
            return; // the connection or its node went while the check ran
        }
        if (!verdict.accepted()) {
            node.rejected(id, verdict.reject().wire());
            return;
        }
        String region = connect.tail() instanceof ClientConnect.GameClientInfo info ? info.region() : "";
        ChatSession session = new ChatSession(verdict.account(), connect.isGameClient(), region, connect.cookie(),
                connect.initialChatMode() == ChatMode.INVISIBLE, node.link(id, remoteAddress));
        node.sessions.put(id, session);
        node.accepted(id, session.accountId, session.gameClient);
        domain.register(session, verdict.profile());
    }

    private void command(NodeOutlet node, ClusterWire.Up up) {
        ChatSession session = node.sessions.get(up.connectionId());
        if (session == null && !node.checking.contains(up.connectionId())) {
            // a connection whose session ended here but whose close never reached its node (a lost message):
            // close it now rather than leave a client talking to nobody
            node.close(up.connectionId());
            return;
        }
        if (session == null || session.closed) {
            return;
        }
        ServerboundPacket packet;
        try {
            packet = Serverbound.REGISTRY.decode(Unpooled.wrappedBuffer(up.body()),
                    DecodeContext.server(session.accountId, !session.gameClient)).packet();
        } catch (ProtocolDecodeException e) {
            // the node decoded it before sending, so this is a version mismatch between nodes
            LOG.debug("cluster: command from {} on node {} does not parse: {}", session, node.nodeId, e.toString());
            return;
        }
        domain.handle(session, packet);
    }

    private void closed(NodeOutlet node, long id) {
        node.checking.remove(id);
        ChatSession session = node.sessions.remove(id);
        if (session != null) {
            domain.disconnected(session);
        }
    }
}
