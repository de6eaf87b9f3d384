package org.honchat.server.domain.matchmaking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.server.config.ServerConfig.ManagerOptions;
import org.honchat.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server managers connected on port 11033 (docs/protocol.md §9.6): a registry only in this phase; nothing in
 * matchmaking depends on it. Hub thread only.
 */
final class Managers {

    private static final Logger LOG = LoggerFactory.getLogger(Managers.class);

    private final ManagerOptions options;
    private final Metrics metrics;
    private final Map<Long, ManagerSession> byId = new LinkedHashMap<>();

    Managers(ManagerOptions options, Metrics metrics) {
        this.options = options;
        this.metrics = metrics;
    }

    /** §9.6 checks 4-5: an older session with the same id is closed; then {@code 0x1700} and {@code 0x1703}. */
    ManagerSession connect(long managerId, ServerLink link) {
        ManagerSession old = byId.remove(managerId);
        if (old != null) {
            LOG.info("manager {} connected again; the older session is closed", managerId);
            old.gone = true;
            old.link.close();
        }
        ManagerSession manager = new ManagerSession(managerId, link);
        byId.put(managerId, manager);
        metrics.managersConnected().set(byId.size());
        link.opened(manager);
        link.send(ManagerPackets.Accept.INSTANCE);
        link.send(new ManagerPackets.Options(options.submitStats() != 0, options.uploadReplays() != 0,
                options.ftpOnDemand() != 0, options.httpOnDemand() != 0, options.resubmitStats() != 0,
                options.resubmitCutoffMatchId()));
        LOG.info("manager {} connected", managerId);
        return manager;
    }

    void status(ManagerSession manager, ManagerPackets.Status status) {
        if (!manager.gone && status.managerId() == manager.managerId) {
            manager.status = status;
        }
    }

    void lost(ManagerSession manager) {
        if (manager.gone) {
            return;
        }
        manager.gone = true;
        byId.remove(manager.managerId, manager);
        metrics.managersConnected().set(byId.size());
        LOG.info("{} disconnected", manager);
    }

    int count() {
        return byId.size();
    }

    /** The connected managers' ids, in connection order. */
    List<Long> ids() {
        return List.copyOf(byId.keySet());
    }
}
