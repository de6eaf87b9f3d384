package org.honchat.server.chat;

import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ServerboundPacket;
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
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DemoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DisableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.KickFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.ListChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.PromoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.RemoveChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.UnbanFromChannel;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.store.AccountNames;

/**
 * Channel moderation, PROTOCOL.md §6.2 {@code 0x31}-{@code 0x42} with the rank rules of §6.3: "higher" is strictly
 * greater, so equal levels cannot act on each other and nobody acts on staff. A refused action is silent unless the
 * protocol names a reply; none closes a connection. Hub thread only.
 */
final class Moderation {

    private final ChatDomain domain;
    private final Hub hub;

    Moderation(ChatDomain domain, Hub hub) {
        this.domain = domain;
        this.hub = hub;
    }

    /** Returns false when {@code packet} is not a moderation command. */
    boolean handle(ChatSession s, ServerboundPacket packet) {
        if (packet instanceof KickFromChannel) {
            KickFromChannel p = (KickFromChannel) packet;
            kick(s, domain.channel(p.channelId()), domain.session(p.targetId()));
        } else if (packet instanceof BanFromChannel) {
            BanFromChannel p = (BanFromChannel) packet;
            ban(s, domain.channel(p.channelId()), domain.online(p.targetName()));
        } else if (packet instanceof UnbanFromChannel) {
            UnbanFromChannel p = (UnbanFromChannel) packet;
            unban(s, domain.channel(p.channelId()), domain.online(p.targetName()));
        } else if (packet instanceof SilenceInChannel) {
            SilenceInChannel p = (SilenceInChannel) packet;
            silence(s, domain.channel(p.channelId()), domain.online(p.targetName()), p.durationMillis());
        } else if (packet instanceof PromoteInChannel) {
            PromoteInChannel p = (PromoteInChannel) packet;
            promote(s, domain.channel(p.channelId()), domain.session(p.targetId()));
        } else if (packet instanceof DemoteInChannel) {
            DemoteInChannel p = (DemoteInChannel) packet;
            demote(s, domain.channel(p.channelId()), p.targetId());
        } else if (packet instanceof EnableChannelAuth) {
            authMode(s, domain.channel(((EnableChannelAuth) packet).channelId()), true);
        } else if (packet instanceof DisableChannelAuth) {
            authMode(s, domain.channel(((DisableChannelAuth) packet).channelId()), false);
        } else if (packet instanceof AddChannelAuthUser) {
            AddChannelAuthUser p = (AddChannelAuthUser) packet;
            authList(s, domain.channel(p.channelId()), p.name(), true);
        } else if (packet instanceof RemoveChannelAuthUser) {
            RemoveChannelAuthUser p = (RemoveChannelAuthUser) packet;
            authList(s, domain.channel(p.channelId()), p.name(), false);
        } else if (packet instanceof ListChannelAuth) {
            listAuth(s, domain.channel(((ListChannelAuth) packet).channelId()));
        } else {
            return false;
        }
        return true;
    }

    private static boolean above(Channel c, ChatSession requester, AdminLevel target) {
        return c.levelOf(requester).compareTo(target) > 0;
    }

    private static boolean atLeast(Channel c, ChatSession requester, AdminLevel level) {
        return c.levelOf(requester).compareTo(level) >= 0;
    }

    /** 0x31: a member, below the requester; 0x31 to all members (the kicked one included), then its 0x06. */
    private void kick(ChatSession s, Channel c, ChatSession target) {
        if (c == null || target == null || !c.isMember(target) || !above(c, s, c.levelOf(target))) {
            return;
        }
        hub.send(c.members.values(), new ChannelKick(c.id, s.accountId, target.accountId));
        domain.removeMember(target, c);
    }

    /** 0x32: an online session below the requester, not banned yet; out of the channel, then 0x32. */
    private void ban(ChatSession s, Channel c, ChatSession target) {
        if (c == null || target == null || c.bans.contains(target.accountId) || !above(c, s, c.levelOf(target))) {
            return;
        }
        c.bans.add(target.accountId);
        if (c.isMember(target)) {
            domain.removeMember(target, c);
        }
        List<ChatSession> told = new ArrayList<>(c.members.values());
        if (target.chatMode != ChatMode.DND && !told.contains(target)) {
            told.add(target);
        }
        domain.persistThen(s, c, "ban", store -> store.setBanned(c.id, target.accountId, true),
                () -> hub.send(told, new ChannelBan(c.id, s.accountId, target.displayName())));
    }

    /** 0x33: officer and up; the target online and banned. */
    private void unban(ChatSession s, Channel c, ChatSession target) {
        if (c == null || target == null || !atLeast(c, s, AdminLevel.OFFICER) || !c.bans.remove(target.accountId)) {
            return;
        }
        List<ChatSession> told = new ArrayList<>(c.members.values());
        if (!c.isMember(target) && target.chatMode != ChatMode.DND) {
            told.add(target);
        }
        domain.persistThen(s, c, "unban", store -> store.setBanned(c.id, target.accountId, false),
                () -> hub.send(told, new ChannelUnban(c.id, s.accountId, target.displayName())));
    }

    /** 0x38: below the requester; 0 lifts at once; 0x36 to the target when it expires. */
    private void silence(ChatSession s, Channel c, ChatSession target, long durationMillis) {
        if (c == null || target == null || !above(c, s, c.levelOf(target))) {
            return;
        }
        long until = domain.now() + durationMillis;
        if (durationMillis == 0) {
            c.silences.remove(target.accountId);
        } else {
            c.silences.put(target.accountId, until);
            domain.later(durationMillis, () -> {
                Long current = c.silences.get(target.accountId);
                if (current != null && current == until) {
                    c.silences.remove(target.accountId);
                    ChatSession now = domain.session(target.accountId);
                    if (now != null) {
                        hub.send(now, new ChannelSilenceLifted(c.name));
                    }
                }
            });
        }
        List<ChatSession> told = new ArrayList<>(c.members.values());
        if (!c.isMember(target)) {
            told.add(target);
        }
        hub.send(told, new ChannelSilencePlaced(c.name, s.displayName(), target.displayName(), durationMillis));
    }

    /** 0x3A: requester above target + 1; NONE to OFFICER to LEADER to ADMINISTRATOR. */
    private void promote(ChatSession s, Channel c, ChatSession target) {
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
            hub.send(c.members.values(), new ChannelPromote(c.id, target.accountId, s.accountId));
            correctIfNeeded(c, target.accountId, before.wire() + 1);
        });
    }

    /**
     * 0x3B: both levels above NONE and the requester higher; a level derived from staff or clan rank does not move,
     * but the command is still broadcast.
     */
    private void demote(ChatSession s, Channel c, long targetId) {
        if (c == null) {
            return;
        }
        ChatSession target = domain.session(targetId);
        AdminLevel before = target != null ? c.levelOf(target)
                : c.explicitAdmins.getOrDefault(targetId, AdminLevel.NONE);
        AdminLevel mine = c.levelOf(s);
        if (before == AdminLevel.NONE || mine == AdminLevel.NONE || mine.compareTo(before) <= 0) {
            return;
        }
        AdminLevel explicit = c.explicitAdmins.getOrDefault(targetId, AdminLevel.NONE);
        Runnable announce = () -> {
            hub.send(c.members.values(), new ChannelDemote(c.id, targetId, s.accountId));
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
        domain.persistThen(s, c, "admin level", store -> store.setAdmin(c.id, accountId, level), announce);
    }

    /**
     * The client adds or subtracts 1 on 0x3A/0x3B (§6.1). When the real level moved otherwise (a derived level that
     * did not move), a 0x2F puts every member's list right again.
     */
    private void correctIfNeeded(Channel c, long accountId, int levelTheClientsAssume) {
        ChatSession target = domain.session(accountId);
        AdminLevel actual = target != null ? c.levelOf(target)
                : c.explicitAdmins.getOrDefault(accountId, AdminLevel.NONE);
        if (actual.wire() != levelTheClientsAssume) {
            hub.send(c.members.values(), new ChannelUpdate(c.id, c.name, c.flags, c.topic, c.adminList()));
        }
    }

    /** 0x3E / 0x3F: leader and up. */
    private void authMode(ChatSession s, Channel c, boolean required) {
        if (c == null || !atLeast(c, s, AdminLevel.LEADER)) {
            return;
        }
        c.flags = required ? c.flags.with(ChannelFlags.AUTH_REQUIRED) : c.flags.without(ChannelFlags.AUTH_REQUIRED);
        domain.settingsThen(s, c, () -> hub.send(c.members.values(),
                required ? new ChannelAuthEnabled(c.id) : new ChannelAuthDisabled(c.id)));
    }

    /** 0x40 / 0x41: leader and up; the lower-case bare name; the reply echoes the name as sent. */
    private void authList(ChatSession s, Channel c, String name, boolean add) {
        if (c == null || !atLeast(c, s, AdminLevel.LEADER)) {
            return;
        }
        String key = AccountNames.key(AccountNames.bare(name));
        boolean changed = add ? c.authList.add(key) : c.authList.remove(key);
        if (!changed) {
            hub.send(s, add ? new ChannelAuthAddFailed(c.id, name) : new ChannelAuthRemoveFailed(c.id, name));
            return;
        }
        domain.persistThen(s, c, "auth list", store -> store.setAuthorized(c.id, key, add),
                () -> hub.send(s, add ? new ChannelAuthAdded(c.id, name) : new ChannelAuthRemoved(c.id, name)));
    }

    /** 0x42: leader and up; display names for online accounts; cut at the last whole name that fits (§1.4). */
    private void listAuth(ChatSession s, Channel c) {
        if (c == null || !atLeast(c, s, AdminLevel.LEADER)) {
            return;
        }
        List<String> names = new ArrayList<>();
        int size = 2 + 2 + 4 + 4;
        for (String key : c.authList) {
            ChatSession online = domain.byNameKey(key);
            String shown = online != null ? online.displayName() : key;
            size += shown.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            if (size > FrameEncoder.MAX_FRAME_BYTES) {
                break;
            }
            names.add(shown);
        }
        hub.send(s, new ChannelAuthList(c.id, names));
    }
}
