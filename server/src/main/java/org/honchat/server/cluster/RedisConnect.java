package org.honchat.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Redis client and its two connections (commands, and pub/sub). The first connections are tried with a
 * back-off from 100 ms to 2 s for {@code cluster.redis.connectRetrySeconds}: Redis starting after the node, or slow
 * on a busy machine, is waited for; one still away after that stops the start with one line. Reconnects later are
 * Lettuce's, at the heartbeat's pace, for as long as it takes.
 */
final class RedisConnect {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnect.class);

    /** The client of a node and its two connections. */
    record Connections(ClientResources resources, RedisClient client, StatefulRedisConnection<String, byte[]> data,
            StatefulRedisPubSubConnection<String, byte[]> pubSub) {

        void close() {
            pubSub.close();
            data.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private RedisConnect() {
    }

    /** The client and both connections, or a {@link ConfigException} once the retry time is spent (nothing left open). */
    static Connections open(ServerConfig.ClusterConfig config) {
        RedisURI.Builder uri = redisUri(config.redis())
                .withTimeout(Duration.ofMillis(Math.max(200, config.heartbeatMillis())));
        if (!config.redis().password().isEmpty()) {
            uri.withPassword(config.redis().password().toCharArray());
        }
        // reconnect at a steady pace, never slower than a heartbeat: Lettuce's default backoff grows to seconds,
        // longer than a node timeout, so a short Redis restart would cost every node its sessions
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(Math.min(config.heartbeatMillis(), 500))))
                .build();
        RedisClient client = RedisClient.create(resources, uri.build());
        // while Redis is away commands fail at once rather than queue: what is sent meanwhile is lost, as pub/sub
        // loses it anyway (docs/cluster.md "Redis restarts")
        // no Nagle: every message between nodes is small and someone waits for it
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).keepAlive(true).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            return connect(resources, client, config.redis());
        } catch (ConfigException e) {
            client.shutdown();
            resources.shutdown();
            throw e;
        }
    }

    /**
     * One Redis server, or the master the Sentinels name: Lettuce asks them again at every reconnect, so after a
     * failover the nodes find the promoted replica (docs/cluster.md "Redis itself").
     */
    private static RedisURI.Builder redisUri(ServerConfig.RedisConfig redis) {
        List<String> addresses = redis.addresses();
        String first = addresses.get(0);
        if (!redis.sentinels()) {
            return RedisURI.builder().withHost(ServerConfig.RedisConfig.host(first))
                    .withPort(ServerConfig.RedisConfig.port(first));
        }
        RedisURI.Builder uri = RedisURI.Builder.sentinel(ServerConfig.RedisConfig.host(first),
                ServerConfig.RedisConfig.port(first), redis.sentinelMaster());
        for (String sentinel : addresses.subList(1, addresses.size())) {
            uri.withSentinel(ServerConfig.RedisConfig.host(sentinel), ServerConfig.RedisConfig.port(sentinel));
        }
        return uri;
    }

    private static Connections connect(ClientResources resources, RedisClient client, ServerConfig.RedisConfig config) {
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.connectRetrySeconds());
        long pause = 100;
        StatefulRedisConnection<String, byte[]> data = null;
        for (int attempt = 1; ; attempt++) {
            try {
                data = data != null ? data : client.connect(codec);
                return new Connections(resources, client, data, client.connectPubSub(codec));
            } catch (RedisException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    if (data != null) {
                        data.close();
                    }
                    throw new ConfigException("cannot reach Redis at " + config.address()
                            + " (cluster.redis.address) after " + attempt + " tries in " + config.connectRetrySeconds()
                            + " s (cluster.redis.connectRetrySeconds): " + e.getMessage(), e);
                }
                if (attempt == 1) {
                    LOG.warn("Redis at {} does not answer yet ({}): trying again for up to {} s", config.address(),
                            e.getMessage(), config.connectRetrySeconds());
                }
                sleep(pause);
                pause = Math.min(2000, pause * 2);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while waiting for Redis", e);
        }
    }
}
