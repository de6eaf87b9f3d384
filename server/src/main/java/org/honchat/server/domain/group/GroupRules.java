package org.honchat.server.domain.group;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupPackets.GroupInvite;
import org.honchat.protocol.clientbound.GroupPackets.GroupInviteBroadcast;
import org.honchat.protocol.clientbound.GroupPackets.GroupRejectInvite;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.GroupUpdateType;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;

/**
 * Matchmaking groups, PROTOCOL.md §6.11 (this phase: forming and managing a group; no queue). A group has at most
 * its team size of members in slots numbered from 1, the creator leading in slot 1. No chat channel is made for a
 * group (§10 item 10 leaves it open; §6.11 names none). Hub thread only.
 */
public final class GroupRules {

    /** §6.11: pending group invites live 120 s. */
    static final long INVITE_MILLIS = 120_000;

    private final Outbox out;
    private final Directory directory;
    private final Clock clock;
    private final Map<ChatSession, Group> groupOf = new HashMap<>();
    /** Invitee account id to the groups that invited it, with their expiry. */
    private final Map<Long, Map<Group, Long>> invites = new HashMap<>();

    /** One group. */
    static final class Group {
        final long leaderId;
        final GroupCreate settings;
        final int teamSize;
        final TreeMap<Integer, ChatSession> slots = new TreeMap<>();
        final Map<ChatSession, Boolean> ready = new HashMap<>();

        Group(ChatSession leader, GroupCreate settings) {
            this.leaderId = leader.accountId;
            this.settings = settings;
            this.teamSize = "grimmscrossing".equalsIgnoreCase(settings.map()) ? 3 : 5;
            slots.put(1, leader);
        }

        List<ChatSession> members() {
            return new ArrayList<>(slots.values());
        }

        int freeSlot() {
            for (int slot = 1; slot <= teamSize; slot++) {
                if (!slots.containsKey(slot)) {
                    return slot;
                }
            }
            return -1;
        }

        /** §6.11: 1 MM; 4 midwars; 5 bot match when the TMM type is 3; 7 riftwars. */
        int arrangedMatchType() {
            if (settings.tmmType() == 3) {
                return 5;
            }
            return switch (settings.map().toLowerCase(Locale.ROOT)) {
                case "midwars" -> 4;
                case "riftwars" -> 7;
                default -> 1;
            };
        }
    }

    public GroupRules(Outbox out, Directory directory, Clock clock) {
        this.out = out;
        this.directory = directory;
        this.clock = clock;
    }

    public void create(ChatSession s, GroupCreate settings) {
        leave(s);
        Group group = new Group(s, settings);
        groupOf.put(s, group);
        out.send(s, update(group, GroupUpdateType.CREATE, s.accountId, s));
    }

    public void invite(ChatSession s, String targetName) {
        Group group = groupOf.get(s);
        ChatSession target = directory.sessionNamed(targetName);
        if (group == null || target == null || target.invisible || target.chatMode == ChatMode.DND
                || groupOf.get(target) == group) {
            return;
        }
        invites.computeIfAbsent(target.accountId, id -> new HashMap<>()).put(group, clock.millis() + INVITE_MILLIS);
        GroupCreate g = group.settings;
        out.send(target, new GroupInvite(s.shortCard(), g.map(), g.gameType(), g.modes(), g.regions()));
        out.send(group.members(), new GroupInviteBroadcast(target.displayName(), s.displayName()));
    }

    private boolean invited(ChatSession s, Group group) {
        Map<Group, Long> mine = invites.get(s.accountId);
        Long expires = mine == null ? null : mine.get(group);
        return expires != null && expires > clock.millis();
    }

    public void reject(ChatSession s, String inviterName) {
        ChatSession inviter = directory.sessionNamed(inviterName);
        Group group = inviter == null ? null : groupOf.get(inviter);
        if (group == null || !invited(s, group)) {
            return;
        }
        invites.get(s.accountId).remove(group);
        out.send(group.members(), new GroupRejectInvite(s.displayName(), inviter.displayName()));
    }

    public void join(ChatSession s, String memberName) {
        ChatSession member = directory.sessionNamed(memberName);
        Group group = member == null ? null : groupOf.get(member);
        if (group == null || groupOf.get(s) == group || !invited(s, group)) {
            return;
        }
        int slot = group.freeSlot();
        if (slot < 0) {
            out.send(s, GroupJoinFailed.of(GroupJoinFailed.GROUP_FULL));
            return;
        }
        leave(s);
        invites.get(s.accountId).remove(group);
        group.slots.put(slot, s);
        groupOf.put(s, group);
        sendToEach(group, GroupUpdateType.PLAYER_JOINED, s.accountId);
    }

    /** §6.11 leave (and disconnect): type 4 with the list before removal; a leaving leader dissolves it. */
    public void leave(ChatSession s) {
        Group group = groupOf.get(s);
        if (group == null) {
            return;
        }
        sendToEach(group, GroupUpdateType.PLAYER_LEFT, s.accountId);
        if (s.accountId == group.leaderId) {
            dissolve(group);
            return;
        }
        remove(group, s);
        sendToEach(group, GroupUpdateType.FULL, -1);
    }

    public void kick(ChatSession s, int slot) {
        Group group = groupOf.get(s);
        ChatSession target = group == null ? null : group.slots.get(slot);
        if (group == null || s.accountId != group.leaderId || target == null || target == s) {
            return;
        }
        sendToEach(group, GroupUpdateType.PLAYER_KICKED, target.accountId);
        remove(group, target);
        sendToEach(group, GroupUpdateType.FULL, -1);
    }

    /** §6.11 ready: type 2 to all; all ready means "matchmaking disabled" in this phase, and the group ends. */
    public void ready(ChatSession s, boolean ready) {
        Group group = groupOf.get(s);
        if (group == null) {
            return;
        }
        group.ready.put(s, ready);
        sendToEach(group, GroupUpdateType.PARTIAL, -1);
        if (group.slots.values().stream().allMatch(m -> group.ready.getOrDefault(m, false))) {
            out.send(group.members(), GroupQueueUpdate.of(GroupQueueUpdate.MATCHMAKING_DISABLED));
            dissolve(group);
        }
    }

    private void remove(Group group, ChatSession s) {
        group.slots.values().remove(s);
        group.ready.remove(s);
        groupOf.remove(s);
    }

    private void dissolve(Group group) {
        for (ChatSession member : group.members()) {
            groupOf.remove(member);
        }
        group.slots.clear();
        invites.values().forEach(pending -> pending.remove(group));
    }

    /** §3.10 step 2: as a leave, and the invites it had are dropped. */
    public void disconnected(ChatSession s) {
        leave(s);
        invites.remove(s.accountId);
        invites.values().removeIf(Map::isEmpty);
    }

    /** Each member gets its own 0x0D03: the is-buddy bytes, and for types 0-2 the id, depend on the recipient. */
    private void sendToEach(Group group, GroupUpdateType type, long aboutId) {
        for (ChatSession recipient : group.members()) {
            out.send(recipient, update(group, type, aboutId < 0 ? recipient.accountId : aboutId, recipient));
        }
    }

    /** The 0x0D03 layout of §6.11. */
    private GroupUpdate update(Group group, GroupUpdateType type, long aboutId, ChatSession recipient) {
        GroupCreate g = group.settings;
        String modeAccess = String.join("|", java.util.Collections.nCopies(
                g.modes().isEmpty() ? 0 : g.modes().split("\\|").length, "true"));
        List<GroupUpdate.Member> members = new ArrayList<>();
        for (Map.Entry<Integer, ChatSession> entry : group.slots.entrySet()) {
            ChatSession m = entry.getValue();
            members.add(new GroupUpdate.Member(m.accountId, m.displayName(), entry.getKey(), 0, 0, 0, 0, 1, 0xFFFF, 0,
                    group.ready.getOrDefault(m, false), m.inGame(), 1, m.nameColour, m.accountIcon, "", 1,
                    modeAccess, recipient.buddies.contains(m.accountId)));
        }
        return new GroupUpdate(type, aboutId, 0, group.leaderId, group.arrangedMatchType(), g.gameType(), g.map(),
                g.modes(), g.regions(), g.ranked() ? 1 : 0, g.matchFidelity(), g.botDifficulty(),
                g.randomizeBots() ? 1 : 0, "", "", group.teamSize, g.tmmType(), members);
    }
}
