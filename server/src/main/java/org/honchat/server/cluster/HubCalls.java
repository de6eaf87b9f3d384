package org.honchat.server.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from any node to the node that holds the hub, for what is not a chat connection's event: the login
 * service's buddy functions and online checks (docs/protocol.md §8.8), a logout closing its chat session (§8.7), the
 * admin API. A node that holds the hub runs the operation itself. Pub/sub may lose a request while Redis is away:
 * the caller then gets a timeout, never a silent wrong answer.
 */
public final class HubCalls {

    private static final Logger LOG = LoggerFactory.getLogger(HubCalls.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final RedisCoordinator coordinator;
    private final Map<String, Function<List<String>, CompletableFuture<String>>> operations =
            new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();

    public HubCalls(RedisCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** What this node does when it holds the hub and {@code operation} is asked of it. */
    public void register(String operation, Function<List<String>, CompletableFuture<String>> handler) {
        operations.put(operation, handler);
    }

    /** Runs {@code operation} where the hub is: here, or on the hub node through Redis. */
    public CompletableFuture<String> call(String operation, String... arguments) {
        RedisCoordinator.Term term = coordinator.term();
        if (term == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no node holds the hub at the moment"));
        }
        if (term.hubNode().equals(coordinator.nodeId())) {
            return run(operation, List.of(arguments));
        }
        long id = nextId.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<String>().orTimeout(TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
        waiting.put(id, answer);
        answer.whenComplete((result, failure) -> waiting.remove(id));
        coordinator.publish(term.hubNode(),
                new ClusterWire.Call(id, coordinator.nodeId(), operation, List.of(arguments)).encode());
        return answer;
    }

    private CompletableFuture<String> run(String operation, List<String> arguments) {
        Function<List<String>, CompletableFuture<String>> handler = operations.get(operation);
        if (handler == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown operation " + operation));
        }
        try {
            return handler.apply(arguments);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A call from another node (this node should hold the hub): run it and publish the answer. */
    public void received(ClusterWire.Call call) {
        if (!coordinator.isHub()) {
            coordinator.publish(call.fromNode(), new ClusterWire.Reply(call.callId(), false,
                    "node " + coordinator.nodeId() + " does not hold the hub").encode());
            return;
        }
        run(call.operation(), call.arguments()).whenComplete((result, failure) -> {
            ClusterWire.Reply reply = failure == null ? new ClusterWire.Reply(call.callId(), true, result)
                    : new ClusterWire.Reply(call.callId(), false, String.valueOf(failure.getMessage()));
            if (failure != null) {
                LOG.debug("cluster call {} from {} failed: {}", call.operation(), call.fromNode(), failure.toString());
            }
            coordinator.publish(call.fromNode(), reply.encode());
        });
    }

    /** The hub node's answer to one of this node's calls. */
    public void received(ClusterWire.Reply reply) {
        CompletableFuture<String> answer = waiting.remove(reply.callId());
        if (answer == null) {
            return; // timed out meanwhile
        }
        if (reply.ok()) {
            answer.complete(reply.result());
        } else {
            answer.completeExceptionally(new IllegalStateException(reply.result()));
        }
    }
}
