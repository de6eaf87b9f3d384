package org.honchat.server.domain.core;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.honchat.server.store.AccountNames;

/** The directory of one node: plain maps, used on the hub thread only. */
public final class LocalDirectory implements Directory {

    private final Map<Long, ChatSession> byId = new HashMap<>();
    private final Map<String, ChatSession> byName = new HashMap<>();
    private final TreeMap<Long, Channel> channelsById = new TreeMap<>();
    private final Map<String, Channel> channelsByKey = new HashMap<>();
    private final Map<Long, Set<ChatSession>> clanOnline = new HashMap<>();
    private StateJournal journal = StateJournal.NONE;

    /** Cluster mode, on the hub node: every change is told to {@code journal} from now on. */
    public void journal(StateJournal journal) {
        this.journal = journal;
    }

    @Override
    public ChatSession session(long accountId) {
        return byId.get(accountId);
    }

    @Override
    public ChatSession sessionNamed(String rawName) {
        return byName.get(AccountNames.key(AccountNames.bare(rawName)));
    }

    @Override
    public ChatSession sessionByNameKey(String nameKey) {
        return byName.get(nameKey);
    }

    @Override
    public Collection<ChatSession> sessions() {
        return Collections.unmodifiableCollection(byId.values());
    }

    @Override
    public int onlineCount() {
        return byId.size();
    }

    @Override
    public ChatSession add(ChatSession session) {
        ChatSession old = byId.put(session.accountId, session);
        byName.put(session.nameKey, session);
        journal.sessionChanged(session);
        return old;
    }

    @Override
    public void remove(ChatSession session) {
        if (byId.get(session.accountId) == session) {
            byId.remove(session.accountId);
            byName.remove(session.nameKey);
            journal.sessionChanged(session);
        }
    }

    @Override
    public Channel channel(long channelId) {
        return channelsById.get(channelId);
    }

    @Override
    public Channel channelNamed(String name) {
        return channelsByKey.get(Channel.key(name));
    }

    @Override
    public Collection<Channel> channelsFrom(long firstId) {
        return Collections.unmodifiableCollection(channelsById.tailMap(firstId, true).values());
    }

    @Override
    public void addChannel(Channel channel) {
        channelsById.put(channel.id, channel);
        channelsByKey.put(channel.key, channel);
        journal.channelChanged(channel);
    }

    @Override
    public void removeChannel(Channel channel) {
        if (channelsById.remove(channel.id) == channel) {
            journal.channelChanged(channel);
        }
        channelsByKey.remove(channel.key);
    }

    @Override
    public Collection<ChatSession> clanMembersOnline(long clanId) {
        return clanOnline.getOrDefault(clanId, Set.of());
    }

    @Override
    public void clanJoined(ChatSession session) {
        clanOnline.computeIfAbsent(session.clanId, id -> new LinkedHashSet<>()).add(session);
        journal.sessionChanged(session);
    }

    @Override
    public void clanLeft(ChatSession session) {
        journal.sessionChanged(session);
        Set<ChatSession> members = clanOnline.get(session.clanId);
        if (members != null) {
            members.remove(session);
            if (members.isEmpty()) {
                clanOnline.remove(session.clanId);
            }
        }
    }

    @Override
    public void changed(ChatSession session) {
        journal.sessionChanged(session);
    }

    @Override
    public void changed(Channel channel) {
        journal.channelChanged(channel);
    }
}
