package org.honchat.server.domain.matchmaking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.honchat.server.domain.core.ChatSession;

/**
 * One matchmaking group (docs/protocol.md §6.11, §9.1 "Group states"): up to T members in slots from 1, the creator
 * leading in slot 1, each with a ready flag and a loading percent. Hub thread only.
 */
final class Group {

    /** §9.1 group states. */
    enum State { FORMING, LOADING, QUEUED, MATCHED }

    final long id;
    final long leaderId;
    GroupOptions options;
    int teamSize;
    final TreeMap<Integer, ChatSession> slots = new TreeMap<>();
    final Map<ChatSession, Boolean> ready = new HashMap<>();
    final Map<ChatSession, Integer> loading = new HashMap<>();
    State state = State.FORMING;
    /** When the group entered its current state (loading timeout), and when it joined the queue (§9.4.6). */
    long stateSince;
    long joinedQueueAt;
    /** Counts every change, so a broker result made from an older snapshot is not applied (§9.4.3). */
    long version;
    boolean dissolved;

    Group(long id, ChatSession leader, GroupOptions options, int teamSize, long now) {
        this.id = id;
        this.leaderId = leader.accountId;
        this.options = options;
        this.teamSize = teamSize;
        this.stateSince = now;
        slots.put(1, leader);
    }

    List<ChatSession> members() {
        return new ArrayList<>(slots.values());
    }

    int size() {
        return slots.size();
    }

    boolean isReady(ChatSession member) {
        return ready.getOrDefault(member, false);
    }

    int loadingOf(ChatSession member) {
        return loading.getOrDefault(member, 0);
    }

    boolean allReady() {
        return slots.values().stream().allMatch(this::isReady);
    }

    boolean allLoaded() {
        return slots.values().stream().allMatch(m -> loadingOf(m) >= 100);
    }

    int freeSlot() {
        for (int slot = 1; slot <= teamSize; slot++) {
            if (!slots.containsKey(slot)) {
                return slot;
            }
        }
        return -1;
    }

    void enter(State next, long now) {
        state = next;
        stateSince = now;
        version++;
    }

    /** "Back to FORMING" (§9.1): every ready flag and loading percent becomes 0. */
    void backToForming(long now) {
        ready.clear();
        loading.clear();
        enter(State.FORMING, now);
    }

    void remove(ChatSession member) {
        slots.values().remove(member);
        ready.remove(member);
        loading.remove(member);
        version++;
    }

    @Override
    public String toString() {
        return "group " + id;
    }
}
