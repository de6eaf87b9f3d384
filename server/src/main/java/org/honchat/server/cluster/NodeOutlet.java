package org.honchat.server.cluster;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.hub.SessionLink;

/**
 * On the hub node: another node, as the hub sees it. Its sessions' links all hand their output to this outlet, which
 * the hub treats as that node's "I/O thread": the hub's one hand-over task per batch becomes one message to the node,
 * in which a frame that several of its sessions receive travels once (docs/cluster.md "Fan-out"). The task runs at
 * once on the hub thread: building the message is a copy per node, and publishing only queues it on the Redis
 * connection, so another thread would add a wake-up per message and nothing else.
 */
final class NodeOutlet implements Executor {

    final String nodeId;
    final long incarnation;
    /** The node's sessions by its connection id, and the connections whose login is being checked. Hub thread. */
    final Map<Long, ChatSession> sessions = new HashMap<>();
    final Set<Long> checking = new HashSet<>();
    /** Set on the hub thread when the node is written off; its output is dropped from then on. */
    volatile boolean gone;

    private final long term;
    /** Publishes a finished message to a node. */
    private final BiConsumer<String, byte[]> publisher;
    /** Hub thread only: the message being built, and the frame its last Frames op carries. */
    private ClusterWire.DownWriter message;
    private ByteBuf lastFrame;

    NodeOutlet(String nodeId, long incarnation, long term, BiConsumer<String, byte[]> publisher) {
        this.nodeId = nodeId;
        this.incarnation = incarnation;
        this.term = term;
        this.publisher = publisher;
    }

    /** The hub's hand-over task, run here and now; what it wrote leaves as one message when it ends. */
    @Override
    public void execute(Runnable task) {
        try {
            task.run();
        } finally {
            publishPending();
        }
    }

    /** A session link of this node for one of its connections. */
    SessionLink link(long connectionId, String remoteAddress) {
        return new RemoteLink(connectionId, remoteAddress);
    }

    /** Tells the node its connection logged in; sent in order with the output. */
    void accepted(long connectionId, long accountId, boolean gameClient) {
        execute(() -> writer().accepted(connectionId, accountId, gameClient));
    }

    void rejected(long connectionId, int reasonCode) {
        execute(() -> writer().rejected(connectionId, reasonCode));
    }

    /** Answers a node's RESUME: the connections whose sessions this hub holds (the node closes the rest). */
    void resumed(java.util.Collection<Long> connectionIds) {
        execute(() -> writer().resumed(connectionIds));
    }

    /** Tells the node to close a connection the hub has no session for. */
    void close(long connectionId) {
        execute(() -> writer().close(connectionId));
    }

    private ClusterWire.DownWriter writer() {
        if (message == null) {
            message = new ClusterWire.DownWriter(term, incarnation);
        }
        return message;
    }

    private void endFrames() {
        if (lastFrame != null) {
            message.endFrames();
            lastFrame = null;
        }
    }

    private void publishPending() {
        if (message == null) {
            return;
        }
        endFrames();
        ClusterWire.DownWriter done = message;
        message = null;
        if (!gone && !done.isEmpty()) {
            publisher.accept(nodeId, done.toBytes());
        }
    }

    /** A session of this node, on the hub: its frames join the node's next message. */
    final class RemoteLink implements SessionLink {
        private final long connectionId;
        private final String remoteAddress;

        RemoteLink(long connectionId, String remoteAddress) {
            this.connectionId = connectionId;
            this.remoteAddress = remoteAddress;
        }

        @Override
        public Executor executor() {
            return NodeOutlet.this;
        }

        NodeOutlet outlet() {
            return NodeOutlet.this;
        }

        /** Where the connection is, as the hub's copy in Redis records it. */
        HubState.Place place() {
            return new HubState.Place(nodeId, incarnation, connectionId, remoteAddress);
        }

        @Override
        public void handedOver(int bytes) {
            // the node that holds the connection counts its unread output against the limit itself
        }

        @Override
        public boolean writeNow(ByteBuf frame) {
            ClusterWire.DownWriter out = writer();
            // one hub send to many recipients puts the same frame next to itself in the batch: the frames
            // listed in one batch stay allocated until the batch is written, so identity is safe to compare
            if (frame != lastFrame) {
                endFrames();
                out.frames(frame);
                lastFrame = frame;
            }
            out.recipient(connectionId);
            return false; // the message leaves when the hand-over task ends: nothing to flush
        }

        @Override
        public void flushNow() {
            // the message leaves when the hand-over task ends
        }

        @Override
        public void closeNow() {
            endFrames();
            writer().close(connectionId);
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public String remoteAddress() {
            return remoteAddress + " via " + nodeId;
        }
    }
}
