package org.honchat.server.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.StateJournal;

/**
 * On the hub node: keeps the copy of the chat state in Redis current ({@link HubState}, docs/cluster.md "When the hub
 * node goes"). The domain marks what changed; each flush (after every hub batch, before its output is handed over,
 * and before a planned stop) writes the current record of each marked session and channel, or deletes it when it is
 * gone, so a burst of changes to one channel in a batch costs one write. Hub thread only.
 */
public final class HubReplica implements StateJournal {

    /** At most this many records per Redis command, so a full copy does not become one huge command. */
    private static final int CHUNK = 500;

    /** Where the records go: the hash of one term's sessions or channels. */
    public interface Store {
        void write(long term, boolean sessions, Map<String, byte[]> records, List<String> gone);
    }

    private final Directory directory;
    private final String nodeId;
    private final Store store;
    private final java.util.function.Predicate<ChatSession> inGroup;
    private final Set<Long> sessions = new HashSet<>();
    private final Set<Long> channels = new HashSet<>();
    /** The term whose copy this is; 0 while this node does not hold the hub. */
    private long term;

    /** @param inGroup whether a session is in a matchmaking group */
    public HubReplica(Directory directory, String nodeId, Store store,
            java.util.function.Predicate<ChatSession> inGroup) {
        this.inGroup = inGroup;
        this.directory = directory;
        this.nodeId = nodeId;
        this.store = store;
    }

    /** This node holds the hub under {@code newTerm} (0: no longer): from now on its copy is kept, starting whole. */
    public void term(long newTerm) {
        term = newTerm;
        sessions.clear();
        channels.clear();
        if (newTerm != 0) {
            everything();
        }
    }

    /** Marks everything: Redis lost the copy (a restart), or a new term begins. */
    public void everything() {
        if (term == 0) {
            return;
        }
        for (ChatSession session : directory.sessions()) {
            sessions.add(session.accountId);
        }
        for (Channel channel : directory.channelsFrom(0)) {
            channels.add(channel.id);
        }
    }

    @Override
    public void sessionChanged(ChatSession session) {
        if (term != 0) {
            sessions.add(session.accountId);
        }
    }

    @Override
    public void channelChanged(Channel channel) {
        if (term != 0) {
            channels.add(channel.id);
        }
    }

    /** Writes what changed since the last flush, as it is now. */
    public void flush() {
        if (term == 0 || sessions.isEmpty() && channels.isEmpty()) {
            return; // most batches (messages, whispers) change nothing kept
        }
        write(sessions, true, accountId -> {
            ChatSession session = directory.session(accountId);
            return session == null || session.closed ? null
                    : HubState.encode(session, place(session), inGroup.test(session));
        });
        write(channels, false, channelId -> {
            Channel channel = directory.channel(channelId);
            return channel == null ? null : HubState.encode(channel);
        });
    }

    /**
     * Writes the current record of each id ({@code record} gives null for one that is gone, which is deleted), at
     * most {@link #CHUNK} per Redis command, and forgets the ids.
     */
    private void write(Set<Long> ids, boolean ofSessions, java.util.function.LongFunction<byte[]> record) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        List<String> gone = new ArrayList<>();
        for (long id : ids) {
            byte[] current = record.apply(id);
            if (current != null) {
                records.put(Long.toString(id), current);
            } else {
                gone.add(Long.toString(id));
            }
            if (records.size() + gone.size() >= CHUNK) {
                store.write(term, ofSessions, records, gone);
                records = new LinkedHashMap<>();
                gone = new ArrayList<>();
            }
        }
        if (!records.isEmpty() || !gone.isEmpty()) {
            store.write(term, ofSessions, records, gone);
        }
        ids.clear();
    }

    private HubState.Place place(ChatSession session) {
        if (session.endpoint instanceof NodeOutlet.RemoteLink link) {
            return link.place();
        }
        return new HubState.Place(nodeId, 0, 0, session.endpoint.remoteAddress());
    }
}
