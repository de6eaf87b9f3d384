package org.honchat.server.net;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.ChatDomain;
import org.honchat.server.domain.CommandTable;
import org.honchat.server.domain.session.Authenticator;
import org.honchat.server.hub.Hub;

/**
 * What a chat connection works with: the rules' timings, the command table, the hub and the login checks; in cluster
 * mode the gateway to the hub node; and the count of this node's logged-in connections (cluster placement).
 */
record ConnectionServices(ServerConfig.ChatConfig config, CommandTable commands, Hub hub, ChatDomain domain,
        Authenticator authenticator, Executor workers, org.honchat.server.metrics.Metrics metrics,
        AtomicReference<ClusterGateway> cluster, AtomicInteger sessionsHere) {

    /** In cluster mode on a node that does not hold the hub: where the connection's events go; else null. */
    ClusterGateway remoteHub() {
        ClusterGateway gateway = cluster.get();
        return gateway != null && gateway.remote() ? gateway : null;
    }
}
