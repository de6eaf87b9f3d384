package org.honchat.server.cluster;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes' heartbeats in Redis: the set of node ids, and per node a key with its {@link RedisCoordinator.NodeInfo}
 * whose time to live is the node timeout. A node is live while its key is there; what is gone of the time to live
 * is how long ago it beat.
 */
final class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    /** The nodes in the node list whose heartbeat is in Redis now, and those whose heartbeat is missing. */
    record NodeList(List<RedisCoordinator.NodeInfo> live, List<String> missing) {
    }

    private final RedisCommands<String, byte[]> redis;
    private final String prefix;
    private final long nodeTimeoutMillis;

    Heartbeats(RedisCommands<String, byte[]> redis, String prefix, long nodeTimeoutMillis) {
        this.redis = redis;
        this.prefix = prefix;
        this.nodeTimeoutMillis = nodeTimeoutMillis;
    }

    /** Writes this node's heartbeat and lists the node. */
    void write(RedisCoordinator.NodeInfo heartbeat) {
        redis.set(nodeKey(heartbeat.nodeId()), bytes(heartbeat.encode()), SetArgs.Builder.px(nodeTimeoutMillis));
        redis.sadd(listKey(), bytes(heartbeat.nodeId()));
    }

    /** Takes a node that stopped beating off the list. */
    void unlist(String node) {
        redis.srem(listKey(), bytes(node));
    }

    /** Deletes a node's heartbeat: it is refused placement at once rather than when the key expires. */
    void withdraw(String node) {
        redis.del(nodeKey(node));
    }

    /** How long ago {@code node} last wrote its heartbeat, read now (null when its key is gone). */
    Long ageMillis(String node) {
        Long left = redis.pttl(nodeKey(node));
        return left == null || left < 0 ? null : nodeTimeoutMillis - left;
    }

    NodeList read() {
        List<String> ids = new ArrayList<>();
        for (byte[] id : redis.smembers(listKey())) {
            ids.add(new String(id, StandardCharsets.UTF_8));
        }
        List<RedisCoordinator.NodeInfo> live = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (!ids.isEmpty()) {
            List<KeyValue<String, byte[]>> values = redis.mget(ids.stream().map(this::nodeKey).toArray(String[]::new));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                KeyValue<String, byte[]> value = values.get(i);
                if (!value.hasValue()) {
                    missing.add(id);
                    continue;
                }
                try {
                    live.add(RedisCoordinator.NodeInfo.decode(id, new String(value.getValue(), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    // a node of another honchat version, or not honchat at all: not one of ours to place on
                    LOG.debug("cluster: heartbeat of node {} not understood: {}", id, e.toString());
                }
            }
        }
        return new NodeList(List.copyOf(live), missing);
    }

    private String listKey() {
        return prefix + "nodes";
    }

    private String nodeKey(String node) {
        return prefix + "node:" + node;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
