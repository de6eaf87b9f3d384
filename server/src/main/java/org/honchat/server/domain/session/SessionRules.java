package org.honchat.server.domain.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.RejectReason;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.buddy.BuddyRules;
import org.honchat.server.domain.channel.ChannelRules;
import org.honchat.server.domain.channellist.ChannelLists;
import org.honchat.server.domain.clan.ClanRules;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.matchmaking.Matchmaking;
import org.honchat.server.domain.presence.Presence;
import org.honchat.server.metrics.Metrics;

/**
 * A session's life on the hub, docs/protocol.md §3.6, §3.7 and §3.10: taking over an older login, the success sequence,
 * and the clean-up in its order, whoever ends the session. Hub thread only.
 */
public final class SessionRules {

    private final ServerConfig.ChatConfig config;
    private final Outbox out;
    private final Directory directory;
    private final StoreGateway store;
    private final ChannelRules channels;
    private final Presence presence;
    private final BuddyRules buddies;
    private final ClanRules clans;
    private final Matchmaking groups;
    private final ChannelLists channelLists;
    private final Clock clock;
    private final Metrics metrics;

    public SessionRules(ServerConfig.ChatConfig config, Outbox out, Directory directory, StoreGateway store,
            ChannelRules channels, Presence presence, BuddyRules buddies, ClanRules clans, Matchmaking groups,
            ChannelLists channelLists, Clock clock, Metrics metrics) {
        this.config = config;
        this.out = out;
        this.directory = directory;
        this.store = store;
        this.channels = channels;
        this.presence = presence;
        this.buddies = buddies;
        this.clans = clans;
        this.groups = groups;
        this.channelLists = channelLists;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** §3.6 and §3.7: takes over an older session of the account, then sends the success sequence. */
    public void register(ChatSession session, Authenticator.Profile profile) {
        ChatSession old = directory.session(session.accountId);
        if (old != null) {
            out.send(old, new AuthRejected(RejectReason.ACCOUNT_SHARING));
            cleanUp(old, true);
            out.close(old);
        }
        directory.add(session);
        metrics.sessionsOnline().set(directory.onlineCount());
        metrics.sessionsOfKind(session.gameClient).incrementAndGet();
        metrics.chatLogins.increment();
        store.recordLastLogin(session.accountId, clock.instant());
        session.connectedAtMillis = clock.millis();
        session.buddies.addAll(profile.buddies());
        session.matchmakingBanUntilMillis = profile.matchmakingBanUntilMillis();
        if (profile.membership() != null) {
            session.joinClan(profile.membership().clan(), profile.membership().rank());
            directory.clanJoined(session);
        }
        out.send(session, AuthAccepted.INSTANCE);
        if (session.gameClient) {
            ServerConfig.OptionsConfig o = config.options();
            // the dynamic commands string is always empty: the client would run each entry as a console command
            out.send(session, new Options(o.ftpReplays(), o.httpReplays(), o.quests(), o.questLadder(),
                    o.connectResendSeconds(), o.messagesSystem(), ""));
        }
        presence.sendInitialStatus(session);
        presence.announceStatus(session);
        buddies.sendPending(session, profile.pending());
        out.send(session, presence.playerCount(session));
    }

    /**
     * Cluster mode (docs/cluster.md "When the hub node goes"): a session a new hub node takes over from the one
     * before, with everything it carried there. Nothing is sent: its client and its peers saw it all already.
     */
    public void restore(ChatSession session) {
        directory.add(session);
        if (session.inClan()) {
            directory.clanJoined(session);
        }
        metrics.sessionsOnline().set(directory.onlineCount());
        metrics.sessionsOfKind(session.gameClient).incrementAndGet();
    }

    /** The connection closed or failed (§3.10). */
    public void disconnected(ChatSession session) {
        if (!session.closed) {
            cleanUp(session, false);
        }
    }

    /** Server-initiated close (timeout, logout, flood, overload): clean up, then close the connection. */
    public void close(ChatSession session) {
        if (!session.closed) {
            cleanUp(session, false);
            out.close(session);
        }
    }

    /** Graceful stop: every session that {@code which} picks is cleaned up and its connection flushed and closed. */
    public void closeAll(java.util.function.Predicate<ChatSession> which) {
        for (ChatSession session : new ArrayList<>(directory.sessions())) {
            if (which.test(session)) {
                close(session);
            }
        }
    }

    /** §8.7: a logged-out cookie closes its chat session silently. */
    public void closeByCookie(String cookie) {
        for (ChatSession session : new ArrayList<>(directory.sessions())) {
            if (session.cookie.equals(cookie)) {
                close(session);
            }
        }
    }

    /** §3.10, in its order; {@code replaced}: a newer login of the account took over (§3.6). */
    private void cleanUp(ChatSession session, boolean replaced) {
        Set<ChatSession> peers = presence.peersOf(session);
        session.closed = true;
        channels.disconnected(session);
        groups.disconnected(session);
        clans.disconnected(session);
        channelLists.disconnected(session);
        directory.clanLeft(session);
        if (!session.invisible && !replaced) {
            out.send(peers, session.statusUpdate(ChatStatus.DISCONNECTED));
        }
        directory.remove(session);
        metrics.sessionsOnline().set(directory.onlineCount());
        metrics.sessionsOfKind(session.gameClient).decrementAndGet();
        session.backlog.clear();
        store.recordLastSeen(session.accountId, clock.instant());
    }
}
