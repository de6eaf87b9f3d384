package org.honchat.server.domain.core;

import java.util.Collection;

/**
 * Who is online and which channels exist (ARCHITECTURE.md "Cluster seam"): the rules look sessions and channels up
 * only here. Hub thread only. The single-node build keeps it in memory ({@link LocalDirectory}).
 */
public interface Directory {

    /** The online session of an account, or null. */
    ChatSession session(long accountId);

    /** An online session by name, bare or tagged, case-insensitive (docs/protocol.md §1.5); invisible ones included. */
    ChatSession sessionNamed(String rawName);

    /** An online session by its lower-case bare name. */
    ChatSession sessionByNameKey(String nameKey);

    /** Every online session. */
    Collection<ChatSession> sessions();

    int onlineCount();

    /** Registers a session; returns the one it replaces (same account), or null. */
    ChatSession add(ChatSession session);

    /** Removes the session if it is the account's current one. */
    void remove(ChatSession session);

    Channel channel(long channelId);

    /** A channel by name, case-insensitive, or null. */
    Channel channelNamed(String name);

    /** The channels whose id is {@code firstId} or more, in ascending id (channel lists, §6.10; 0 for all). */
    Collection<Channel> channelsFrom(long firstId);

    void addChannel(Channel channel);

    void removeChannel(Channel channel);

    /** The online members of a clan. */
    Collection<ChatSession> clanMembersOnline(long clanId);

    /** The session joined a clan, or logged in as a member of one. */
    void clanJoined(ChatSession session);

    /** The session left its clan, or logged out. */
    void clanLeft(ChatSession session);

    /** Something the session carries changed (presence, game, buddies, clan): see {@link StateJournal}. */
    void changed(ChatSession session);

    /** A channel's settings or members changed: see {@link StateJournal}. */
    void changed(Channel channel);
}
