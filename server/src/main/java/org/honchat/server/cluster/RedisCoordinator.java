package org.honchat.server.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in the cluster's coordination, all of it on Redis (docs/cluster.md): a heartbeat key with a
 * time to live, the hub lease (one node at a time holds the chat state; a lost lease is taken over by another
 * node), the list of live nodes for placement and for finding dead ones, and one pub/sub channel per node that
 * carries everything sent to it. Redis holds nothing the nodes cannot rebuild: after a Redis restart every node
 * writes its keys again and the hub node takes its lease back.
 */
public final class RedisCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCoordinator.class);

    /** Renews the lease only while it is still ours. */
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    /** A node as its heartbeat describes it. */
    public record NodeInfo(String nodeId, long incarnation, String chatHost, int chatPort, int sessions,
            int matchServerPort, int managerPort) {

        /** This node as its next heartbeat describes it. */
        NodeInfo now(long currentIncarnation, int currentSessions) {
            return new NodeInfo(nodeId, currentIncarnation, chatHost, chatPort, currentSessions, matchServerPort,
                    managerPort);
        }

        String encode() {
            return incarnation + " " + chatPort + " " + sessions + " " + matchServerPort + " " + managerPort + " "
                    + chatHost;
        }

        static NodeInfo decode(String nodeId, String value) {
            String[] parts = value.split(" ", 6);
            return new NodeInfo(nodeId, Long.parseLong(parts[0]), parts[5], Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), Integer.parseInt(parts[4]));
        }
    }

    /** The node that holds the hub, and the token of its lease; a new lease has a new token. */
    public record Term(String hubNode, long token) {

        String encode() {
            return token + " " + hubNode;
        }

        /** A lease value this version cannot read counts as held by someone else (token 0). */
        static Term decode(String value) {
            int space = value.indexOf(' ');
            try {
                return new Term(value.substring(space + 1), Long.parseLong(value.substring(0, space)));
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                return new Term(value, 0);
            }
        }
    }

    /** What the coordinator tells the node; every call comes from the coordinator's own threads. */
    public interface Listener {

        /**
         * The hub lease changed hands (or was taken anew): {@code term} is null while no node holds it;
         * {@code previous} is the last term a node held before, or null if this node never saw one. Called before
         * {@link #term()} and {@link #isHub()} tell of the change, so that a new hub node can take over the state of
         * the one before (docs/cluster.md "When the hub node goes") before anything reaches it under its term.
         */
        void termChanged(Term previous, Term term);

        /** This node holds the hub lease and had to write it again: Redis lost its keys (a restart). */
        void leaseRetaken();

        /** A heartbeat went by (the coordinator's thread). */
        void beat();

        /** The hub node learns that these nodes stopped their heartbeats. */
        void nodesGone(Set<String> nodeIds);

        /**
         * This node could not reach Redis for longer than the node timeout: the others have written it off, so
         * it must drop what it holds. It rejoins with {@code newIncarnation} once Redis answers.
         */
        void isolated(long newIncarnation);

        /** A message published to this node. */
        void message(byte[] message);
    }

    private final ServerConfig.ClusterConfig config;
    private final String nodeId;
    private final String prefix;
    private final RedisConnect.Connections links;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final StatefulRedisPubSubConnection<String, byte[]> subscription;
    private final StateStore stateStore;
    private final Heartbeats heartbeats;
    private final ScheduledExecutorService thread;
    private final SecureRandom random = new SecureRandom();
    private final Listener listener;
    /** This node's addresses; its incarnation and session count are filled in at each heartbeat. */
    private final NodeInfo self;
    private final IntSupplier sessions;

    /** Coordinator thread only, except {@link #term} and {@link #incarnation} (read anywhere). */
    private volatile Term term;
    private volatile long incarnation;
    private volatile List<NodeInfo> liveNodes = List.of();
    private volatile long liveNodesReadAt = System.currentTimeMillis();
    private boolean sawHub;
    /** The last term a node held, kept while no node holds it. */
    private Term lastHubTerm;
    private long noHubSinceMillis;
    private long lastSuccessMillis;
    private boolean isolated;
    private final Map<String, Long> missingSince = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean extraBeat =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param self this node's id, chat host ("" = the one a client reached the login service by) and ports, as its
     *     heartbeat names them
     */
    public RedisCoordinator(ServerConfig.ClusterConfig config, NodeInfo self, IntSupplier sessions,
            Listener listener) {
        this.self = self;
        this.config = config;
        this.nodeId = config.nodeId();
        this.prefix = config.name() + ":";
        this.listener = listener;
        this.sessions = sessions;
        this.incarnation = newIncarnation();
        this.links = RedisConnect.open(config);
        this.connection = links.data();
        this.subscription = links.pubSub();
        this.redis = connection.sync();
        this.stateStore = new StateStore(connection, prefix, config.nodeTimeoutMillis());
        this.heartbeats = new Heartbeats(redis, prefix, config.nodeTimeoutMillis());
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                listener.message(message);
            }
        });
        this.thread = Executors.newSingleThreadScheduledExecutor(
                new io.netty.util.concurrent.DefaultThreadFactory("honchat-cluster", true));
        this.lastSuccessMillis = System.currentTimeMillis();
    }

    /** Subscribes to this node's channel, writes the first heartbeat, settles the hub lease, then keeps both going. */
    public void start() {
        try {
            subscription.sync().subscribe(channelOf(nodeId));
            thread.submit(this::beat).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RedisException e) {
            throw new ConfigException("cannot join the cluster on Redis at "
                    + config.redis().address() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.scheduleWithFixedDelay(this::beat, config.heartbeatMillis(), config.heartbeatMillis(),
                TimeUnit.MILLISECONDS);
    }

    public String nodeId() {
        return nodeId;
    }

    public Term term() {
        return term;
    }

    public long incarnation() {
        return incarnation;
    }

    /** Whether this node holds the hub lease now. */
    public boolean isHub() {
        Term current = term;
        return current != null && current.hubNode().equals(nodeId);
    }

    /** The nodes whose heartbeat was current at the last look, this one included. */
    public List<NodeInfo> liveNodes() {
        return liveNodes;
    }

    /** Per live node, how long ago it last wrote its heartbeat: for the operator, one PTTL per node. */
    public Map<String, Long> heartbeatAgesMillis() {
        Map<String, Long> ages = new HashMap<>();
        for (NodeInfo node : liveNodes) {
            Long age = heartbeats.ageMillis(node.nodeId());
            if (age != null) {
                ages.put(node.nodeId(), age);
            }
        }
        return ages;
    }

    /**
     * Whether a login may be sent to {@code node}: this node always; another when its heartbeat, read now, is
     * younger than a heartbeat interval and a quarter (a node beats every interval, a little late at worst). A node
     * that died is no longer offered about 1.25 intervals after its last beat (625 ms by default) instead of when its
     * key expires a node timeout later; one that stopped on purpose deleted its key and is refused at once. One
     * PTTL per call: the login service asks it on its workers, for the node it is about to name.
     */
    public boolean placeable(NodeInfo node) {
        if (node.nodeId().equals(nodeId)) {
            return true;
        }
        try {
            Long age = heartbeats.ageMillis(node.nodeId());
            return age != null && age <= config.heartbeatMillis() * 5 / 4;
        } catch (RuntimeException e) { // RedisException: Redis away, so no node is known to be live
            return false;
        }
    }

    /** How long ago the live-node list was read from Redis (every heartbeat while Redis answers). */
    public long liveNodesAgeMillis() {
        return System.currentTimeMillis() - liveNodesReadAt;
    }

    /** The hub node's heartbeat as last read, or null (no hub, or not read yet). */
    public NodeInfo hubNode() {
        Term current = term;
        return current == null ? null : liveNodes.stream().filter(node -> node.nodeId().equals(current.hubNode()))
                .findFirst().orElse(null);
    }

    /** Runs a heartbeat now, besides the regular ones (once, however often asked before it runs). */
    public void beatSoon() {
        if (extraBeat.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    extraBeat.set(false);
                    beat();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                extraBeat.set(false);
            }
        }
    }

    /** Publishes a message to one node's channel; lost if Redis is away (pub/sub is at most once). */
    public void publish(String toNode, byte[] message) {
        try {
            connection.async().publish(channelOf(toNode), message);
        } catch (RuntimeException e) { // RedisException while away; IllegalStateException once closed
            LOG.debug("publish to {} lost: {}", toNode, e.toString());
        }
    }

    /** The hub's state copy in Redis. */
    public StateStore stateStore() {
        return stateStore;
    }

    private String channelOf(String node) {
        return prefix + "to:" + node;
    }

    private long newIncarnation() {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }

    private void beat() {
        long now = System.currentTimeMillis();
        try {
            NodeInfo heartbeat = self.now(incarnation, sessions.getAsInt());
            heartbeats.write(heartbeat);
            if (isolated) {
                isolated = false;
                LOG.info("cluster: Redis answers again; node {} rejoins as a new incarnation", nodeId);
            }
            settleLease(now);
            lookAtNodes(now);
            Term current = term;
            if (current != null && current.hubNode().equals(nodeId)) {
                stateStore.keep(current.token());
            }
            lastSuccessMillis = now;
            listener.beat();
        } catch (RedisException e) {
            if (!isolated && now - lastSuccessMillis > config.nodeTimeoutMillis()) {
                isolated = true;
                Term previous = term;
                term = null;
                lastHubTerm = null;
                sawHub = false;
                noHubSinceMillis = 0;
                incarnation = newIncarnation();
                LOG.warn("cluster: Redis unreachable for {} ms ({}); node {} drops its sessions{}",
                        now - lastSuccessMillis, e.getMessage(), nodeId,
                        previous != null && previous.hubNode().equals(nodeId) ? " and the hub" : "");
                listener.isolated(incarnation);
            } else {
                LOG.debug("cluster heartbeat failed: {}", e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("cluster heartbeat failed", e);
        }
    }

    /**
     * Keeps the hub lease: renew it if ours; take it if free. A missing lease is not yet a new term: after a Redis
     * restart every key is gone, and the node that held the lease takes it back at once (its state is whole), so
     * the others keep the term they know and wait one node timeout before they try for the lease themselves. A
     * node that never saw a hub (a new cluster) takes a free lease at once.
     */
    private void settleLease(long now) {
        String leaseKey = prefix + "hub";
        Term mine = term != null && term.hubNode().equals(nodeId) ? term : null;
        byte[] current = redis.get(leaseKey);
        if (current == null) {
            if (noHubSinceMillis == 0) {
                noHubSinceMillis = now;
            }
            boolean waited = now - noHubSinceMillis >= config.nodeTimeoutMillis() || released();
            Term candidate = mine != null ? mine : !sawHub || waited ? new Term(nodeId, newIncarnation()) : null;
            if (candidate != null) {
                redis.set(leaseKey, bytes(candidate.encode()), SetArgs.Builder.nx().px(config.nodeTimeoutMillis()));
                current = redis.get(leaseKey);
                if (mine != null && current != null && Term.decode(string(current)).equals(mine)) {
                    LOG.info("cluster: the hub lease was gone from Redis and is taken back; the state copy is "
                            + "written again");
                    listener.leaseRetaken();
                }
            }
            if (current == null && !waited && term != null) {
                return; // keep the known term for now
            }
        } else if (mine != null && Term.decode(string(current)).equals(mine)) {
            redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {leaseKey}, bytes(mine.encode()),
                    bytes(Long.toString(config.nodeTimeoutMillis())));
        }
        Term seen = current == null ? null : Term.decode(string(current));
        if (seen != null) {
            sawHub = true;
            noHubSinceMillis = 0;
        }
        if (!java.util.Objects.equals(seen, term)) {
            LOG.info("cluster: {}", seen == null ? "no hub node" : "hub node is " + seen.hubNode()
                    + (seen.hubNode().equals(nodeId) ? " (this node)" : ""));
            Term previous = lastHubTerm;
            if (seen != null) {
                lastHubTerm = seen;
            }
            // the list of the last beat can miss a node that started since: a new hub node decides from it which
            // sessions carry on, so it is read again now
            liveNodes = heartbeats.read().live();
            liveNodesReadAt = System.currentTimeMillis();
            listener.termChanged(previous, seen);
            term = seen;
        }
    }

    /** The hub node we knew stopped on purpose and released its lease: no reason to wait for it. */
    private boolean released() {
        Term known = term;
        byte[] mark = known == null ? null : redis.get(prefix + "hub-released");
        return mark != null && Term.decode(string(mark)).equals(known);
    }

    /** Reads the live nodes; the hub node writes off those whose heartbeat is gone for two beats running. */
    private void lookAtNodes(long now) {
        Heartbeats.NodeList nodes = heartbeats.read();
        for (NodeInfo node : nodes.live()) {
            missingSince.remove(node.nodeId());
        }
        Set<String> gone = new java.util.TreeSet<>();
        for (String id : nodes.missing()) {
            // after a Redis restart the keys are all missing until each node's next beat: wait for that
            long since = missingSince.computeIfAbsent(id, k -> now);
            if (now - since >= 2L * config.heartbeatMillis()) {
                gone.add(id);
            }
        }
        liveNodes = nodes.live();
        liveNodesReadAt = System.currentTimeMillis();
        if (!gone.isEmpty() && isHub()) {
            for (String id : gone) {
                heartbeats.unlist(id);
                missingSince.remove(id);
            }
            LOG.info("cluster: node(s) {} stopped their heartbeat; their sessions end", gone);
            listener.nodesGone(gone);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
            // leave at once rather than after a timeout: the lease goes to another node, the sessions end; the
            // "released" mark tells the others they need not wait for a hub that only lost Redis for a moment
            if (isHub()) {
                redis.set(prefix + "hub-released", bytes(term.encode()),
                        SetArgs.Builder.px(2L * config.nodeTimeoutMillis()));
                redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) "
                        + "else return 0 end", ScriptOutputType.INTEGER, new String[] {prefix + "hub"},
                        bytes(term.encode()));
            }
            heartbeats.withdraw(nodeId);
        } catch (RedisException e) {
            LOG.debug("cluster: could not withdraw from Redis: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        links.close();
    }
}
