package org.honchat.server.domain.matchmaking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupPackets.GroupInvite;
import org.honchat.protocol.clientbound.GroupPackets.GroupInviteBroadcast;
import org.honchat.protocol.clientbound.GroupPackets.GroupRejectInvite;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.LeftQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.RequestReadyUp;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.QueueRequests.GameOptionUpdate;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.GroupUpdateType;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matchmaking groups and their readiness (docs/protocol.md §6.11 as changed by §9, and §9.2): create, invite, join,
 * leave, kick, ready, loading, option changes, leaving the queue. Queue entry and everything after it is
 * {@link MatchQueue}'s. No chat channel is made for a group (§10 item 10 leaves it open). Hub thread only.
 */
final class Groups {

    private static final Logger LOG = LoggerFactory.getLogger(Groups.class);

    /** §6.11: pending group invites live 120 s. */
    static final long INVITE_MILLIS = 120_000;

    private final Outbox out;
    private final Directory directory;
    private final Clock clock;
    private final Catalog catalog;
    private final boolean enabled;
    MatchQueue queue;
    private final Map<ChatSession, Group> groupOf = new HashMap<>();
    private final Map<Long, Group> byId = new HashMap<>();
    /** Invitee account id to the groups that invited it, with their expiry. */
    private final Map<Long, Map<Group, Long>> invites = new HashMap<>();
    private long nextGroupId = 1;

    Groups(Outbox out, Directory directory, Clock clock, Catalog catalog, boolean enabled) {
        this.out = out;
        this.directory = directory;
        this.clock = clock;
        this.catalog = catalog;
        this.enabled = enabled;
    }

    Group groupOf(ChatSession s) {
        return groupOf.get(s);
    }

    Group byId(long id) {
        return byId.get(id);
    }

    int count() {
        return byId.size();
    }

    /** Every group, for the operator's view. */
    Collection<Group> all() {
        return byId.values();
    }

    List<Group> loadingGroups() {
        return byId.values().stream().filter(g -> g.state == Group.State.LOADING).toList();
    }

    // ---- §6.11 / §9.2 commands ----

    void create(ChatSession s, GroupCreate p) {
        leave(s);
        if (!enabled) {
            out.send(s, GroupJoinFailed.of(GroupJoinFailed.DISABLED));
            return;
        }
        long ban = banSeconds(s);
        if (ban > 0) {
            out.send(s, new GroupJoinFailed(GroupJoinFailed.BANNED, ban));
            return;
        }
        if (!catalog.versionAccepted(p.clientVersion())) {
            out.send(s, GroupJoinFailed.of(GroupJoinFailed.INVALID_VERSION));
            return;
        }
        var options = catalog.validate(p.tmmType(), p.gameType(), p.map(), p.modes(), p.regions(), p.ranked(),
                p.matchFidelity(), p.botDifficulty(), p.randomizeBots());
        if (options.isEmpty()) {
            out.send(s, GroupJoinFailed.of(GroupJoinFailed.OPTION_UNAVAILABLE));
            return;
        }
        Group group = new Group(nextGroupId++, s, options.get(), catalog.teamSize(options.get().map()),
                clock.millis());
        groupOf.put(s, group);
        directory.changed(s);
        byId.put(group.id, group);
        out.send(s, update(group, GroupUpdateType.CREATE, s.accountId, s));
    }

    /** §9.3 reason 9: the whole seconds left of an active matchmaking ban, rounded up; 0 when none. */
    private long banSeconds(ChatSession s) {
        long left = s.matchmakingBanUntilMillis - clock.millis();
        return left <= 0 ? 0 : Math.min(0xFFFF_FFFFL, (left + 999) / 1000);
    }

    void invite(ChatSession s, String targetName) {
        Group group = groupOf.get(s);
        ChatSession target = directory.sessionNamed(targetName);
        if (group == null || target == null || target.invisible || target.chatMode == ChatMode.DND
                || groupOf.get(target) == group) {
            return;
        }
        invites.computeIfAbsent(target.accountId, id -> new HashMap<>()).put(group, clock.millis() + INVITE_MILLIS);
        GroupOptions g = group.options;
        out.send(target, new GroupInvite(s.shortCard(), g.map(), g.gameType(), g.modesText(), g.regionsText()));
        out.send(group.members(), new GroupInviteBroadcast(target.displayName(), s.displayName()));
    }

    private boolean invited(ChatSession s, Group group) {
        Map<Group, Long> mine = invites.get(s.accountId);
        Long expires = mine == null ? null : mine.get(group);
        return expires != null && expires > clock.millis();
    }

    void reject(ChatSession s, String inviterName) {
        ChatSession inviter = directory.sessionNamed(inviterName);
        Group group = inviter == null ? null : groupOf.get(inviter);
        if (group == null || !invited(s, group)) {
            return;
        }
        invites.get(s.accountId).remove(group);
        out.send(group.members(), new GroupRejectInvite(s.displayName(), inviter.displayName()));
    }

    /** §9.2 {@code 0x0C0B}: the §6.11 conditions, then the refusals in order, each after leaving the old group. */
    void join(ChatSession s, String memberName) {
        ChatSession member = directory.sessionNamed(memberName);
        Group group = member == null ? null : groupOf.get(member);
        if (group == null || groupOf.get(s) == group || !invited(s, group)) {
            return;
        }
        long ban = banSeconds(s);
        int refusal = !enabled ? GroupJoinFailed.DISABLED
                : ban > 0 ? GroupJoinFailed.BANNED
                : group.state != Group.State.FORMING ? GroupJoinFailed.ALREADY_QUEUED
                : group.freeSlot() < 0 ? GroupJoinFailed.GROUP_FULL
                : 0;
        leave(s);
        if (refusal != 0) {
            out.send(s, new GroupJoinFailed(refusal, refusal == GroupJoinFailed.BANNED ? ban : 0));
            return;
        }
        invites.get(s.accountId).remove(group);
        group.slots.put(group.freeSlot(), s);
        groupOf.put(s, group);
        directory.changed(s);
        group.backToForming(clock.millis());
        sendToEach(group, GroupUpdateType.PLAYER_JOINED, s.accountId);
    }

    /** §9.2 {@code 0x0C0C} (and disconnect): out of the queue first, then the §6.11 leave. */
    void leave(ChatSession s) {
        Group group = groupOf.get(s);
        if (group == null) {
            return;
        }
        if (group.state == Group.State.QUEUED) {
            out.send(group.members(), LeftQueue.INSTANCE);
        }
        sendToEach(group, GroupUpdateType.PLAYER_LEFT, s.accountId);
        if (s.accountId == group.leaderId) {
            dissolve(group);
            return;
        }
        removeMember(group, s);
        if (group.state != Group.State.MATCHED) {
            toForming(group);
        }
        sendToEach(group, GroupUpdateType.FULL, -1);
    }

    /** §9.2 {@code 0x0D00}: leader only, another member's slot; silent while MATCHED. */
    void kick(ChatSession s, int slot) {
        Group group = groupOf.get(s);
        ChatSession target = group == null ? null : group.slots.get(slot);
        if (group == null || s.accountId != group.leaderId || target == null || target == s
                || group.state == Group.State.MATCHED) {
            return;
        }
        if (group.state == Group.State.QUEUED) {
            out.send(group.members(), LeftQueue.INSTANCE);
        }
        sendToEach(group, GroupUpdateType.PLAYER_KICKED, target.accountId);
        removeMember(group, target);
        toForming(group);
        sendToEach(group, GroupUpdateType.FULL, -1);
    }

    /** §9.2 {@code 0x0D05}, rules 1-6. */
    void ready(ChatSession s, boolean wantsReady) {
        Group group = groupOf.get(s);
        if (group == null || group.state == Group.State.MATCHED || group.state == Group.State.QUEUED) {
            return;
        }
        if (wantsReady && s.accountId == group.leaderId) {
            List<ChatSession> notReady = group.members().stream().filter(m -> m != s && !group.isReady(m)).toList();
            if (!notReady.isEmpty()) {
                out.send(notReady, RequestReadyUp.INSTANCE);
                return;
            }
            if (group.members().stream().anyMatch(ChatSession::inGame)) {
                return;
            }
        }
        if (group.isReady(s) == wantsReady) {
            return;
        }
        group.ready.put(s, wantsReady);
        group.version++;
        if (group.state == Group.State.LOADING && !wantsReady) {
            toForming(group);
        }
        sendToEach(group, GroupUpdateType.PARTIAL, -1);
        if (group.allReady()) {
            if (queue.refused(group)) {
                return;
            }
            group.loading.clear();
            group.enter(Group.State.LOADING, clock.millis());
            LOG.debug("{} is loading", group);
            out.send(group.members(), StartLoading.INSTANCE);
        }
    }

    /** §9.2 {@code 0x0D04}: only while LOADING; the last 100 % enters the queue. */
    void loading(ChatSession s, int percent) {
        Group group = groupOf.get(s);
        if (group == null || group.state != Group.State.LOADING) {
            return;
        }
        int value = Math.min(100, percent);
        if (group.loadingOf(s) == value) {
            return;
        }
        group.loading.put(s, value);
        group.version++;
        if (group.allReady() && group.allLoaded()) {
            if (queue.refused(group, this::partialFor)) {
                return;
            }
            queue.enter(group, this::partialFor);
            return;
        }
        sendToEach(group, GroupUpdateType.PARTIAL, -1);
    }

    /** §9.2 {@code 0x0D08}: leader only; game type 99 changes the fidelity alone. */
    void options(ChatSession s, GameOptionUpdate p) {
        Group group = groupOf.get(s);
        if (group == null || s.accountId != group.leaderId) {
            return;
        }
        if (p.gameType() == 99) {
            group.options = group.options.withFidelity(p.matchFidelity());
            return;
        }
        if (group.state != Group.State.FORMING && group.state != Group.State.LOADING) {
            return;
        }
        var options = catalog.validate(group.options.tmmType(), p.gameType(), p.map(), p.modes(), p.regions(),
                p.ranked() != 0, p.matchFidelity(), p.botDifficulty(), p.randomizeBots() != 0);
        if (options.isEmpty() || catalog.teamSize(options.get().map()) < group.size()) {
            return;
        }
        group.options = options.get();
        group.teamSize = catalog.teamSize(options.get().map());
        toForming(group);
        sendToEach(group, GroupUpdateType.FULL, -1);
    }

    /** §9.2 {@code 0x0D02}: any member, while LOADING or QUEUED. */
    void leaveQueue(ChatSession s) {
        Group group = groupOf.get(s);
        if (group == null || (group.state != Group.State.LOADING && group.state != Group.State.QUEUED)) {
            return;
        }
        toForming(group);
        out.send(group.members(), LeftQueue.INSTANCE);
        sendToEach(group, GroupUpdateType.FULL, -1);
    }

    /** §9.2 {@code 0x0D01}: leader only; a LOADING group that is ready and loaded enters the queue. */
    void joinQueue(ChatSession s) {
        Group group = groupOf.get(s);
        if (group == null || s.accountId != group.leaderId || group.state != Group.State.LOADING
                || !group.allReady() || !group.allLoaded()) {
            return;
        }
        if (!queue.refused(group)) {
            queue.enter(group, this::partialFor);
        }
    }

    /** §6.11 "status change": crossing between "below 4" and "4 or more" sends type 2 to the group. */
    void statusChanged(ChatSession s, boolean wasInGame) {
        Group group = groupOf.get(s);
        if (group != null && wasInGame != s.inGame()) {
            sendToEach(group, GroupUpdateType.PARTIAL, -1);
        }
    }

    /** §3.10 step 2: as a leave, and the invites it had are dropped. */
    void disconnected(ChatSession s) {
        leave(s);
        invites.remove(s.accountId);
        invites.values().removeIf(Map::isEmpty);
    }

    // ---- used by the queue and the match servers ----

    /** Back to FORMING, leaving the queue if it was there (§9.1). */
    void toForming(Group group) {
        if (group.state == Group.State.QUEUED) {
            queue.removed(group);
        }
        group.backToForming(clock.millis());
    }

    /** Ends a group without further {@code 0x0D03}: its members were told by a command that drops it (§9.1). */
    void dissolve(Group group) {
        if (group.state == Group.State.QUEUED) {
            queue.removed(group);
        }
        for (ChatSession member : group.members()) {
            groupOf.remove(member);
            directory.changed(member);
        }
        group.slots.clear();
        group.dissolved = true;
        group.version++;
        byId.remove(group.id);
        invites.values().forEach(pending -> pending.remove(group));
    }

    /** See {@link Matchmaking#groupLost}. */
    void lost(ChatSession s) {
        out.send(s, GroupJoinFailed.of(GroupJoinFailed.BUSY));
    }

    /** Sends {@code packet} to every member, then ends the group without {@code 0x0D03} (the 0x0E0A paths). */
    void failAndDissolve(Group group, ClientboundPacket packet) {
        out.send(group.members(), packet);
        dissolve(group);
    }

    private void removeMember(Group group, ChatSession member) {
        group.remove(member);
        groupOf.remove(member);
        directory.changed(member);
    }

    /** Each member gets its own {@code 0x0D03}: the is-buddy bytes, and for types 0-2 the subject, are its own. */
    void sendToEach(Group group, GroupUpdateType type, long aboutId) {
        for (ChatSession recipient : group.members()) {
            out.send(recipient, update(group, type, aboutId < 0 ? recipient.accountId : aboutId, recipient));
        }
    }

    GroupUpdate partialFor(Group group, ChatSession recipient) {
        return update(group, GroupUpdateType.PARTIAL, recipient.accountId, recipient);
    }

    GroupUpdate fullFor(Group group, ChatSession recipient) {
        return update(group, GroupUpdateType.FULL, recipient.accountId, recipient);
    }

    /** The {@code 0x0D03} layout of §6.11. */
    private GroupUpdate update(Group group, GroupUpdateType type, long aboutId, ChatSession recipient) {
        GroupOptions g = group.options;
        String modeAccess = String.join("|", Collections.nCopies(g.modes().size(), "true"));
        List<GroupUpdate.Member> members = new ArrayList<>();
        for (Map.Entry<Integer, ChatSession> entry : group.slots.entrySet()) {
            ChatSession m = entry.getValue();
            members.add(new GroupUpdate.Member(m.accountId, m.displayName(), entry.getKey(), 0, 0, 0, 0, 1, 0xFFFF,
                    group.loadingOf(m), group.isReady(m), m.inGame(), 1, m.nameColour, m.accountIcon, "", 1,
                    modeAccess, recipient.buddies.contains(m.accountId)));
        }
        return new GroupUpdate(type, aboutId, 0, group.leaderId, g.arrangedMatchType(), g.gameType(), g.map(),
                g.modesText(), g.regionsText(), g.ranked() ? 1 : 0, g.matchFidelity(), g.botDifficulty(),
                g.randomizeBots() ? 1 : 0, "", "", group.teamSize, g.tmmType(), members);
    }
}
