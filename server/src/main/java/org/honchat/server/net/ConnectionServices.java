package org.honchat.server.net;

import java.util.concurrent.Executor;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.ChatDomain;
import org.honchat.server.domain.CommandTable;
import org.honchat.server.domain.session.Authenticator;
import org.honchat.server.hub.Hub;

/** What a chat connection works with: the rules' timings, the command table, the hub and the login checks. */
record ConnectionServices(ServerConfig.ChatConfig config, CommandTable commands, Hub hub, ChatDomain domain,
        Authenticator authenticator, Executor workers, org.honchat.server.metrics.Metrics metrics) {
}
