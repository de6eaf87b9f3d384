package org.honchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.cluster.ClusterWire;
import org.honchat.server.cluster.RedisCoordinator;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a node that does not hold the hub: its chat connections' events go to the hub node over Redis, and the hub
 * node's output for them comes back as one message per hub batch, which is written here the way the hub writes
 * locally: one task per I/O thread, one write per connection (docs/cluster.md). The slow-consumer limit is counted
 * here, where the socket is.
 */
final class ClusterGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGateway.class);

    private final RedisCoordinator coordinator;
    private final long maxPendingBytes;
    private final Metrics metrics;
    private final Map<Long, ChatConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final long resumeMillis;
    /** While a new hub node takes over: its term, the connections it must answer for, and until when. */
    private volatile Resuming resuming;
    /** The token of the term before the current one: its late output is dropped at once, not held. */
    private volatile long endedTerm;
    /** Output of a term not known yet, in arrival order, until the next heartbeat; guarded by this. */
    private final List<ClusterWire.Down> held = new ArrayList<>();
    private static final int HOLD_LIMIT = 10_000;

    private record Resuming(RedisCoordinator.Term term, Set<Long> waiting, long deadlineMillis) {
    }

    /** @param resumeMillis how long a new hub node has to answer which connections it took over */
    ClusterGateway(RedisCoordinator coordinator, long maxPendingBytes, Metrics metrics, long resumeMillis) {
        this.coordinator = coordinator;
        this.resumeMillis = resumeMillis;
        this.maxPendingBytes = maxPendingBytes;
        this.metrics = metrics;
    }

    /** Whether this node's connections go to a hub on another node. */
    boolean remote() {
        return !coordinator.isHub();
    }

    /** Sends a login to the hub node; the connection's id here, or 0 when no node holds the hub now. */
    long connect(ChatConnection connection, String remoteAddress, ServerboundPacket connect) {
        long id = nextId.incrementAndGet();
        connections.put(id, connection);
        if (!send(ClusterWire.UpKind.CONNECT, id, remoteAddress, connect)) {
            connections.remove(id);
            return 0;
        }
        return id;
    }

    void command(long id, ServerboundPacket packet) {
        send(ClusterWire.UpKind.COMMAND, id, "", packet);
    }

    void closed(long id) {
        if (connections.remove(id) != null) {
            send(ClusterWire.UpKind.CLOSED, id, "", null);
        }
    }

    /**
     * The hub lease changed hands (docs/cluster.md "When the hub node goes"). The connections stay open: the new
     * hub node takes their sessions over from the state copy, and says which (RESUME, asked again every heartbeat
     * until it answers or {@code resumeMillis} pass). While no node holds the hub they wait. Coordinator thread.
     */
    void termChanged(RedisCoordinator.Term previous, RedisCoordinator.Term term) {
        if (previous != null && (term == null || previous.token() != term.token())) {
            endedTerm = previous.token();
        }
        if (term != null && term.token() == endedTerm) {
            endedTerm = 0; // the hub before took its lease back after all
        }
        if (term == null || previous == null || previous.token() == term.token() || connections.isEmpty()) {
            return;
        }
        Resuming asking = new Resuming(term, new java.util.HashSet<>(connections.keySet()),
                System.currentTimeMillis() + resumeMillis);
        resuming = asking;
        resume(asking);
    }

    /** A heartbeat: asks again, or gives up on the connections a new hub node did not answer for. */
    void beat() {
        releaseHeld();
        Resuming asking = resuming;
        if (asking == null) {
            return;
        }
        if (!asking.term().equals(coordinator.term())) {
            resuming = null; // the lease moved again meanwhile: that change asks anew
            return;
        }
        if (System.currentTimeMillis() > asking.deadlineMillis()) {
            resuming = null;
            LOG.info("cluster: the new hub node did not say which connections it took over; {} close",
                    asking.waiting().size());
            resumed(asking, new long[0]);
            return;
        }
        resume(asking);
    }

    private void resume(Resuming asking) {
        publishUp(asking.term(), ClusterWire.UpKind.RESUME, 0, "", new byte[0]);
    }

    /** The new hub node holds these connections' sessions: the others that were open at the change close. */
    private void resumed(Resuming asking, long[] kept) {
        Set<Long> closing = new java.util.HashSet<>(asking.waiting());
        for (long id : kept) {
            closing.remove(id);
        }
        for (long id : closing) {
            ChatConnection connection = connections.remove(id);
            if (connection != null) {
                connection.closeFromCluster();
            }
        }
    }

    private boolean send(ClusterWire.UpKind kind, long id, String remoteAddress, ServerboundPacket packet) {
        RedisCoordinator.Term term = coordinator.term();
        if (term == null) {
            return false;
        }
        byte[] body = new byte[0];
        if (packet != null) {
            ByteBuf frame = FrameEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet);
            try {
                body = ByteBufUtil.getBytes(frame, frame.readerIndex() + 2, frame.readableBytes() - 2);
            } finally {
                frame.release();
            }
        }
        publishUp(term, kind, id, remoteAddress, body);
        return true;
    }

    private void publishUp(RedisCoordinator.Term term, ClusterWire.UpKind kind, long id, String remoteAddress,
            byte[] body) {
        metrics.clusterUpSent.increment();
        coordinator.publish(term.hubNode(), new ClusterWire.Up(kind, term.token(), coordinator.nodeId(),
                coordinator.incarnation(), id, remoteAddress, body).encode());
    }

    /** The hub node's output for this node's connections; the coordinator's thread. */
    void received(byte[] message) {
        ClusterWire.Down down;
        try {
            down = ClusterWire.Down.decode(message);
        } catch (ClusterWire.MalformedMessage e) {
            LOG.warn("cluster: output from the hub node dropped: {}", e.getMessage());
            return;
        }
        if (down.incarnation() != coordinator.incarnation() || down.term() == endedTerm) {
            return; // for this node's earlier life, or from the hub before: those sessions are gone or moved
        }
        synchronized (this) {
            if (held.isEmpty() && current(down)) {
                apply(down);
            } else if (held.size() < HOLD_LIMIT) {
                // a term this node has not heard of yet: a new hub node's first output can overtake the heartbeat
                // that tells this node of it, so it waits for that heartbeat (asked for at once), in order
                held.add(down);
                coordinator.beatSoon();
            } else {
                LOG.debug("cluster: output of an unknown term dropped ({} held)", held.size());
            }
        }
    }

    /** Whether the output is of the term this node knows, or of the new hub node it is asking. */
    private boolean current(ClusterWire.Down down) {
        RedisCoordinator.Term term = coordinator.term();
        Resuming asking = resuming;
        return term != null && down.term() == term.token() || asking != null && down.term() == asking.term().token();
    }

    /** After a heartbeat: the output held for a term this node now knows goes out; the rest was an old hub's. */
    private synchronized void releaseHeld() {
        for (ClusterWire.Down down : held) {
            if (current(down) && down.incarnation() == coordinator.incarnation()) {
                apply(down);
            }
        }
        held.clear();
    }

    /** One message's work per I/O thread, and the ids it names that are gone from here; reused under this lock. */
    private final Map<Executor, Batch> batches = new IdentityHashMap<>();
    private final Set<Long> unknown = new java.util.HashSet<>();

    /** Called with this gateway's lock held, so the scratch collections above serve every message in turn. */
    private void apply(ClusterWire.Down down) {
        Resuming asking = resuming;
        for (ClusterWire.Op op : down.ops()) {
            if (op instanceof ClusterWire.Frames frames) {
                ByteBuf shared = Unpooled.wrappedBuffer(frames.frame());
                try {
                    for (long id : frames.connectionIds()) {
                        ChatConnection connection = known(id, unknown);
                        if (connection != null) {
                            write(batches, connection, shared);
                        }
                    }
                } finally {
                    shared.release();
                }
            } else if (op instanceof ClusterWire.Close close) {
                ChatConnection connection = connections.get(close.connectionId());
                if (connection != null) {
                    batch(batches, connection).tasks.add(() -> connection.link().closeNow());
                }
            } else if (op instanceof ClusterWire.Accepted accepted) {
                ChatConnection connection = known(accepted.connectionId(), unknown);
                if (connection != null) {
                    batch(batches, connection).tasks.add(
                            () -> connection.remoteAccepted(accepted.accountId(), accepted.gameClient()));
                }
            } else if (op instanceof ClusterWire.Resumed answer) {
                if (asking != null && down.term() == asking.term().token()) {
                    resuming = null;
                    resumed(asking, answer.connectionIds());
                }
                for (long id : answer.connectionIds()) {
                    known(id, unknown); // a session the new hub holds for a connection gone from here
                }
            } else if (op instanceof ClusterWire.Rejected rejected) {
                ChatConnection connection = connections.get(rejected.connectionId());
                if (connection != null) {
                    RejectReason reason = reason(rejected.reasonCode());
                    batch(batches, connection).tasks.add(() -> connection.remoteRejected(reason));
                }
            }
        }
        // the hub node still has sessions for connections gone from here: their close was lost (pub/sub is at
        // most once, e.g. during a Redis restart), so it is sent again rather than leave a ghost online
        for (long id : unknown) {
            send(ClusterWire.UpKind.CLOSED, id, "", null);
        }
        unknown.clear();
        batches.forEach((executor, batch) -> {
            try {
                executor.execute(batch);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the node is stopping: its connections close anyway (the frames are heap buffers)
            }
        });
        batches.clear();
    }

    private ChatConnection known(long id, Set<Long> unknown) {
        ChatConnection connection = connections.get(id);
        if (connection == null && id <= nextId.get()) {
            unknown.add(id);
        }
        return connection;
    }

    private void write(Map<Executor, Batch> batches, ChatConnection connection, ByteBuf frame) {
        ConnectionLink link = connection.link();
        link.handedOver(frame.readableBytes());
        if (link.pendingBytes() > maxPendingBytes) {
            link.handedOver(-frame.readableBytes());
            if (connection.closeSlowConsumer()) {
                metrics.slowConsumerDisconnects.increment();
            }
            return;
        }
        Batch batch = batch(batches, connection);
        ByteBuf mine = frame.retain();
        batch.tasks.add(() -> {
            try {
                link.writeNow(mine); // copies the frame (SessionLink.writeNow): the reference stays ours
            } finally {
                mine.release();
            }
            batch.dirty.add(link);
        });
    }

    private static Batch batch(Map<Executor, Batch> batches, ChatConnection connection) {
        return batches.computeIfAbsent(connection.eventLoop(), e -> new Batch());
    }

    /** One I/O thread's share of a message: run in order, then one flush per connection written to. */
    private static final class Batch implements Runnable {
        final List<Runnable> tasks = new ArrayList<>();
        final Set<ConnectionLink> dirty = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public void run() {
            for (Runnable task : tasks) {
                task.run();
            }
            for (ConnectionLink link : dirty) {
                link.flushNow();
            }
        }
    }

    private static RejectReason reason(int code) {
        for (RejectReason reason : RejectReason.values()) {
            if (reason.wire() == code) {
                return reason;
            }
        }
        return RejectReason.UNKNOWN;
    }

    /** The hub changed hands or this node was cut off: its connections' sessions are gone, so they close. */
    void closeAll() {
        resuming = null;
        for (ChatConnection connection : connections.values()) {
            connection.closeFromCluster();
        }
        connections.clear();
    }

    int size() {
        return connections.size();
    }
}
