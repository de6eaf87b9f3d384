package org.honchat.server.domain;

import static org.honchat.server.domain.CommandTable.Flag.BEFORE_LOGIN;
import static org.honchat.server.domain.CommandTable.Flag.FLOOD;
import static org.honchat.server.domain.CommandTable.Flag.MESSAGE;
import static org.honchat.server.domain.CommandTable.Flag.STAFF;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.SessionPackets.Flooding;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.BuddyRequests.NotifyBuddyRemove;
import org.honchat.protocol.serverbound.ChannelRequests.ChannelListAck;
import org.honchat.protocol.serverbound.ChannelRequests.ChannelSublistAck;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelList;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelSublist;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ChannelRequests.SendEmote;
import org.honchat.protocol.serverbound.ChannelRequests.SendRoll;
import org.honchat.protocol.serverbound.ClanRequests.ClanCreateRejected;
import org.honchat.protocol.serverbound.ClanRequests.ClanCreateRequest;
import org.honchat.protocol.serverbound.ClanRequests.ClanDemote;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteAccepted;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteMember;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteRejected;
import org.honchat.protocol.serverbound.ClanRequests.ClanPromote;
import org.honchat.protocol.serverbound.ClanRequests.ClanRemove;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.GameRequests.InviteUserById;
import org.honchat.protocol.serverbound.GameRequests.InviteUserByName;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.GameRequests.LeftGame;
import org.honchat.protocol.serverbound.GameRequests.RejectGameInvite;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupInviteRequest;
import org.honchat.protocol.serverbound.GroupRequests.GroupJoin;
import org.honchat.protocol.serverbound.GroupRequests.GroupKick;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.GroupRequests.GroupRejectInviteRequest;
import org.honchat.protocol.serverbound.IgnoredCommand;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.serverbound.MessageRequests.GetUserStatus;
import org.honchat.protocol.serverbound.MessageRequests.RequestUserInfo;
import org.honchat.protocol.serverbound.MessageRequests.SendClanWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisperBuddies;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DemoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DisableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.KickFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.ListChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.PromoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.RemoveChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.UnbanFromChannel;
import org.honchat.protocol.serverbound.QueueRequests.AcceptPendingMatch;
import org.honchat.protocol.serverbound.QueueRequests.GameOptionUpdate;
import org.honchat.protocol.serverbound.QueueRequests.JoinQueue;
import org.honchat.protocol.serverbound.QueueRequests.LeaveQueue;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.protocol.serverbound.QueueRequests.PopularityRequest;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.serverbound.SessionRequests.BroadcastMessage;
import org.honchat.protocol.serverbound.SessionRequests.CampaignStatsRequest;
import org.honchat.protocol.serverbound.SessionRequests.PingRequest;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.serverbound.SessionRequests.RefreshUpgrades;
import org.honchat.protocol.serverbound.SessionRequests.TrackPlayerAction;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.buddy.BuddyRules;
import org.honchat.server.domain.channel.ChannelRules;
import org.honchat.server.domain.channellist.ChannelLists;
import org.honchat.server.domain.clan.ClanRules;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.Scheduler;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.flood.FloodControl;
import org.honchat.server.domain.game.GameStatus;
import org.honchat.server.domain.matchmaking.Matchmaking;
import org.honchat.server.domain.message.Messages;
import org.honchat.server.domain.moderation.Moderation;
import org.honchat.server.domain.operator.OperatorActions;
import org.honchat.server.domain.presence.Presence;
import org.honchat.server.domain.session.Authenticator;
import org.honchat.server.domain.session.SessionRules;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.store.PermanentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat rules of one node, assembled: each feature's rules on the shared {@link Outbox}, {@link Directory} and
 * {@link StoreGateway}, and the {@link CommandTable} that routes every command to one of them. Runs on the hub thread
 * only. This is the only class that knows every feature; the features know only the ones below them.
 */
public final class ChatDomain {

    private static final Logger LOG = LoggerFactory.getLogger(ChatDomain.class);

    private final Outbox out;
    private final Metrics metrics;
    private final FloodControl flood;
    private final Presence presence;
    private final SessionRules sessions;
    private final BuddyRules buddies;
    private final CommandTable commands;
    private final Matchmaking matchmaking;
    private final OperatorActions operators;
    private final ChannelRules channels;
    private final Moderation moderation;

    public ChatDomain(ServerConfig.ChatConfig config, Outbox out, Directory directory, StoreGateway store, Clock clock,
            Scheduler scheduler, Matchmaking matchmaking, List<PermanentChannel> permanent, Metrics metrics) {
        this.out = out;
        this.metrics = metrics;
        this.flood = new FloodControl(config.flood(), clock);
        this.channels = new ChannelRules(config, out, directory, store, permanent);
        this.presence = new Presence(out, directory, store);
        Messages messages = new Messages(out, directory, clock);
        GameStatus games = new GameStatus(out, directory, channels, presence, config.leaveGeneralWhenJoiningGame());
        this.buddies = new BuddyRules(out, directory, store, clock, config.maxBuddies());
        ClanRules clans = new ClanRules(out, directory, store, channels, presence, clock);
        this.moderation = new Moderation(out, directory, store, channels, clock, scheduler);
        this.matchmaking = matchmaking;
        ChannelLists channelLists = new ChannelLists(out, directory);
        this.sessions = new SessionRules(config, out, directory, store, channels, presence, buddies, clans, matchmaking,
                channelLists, clock, metrics);
        store.onResume(this::resume);
        this.operators = new OperatorActions(out, directory, sessions::close, channels);
        this.commands = table(channels, channelLists, messages, games, clans, moderation, matchmaking);
        // one series per counted command, at zero from the start (the dashboard graphs their sum)
        commands.rows().stream().filter(CommandTable.Command::flood).forEach(row -> metrics.floodDropped(row.name()));
    }

    /** The rows of docs/protocol.md §6.2, in its order. */
    private CommandTable table(ChannelRules channels, ChannelLists lists, Messages messages, GameStatus games,
            ClanRules clans, Moderation moderation, Matchmaking groups) {
        CommandTable.Builder table = CommandTable.builder()
                .connection(ClientConnect.CODEC, "3.3", BEFORE_LOGIN)
                .connection(PingRequest.CODEC, "3.9", BEFORE_LOGIN)
                .connection(PongReply.CODEC, "3.9", BEFORE_LOGIN)
                .hub(SendChannelMessage.CODEC, "6.2", (s, p) -> messages.channelMessage(s, p.channelId(), p.message()),
                        FLOOD, MESSAGE)
                .hub(SendWhisper.CODEC, "6.4", (s, p) -> messages.whisper(s, p.targetName(), p.message()), FLOOD,
                        MESSAGE)
                .hub(RequestBuddyAdd.CODEC, "6.7", (s, p) -> buddies.request(s, p.nickname()), FLOOD)
                .hub(NotifyBuddyRemove.CODEC, "6.7", (s, p) -> buddies.remove(s, p.buddyId()))
                .hub(JoiningGame.CODEC, "6.9", inGroup(groups, (s, p) -> games.joining(s, p.serverAddress())))
                .hub(JoinedGame.CODEC, "6.9", inGroup(groups, games::joined))
                .hub(LeftGame.CODEC, "6.9", inGroup(groups, (s, p) -> games.left(s)))
                .hub(SendClanWhisper.CODEC, "6.8", (s, p) -> messages.clanWhisper(s, p.message()), FLOOD,
                        MESSAGE)
                .hub(ClanPromote.CODEC, "6.8", (s, p) -> clans.promote(s, p.targetId()))
                .hub(ClanDemote.CODEC, "6.8", (s, p) -> clans.demote(s, p.targetId()))
                .hub(ClanRemove.CODEC, "6.8", (s, p) -> clans.remove(s, p.targetId()))
                .hub(SendIm.CODEC, "6.4", (s, p) -> messages.im(s, p.targetName(), p.message(), p.wantInfo() == 1),
                        FLOOD, MESSAGE)
                .hub(JoinChannel.CODEC, "6.3", (s, p) -> channels.join(s, p.name(), null))
                .hub(SendWhisperBuddies.CODEC, "6.2", (s, p) -> messages.whisperBuddies(s, p.message()), FLOOD,
                        MESSAGE)
                .hub(LeaveChannel.CODEC, "6.2", (s, p) -> channels.leave(s, p.name()))
                .hub(InviteUserById.CODEC, "6.9", (s, p) -> games.inviteById(s, p.targetId()))
                .hub(InviteUserByName.CODEC, "6.9", (s, p) -> games.inviteByName(s, p.targetName()))
                .hub(RejectGameInvite.CODEC, "6.9", (s, p) -> games.rejectInvite(s, p.inviterId()))
                .hub(RequestUserInfo.CODEC, "6.5", (s, p) -> presence.userInfo(s, p.name()), FLOOD)
                .hub(SetChannelTopic.CODEC, "6.3", (s, p) -> channels.topic(s, p.channelId(), p.topic()))
                .hub(KickFromChannel.CODEC, "6.3", (s, p) -> moderation.kick(s, p.channelId(), p.targetId()))
                .hub(BanFromChannel.CODEC, "6.3", (s, p) -> moderation.ban(s, p.channelId(), p.targetName()))
                .hub(UnbanFromChannel.CODEC, "6.3", (s, p) -> moderation.unban(s, p.channelId(), p.targetName()))
                .hub(SilenceInChannel.CODEC, "6.3",
                        (s, p) -> moderation.silence(s, p.channelId(), p.targetName(), p.durationMillis()))
                .hub(BroadcastMessage.CODEC, "6.2", (s, p) -> messages.broadcast(s, p.type(), p.message()), STAFF)
                .hub(PromoteInChannel.CODEC, "6.3", (s, p) -> moderation.promote(s, p.channelId(), p.targetId()))
                .hub(DemoteInChannel.CODEC, "6.3", (s, p) -> moderation.demote(s, p.channelId(), p.targetId()))
                .hub(EnableChannelAuth.CODEC, "6.3", (s, p) -> moderation.authMode(s, p.channelId(), true))
                .hub(DisableChannelAuth.CODEC, "6.3", (s, p) -> moderation.authMode(s, p.channelId(), false))
                .hub(AddChannelAuthUser.CODEC, "6.3", (s, p) -> moderation.authList(s, p.channelId(), p.name(), true))
                .hub(RemoveChannelAuthUser.CODEC, "6.3",
                        (s, p) -> moderation.authList(s, p.channelId(), p.name(), false))
                .hub(ListChannelAuth.CODEC, "6.3", (s, p) -> moderation.listAuth(s, p.channelId()))
                .hub(SetChannelPassword.CODEC, "6.3", (s, p) -> channels.password(s, p.channelId(), p.password()))
                .hub(JoinChannelWithPassword.CODEC, "6.3", (s, p) -> channels.join(s, p.name(), p.password()))
                .hub(ClanInviteMember.CODEC, "6.8", (s, p) -> clans.invite(s, p.targetName()), FLOOD)
                .hub(ClanInviteRejected.CODEC, "6.8", (s, p) -> clans.rejectInvite(s))
                .hub(ClanInviteAccepted.CODEC, "6.8", (s, p) -> clans.accept(s))
                .hub(ClanCreateRequest.CODEC, "6.8", clans::create, FLOOD)
                .hub(ClanCreateRejected.CODEC, "6.8", (s, p) -> clans.rejectCreation(s))
                .hub(SendRoll.CODEC, "6.6", (s, p) -> messages.rollOrEmote(s, p.channelId(), p.text(), true), FLOOD)
                .hub(SendEmote.CODEC, "6.6", (s, p) -> messages.rollOrEmote(s, p.channelId(), p.text(), false), FLOOD)
                .hub(SetChatMode.CODEC, "6.2", (s, p) -> presence.chatMode(s, p.mode(), p.reason()), FLOOD)
                .hub(ApproveBuddy.CODEC, "6.7", (s, p) -> buddies.approve(s, p.requesterName()), FLOOD)
                .ignored(TrackPlayerAction.CODEC, "9.2")
                .hub(GetChannelList.CODEC, "6.10", (s, p) -> lists.requestFull(s))
                .hub(ChannelListAck.CODEC, "6.10", (s, p) -> lists.acknowledgeFull(s))
                .hub(GetChannelSublist.CODEC, "6.10", (s, p) -> lists.requestSublist(s, p.sequence(), p.prefix()))
                .hub(ChannelSublistAck.CODEC, "6.10", (s, p) -> lists.acknowledgeSublist(s, p.sequence()))
                .hub(GetUserStatus.CODEC, "6.2", (s, p) -> presence.userStatus(s, p.name()))
                .ignored(RefreshUpgrades.CODEC, "6.2")
                .hub(GroupCreate.CODEC, "9.2", groups::create, FLOOD)
                .hub(GroupJoin.CODEC, "9.2", (s, p) -> groups.join(s, p.memberName()), FLOOD)
                .hub(GroupLeave.CODEC, "9.2", (s, p) -> groups.leave(s))
                .hub(GroupInviteRequest.CODEC, "6.11", (s, p) -> groups.invite(s, p.targetName()), FLOOD)
                .hub(GroupRejectInviteRequest.CODEC, "6.11", (s, p) -> groups.reject(s, p.inviterName()))
                .hub(GroupKick.CODEC, "9.2", (s, p) -> groups.kick(s, p.slot()))
                .hub(GroupReady.CODEC, "9.2", (s, p) -> groups.ready(s, p.ready() != 0))
                .hub(CampaignStatsRequest.CODEC, "9.2", (s, p) -> groups.campaignStats(s))
                .hub(JoinQueue.CODEC, "9.2", (s, p) -> groups.joinQueue(s))
                .hub(LeaveQueue.CODEC, "9.2", (s, p) -> groups.leaveQueue(s))
                .hub(LoadingStatus.CODEC, "9.2", (s, p) -> groups.loading(s, p.percent()))
                .hub(PopularityRequest.CODEC, "9.2", (s, p) -> groups.popularity(s))
                .hub(GameOptionUpdate.CODEC, "9.2", groups::options)
                .ignored(AcceptPendingMatch.CODEC, "9.2");
        for (PacketCodec<?> ignored : IgnoredCommand.codecs()) {
            table.ignored(ignored, "6.2");
        }
        return table.build();
    }

    /** §6.11 "status change": a game-status command, then the group hears if the in-game flag flipped. */
    private static <P extends ServerboundPacket> CommandTable.Handler<P> inGroup(Matchmaking groups,
            CommandTable.Handler<P> handler) {
        return (s, p) -> {
            boolean wasInGame = s.inGame();
            handler.handle(s, p);
            groups.statusChanged(s, wasInGame);
        };
    }

    /** What the admin API does to the live server. */
    public OperatorActions operators() {
        return operators;
    }

    /** The matchmaking rules, for the match-server and manager links. */
    public Matchmaking matchmaking() {
        return matchmaking;
    }

    /** Where each command goes; the connection reads it too (allowed before login, handled by the connection). */
    public CommandTable commands() {
        return commands;
    }

    /** One command of an authenticated session, in arrival order (§1.3 rule 6). */
    public void handle(ChatSession s, ServerboundPacket packet) {
        CommandTable.Command row = commands.row(packet.codec().id());
        if (s.closed || row.route() != CommandTable.Route.HUB || (row.staffOnly() && !s.isStaff())) {
            return;
        }
        if (row.flood() && !s.isStaff() && !passesFloodControl(s, row)) {
            return;
        }
        if (row.message()) {
            metrics.chatMessages.increment();
        }
        if (s.awaitingStore) {
            s.backlog.add(packet);
            return;
        }
        row.handler().handle(s, packet);
    }

    /**
     * §4.9: counts the command; a flooding session is told once (if configured), a worse one is closed. Every drop is
     * counted by command, and the start of each episode logged at debug level: the protocol keeps the sender in the
     * dark by default, the operator should not be.
     */
    private boolean passesFloodControl(ChatSession s, CommandTable.Command row) {
        boolean wasFlooding = s.flooding;
        FloodControl.Verdict verdict = flood.count(s);
        if (verdict == FloodControl.Verdict.DROP || verdict == FloodControl.Verdict.DROP_WITH_NOTICE) {
            metrics.floodDropped(row.name()).increment();
            if (!wasFlooding) {
                LOG.debug("{} is flooding: {} and its other counted commands are dropped until it slows down", s,
                        row.name());
            }
        }
        switch (verdict) {
            case PASS:
                return true;
            case DROP_WITH_NOTICE:
                out.send(s, Flooding.INSTANCE);
                return false;
            case DISCONNECT:
                LOG.debug("{} flooded ({} counted commands), closed", s, s.flood);
                metrics.floodDisconnects.increment();
                sessions.close(s);
                return false;
            default:
                return false;
        }
    }

    /** Replays the commands held while the session waited for the store (§1.3 rule 6). */
    private void resume(ChatSession s) {
        while (!s.awaitingStore && !s.closed && !s.backlog.isEmpty()) {
            ServerboundPacket packet = s.backlog.poll();
            commands.row(packet.codec().id()).handler().handle(s, packet);
        }
    }

    /** §3.6 and §3.7: the session was accepted. */
    public void register(ChatSession session, Authenticator.Profile profile) {
        sessions.register(session, profile);
    }

    /** The connection closed or failed (§3.10). */
    public void disconnected(ChatSession session) {
        sessions.disconnected(session);
    }

    /** Output piled up unread past the limit: the session goes, without holding up anyone else. */
    public void overloaded(ChatSession session) {
        if (!session.closed) {
            LOG.debug("{} did not read its output, closed", session);
            metrics.slowConsumerDisconnects.increment();
            sessions.close(session);
        }
    }

    /** §8.7: a logged-out cookie closes its chat session. */
    public void closeByCookie(String cookie) {
        sessions.closeByCookie(cookie);
    }

    /** Graceful stop: every session cleaned up, flushed and closed. */
    public void closeAll() {
        sessions.closeAll(session -> true);
    }

    /** Graceful stop of a cluster's hub node: the sessions {@code which} picks end, the others live on elsewhere. */
    public void closeAll(java.util.function.Predicate<ChatSession> which) {
        sessions.closeAll(which);
    }

    /**
     * Cluster mode (docs/cluster.md "When the hub node goes"): this node's hub takes over the sessions and channels
     * of the hub before it, in place of whatever it held (nothing: it was not the hub). Members are set on both
     * sides already; silences are timed again. Nothing is sent.
     */
    public void restore(java.util.Collection<ChatSession> restoredSessions,
            java.util.Collection<Channel> restoredChannels) {
        for (ChatSession session : restoredSessions) {
            sessions.restore(session);
        }
        channels.replaceAll(restoredChannels);
        for (Channel channel : restoredChannels) {
            for (java.util.Map.Entry<Long, Long> silence : new ArrayList<>(channel.silences.entrySet())) {
                moderation.liftLater(channel, silence.getKey(), silence.getValue());
            }
        }
    }

    /** §8.8 {@code new_buddy}: as 0x0D for the pair; {@code reply} gets the HTTP verdict on the hub. */
    public void requestBuddy(long requesterId, long targetId, java.util.function.Consumer<Boolean> reply) {
        buddies.requestById(requesterId, targetId, reply);
    }

    /** §8.8 {@code remove_buddy}: as 0x0E, pending requests too; {@code done} once stored. */
    public void removeBuddy(long accountId, long buddyId, Runnable done) {
        buddies.removeById(accountId, buddyId, done);
    }

    /** §3.9: the periodic player count. */
    public void broadcastPlayerCount() {
        presence.broadcastPlayerCount();
    }
}
