package org.honchat.server.domain.moderation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAddFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAdded;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthDisabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthEnabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthList;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthRemoveFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthRemoved;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelBan;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelDemote;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelKick;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPromote;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenceLifted;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilencePlaced;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelUnban;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.domain.channel.ChannelRules;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.Scheduler;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.store.AccountNames;

/**
 * Channel moderation, docs/protocol.md §6.2 {@code 0x31}-{@code 0x42} with the rank rules of §6.3: "higher" is strictly
 * greater, so equal levels cannot act on each other and nobody acts on staff. A refused action is silent unless the
 * protocol names a reply; none closes a connection. Hub thread only.
 */
public final class Moderation {

    private final Outbox out;
    private final Directory directory;
    private final StoreGateway store;
    private final ChannelRules channels;
    private final Clock clock;
    private final Scheduler scheduler;

    public Moderation(Outbox out, Directory directory, StoreGateway store, ChannelRules channels, Clock clock,
            Scheduler scheduler) {
        this.out = out;
        this.directory = directory;
        this.store = store;
        this.channels = channels;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    private static boolean above(Channel c, ChatSession requester, AdminLevel target) {
        return c.levelOf(requester).compareTo(target) > 0;
    }

    private static boolean atLeast(Channel c, ChatSession requester, AdminLevel level) {
        return c.levelOf(requester).compareTo(level) >= 0;
    }

    /** 0x31: a member, below the requester; 0x31 to all members (the kicked one included), then its 0x06. */
    public void kick(ChatSession s, long channelId, long targetId) {
        Channel c = directory.channel(channelId);
        ChatSession target = directory.session(targetId);
        if (c == null || target == null || !c.isMember(target) || !above(c, s, c.levelOf(target))) {
            return;
        }
        out.sendToMembers(c, new ChannelKick(c.id, s.accountId, target.accountId));
        channels.removeMember(target, c);
    }

    /** 0x32: an online session below the requester, not banned yet; out of the channel, then 0x32. */
    public void ban(ChatSession s, long channelId, String targetName) {
        Channel c = directory.channel(channelId);
        ChatSession target = directory.sessionNamed(targetName);
        if (c == null || target == null || c.bans.contains(target.accountId) || !above(c, s, c.levelOf(target))) {
            return;
        }
        c.bans.add(target.accountId);
        directory.changed(c);
        if (c.isMember(target)) {
            channels.removeMember(target, c);
        }
        List<ChatSession> told = new ArrayList<>(c.members.values());
        if (target.chatMode != ChatMode.DND && !told.contains(target)) {
            told.add(target);
        }
        store.persistThen(s, c, "ban", store -> store.setBanned(c.id, target.accountId, true),
                () -> out.send(told, new ChannelBan(c.id, s.accountId, target.displayName())));
    }

    /** 0x33: officer and up; the target online and banned. */
    public void unban(ChatSession s, long channelId, String targetName) {
        Channel c = directory.channel(channelId);
        ChatSession target = directory.sessionNamed(targetName);
        if (c == null || target == null || !atLeast(c, s, AdminLevel.OFFICER) || !c.bans.remove(target.accountId)) {
            return;
        }
        directory.changed(c);
        List<ChatSession> told = new ArrayList<>(c.members.values());
        if (!c.isMember(target) && target.chatMode != ChatMode.DND) {
            told.add(target);
        }
        store.persistThen(s, c, "unban", store -> store.setBanned(c.id, target.accountId, false),
                () -> out.send(told, new ChannelUnban(c.id, s.accountId, target.displayName())));
    }

    /** 0x38: below the requester; 0 lifts at once; 0x36 to the target when it expires. */
    public void silence(ChatSession s, long channelId, String targetName, long durationMillis) {
        Channel c = directory.channel(channelId);
        ChatSession target = directory.sessionNamed(targetName);
        if (c == null || target == null || !above(c, s, c.levelOf(target))) {
            return;
        }
        long until = clock.millis() + durationMillis;
        if (durationMillis == 0) {
            c.silences.remove(target.accountId);
        } else {
            c.silences.put(target.accountId, until);
            liftLater(c, target.accountId, until);
        }
        directory.changed(c);
        List<ChatSession> told = new ArrayList<>(c.members.values());
        if (!c.isMember(target)) {
            told.add(target);
        }
        out.send(told, new ChannelSilencePlaced(c.name, s.displayName(), target.displayName(), durationMillis));
    }

    /**
     * The silence of {@code accountId} in {@code c} ends at {@code until} (epoch millis) unless replaced: then the
     * target gets {@code 0x36}. Also used for silences a new hub node takes over (docs/cluster.md).
     */
    public void liftLater(Channel c, long accountId, long until) {
        scheduler.later(Math.max(0, until - clock.millis()), () -> {
            Long current = c.silences.get(accountId);
            if (current != null && current == until) {
                c.silences.remove(accountId);
                directory.changed(c);
                out.sendToAccount(accountId, new ChannelSilenceLifted(c.name));
            }
        });
    }

    /** 0x3A: requester above target + 1; NONE to OFFICER to LEADER to ADMINISTRATOR. */
    public void promote(ChatSession s, long channelId, long targetId) {
        Channel c = directory.channel(channelId);
        ChatSession target = directory.session(targetId);
        if (c == null || target == null) {
            return;
        }
        AdminLevel before = c.levelOf(target);
        if (before.compareTo(AdminLevel.ADMINISTRATOR) >= 0 || c.levelOf(s).wire() <= before.wire() + 1) {
            return;
        }
        AdminLevel explicit = c.explicitAdmins.getOrDefault(target.accountId, AdminLevel.NONE);
        AdminLevel raised = AdminLevel.values()[Math.max(explicit.wire(), before.wire()) + 1];
        setExplicit(s, c, target.accountId, raised, () -> {
            out.sendToMembers(c, new ChannelPromote(c.id, target.accountId, s.accountId));
            correctIfNeeded(c, target.accountId, before.wire() + 1);
        });
    }

    /**
     * 0x3B: both levels above NONE and the requester higher; a level derived from staff or clan rank does not move,
     * but the command is still broadcast.
     */
    public void demote(ChatSession s, long channelId, long targetId) {
        Channel c = directory.channel(channelId);
        if (c == null) {
            return;
        }
        ChatSession target = directory.session(targetId);
        AdminLevel before = target != null ? c.levelOf(target)
                : c.explicitAdmins.getOrDefault(targetId, AdminLevel.NONE);
        AdminLevel mine = c.levelOf(s);
        if (before == AdminLevel.NONE || mine == AdminLevel.NONE || mine.compareTo(before) <= 0) {
            return;
        }
        AdminLevel explicit = c.explicitAdmins.getOrDefault(targetId, AdminLevel.NONE);
        Runnable announce = () -> {
            out.sendToMembers(c, new ChannelDemote(c.id, targetId, s.accountId));
            correctIfNeeded(c, targetId, before.wire() - 1);
        };
        if (explicit != AdminLevel.NONE) {
            setExplicit(s, c, targetId, AdminLevel.values()[explicit.wire() - 1], announce);
        } else {
            announce.run();
        }
    }

    private void setExplicit(ChatSession s, Channel c, long accountId, AdminLevel level, Runnable announce) {
        if (level == AdminLevel.NONE) {
            c.explicitAdmins.remove(accountId);
        } else {
            c.explicitAdmins.put(accountId, level);
        }
        directory.changed(c);
        store.persistThen(s, c, "admin level", store -> store.setAdmin(c.id, accountId, level), announce);
    }

    /**
     * The client adds or subtracts 1 on 0x3A/0x3B (§6.1). When the real level moved otherwise (a derived level that
     * did not move), a 0x2F puts every member's list right again.
     */
    private void correctIfNeeded(Channel c, long accountId, int levelTheClientsAssume) {
        ChatSession target = directory.session(accountId);
        AdminLevel actual = target != null ? c.levelOf(target)
                : c.explicitAdmins.getOrDefault(accountId, AdminLevel.NONE);
        if (actual.wire() != levelTheClientsAssume) {
            out.sendToMembers(c, new ChannelUpdate(c.id, c.name, c.flags, c.topic, c.adminList()));
        }
    }

    /** 0x3E / 0x3F: leader and up. */
    public void authMode(ChatSession s, long channelId, boolean required) {
        Channel c = directory.channel(channelId);
        if (c == null || !atLeast(c, s, AdminLevel.LEADER)) {
            return;
        }
        c.flags = required ? c.flags.with(ChannelFlags.AUTH_REQUIRED) : c.flags.without(ChannelFlags.AUTH_REQUIRED);
        directory.changed(c);
        store.settingsThen(s, c, () -> out.send(c.members.values(),
                required ? new ChannelAuthEnabled(c.id) : new ChannelAuthDisabled(c.id)));
    }

    /** 0x40 / 0x41: leader and up; the lower-case bare name; the reply echoes the name as sent. */
    public void authList(ChatSession s, long channelId, String name, boolean add) {
        Channel c = directory.channel(channelId);
        if (c == null || !atLeast(c, s, AdminLevel.LEADER)) {
            return;
        }
        String key = AccountNames.key(AccountNames.bare(name));
        boolean changed = add ? c.authList.add(key) : c.authList.remove(key);
        if (!changed) {
            out.send(s, add ? new ChannelAuthAddFailed(c.id, name) : new ChannelAuthRemoveFailed(c.id, name));
            return;
        }
        directory.changed(c);
        store.persistThen(s, c, "auth list", store -> store.setAuthorized(c.id, key, add),
                () -> out.send(s, add ? new ChannelAuthAdded(c.id, name) : new ChannelAuthRemoved(c.id, name)));
    }

    /** 0x42: leader and up; display names for online accounts; cut at the last whole name that fits (§1.4 rule 3). */
    public void listAuth(ChatSession s, long channelId) {
        Channel c = directory.channel(channelId);
        if (c == null || !atLeast(c, s, AdminLevel.LEADER)) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String key : c.authList) {
            ChatSession online = directory.sessionByNameKey(key);
            names.add(online != null ? online.displayName() : key);
        }
        int fits = FrameEncoder.fittingPrefix(names, list -> new ChannelAuthList(c.id, list));
        out.send(s, new ChannelAuthList(c.id, names.subList(0, fits)));
    }
}
