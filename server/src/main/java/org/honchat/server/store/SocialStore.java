package org.honchat.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.honchat.protocol.types.ClanRank;

/**
 * Buddies, buddy requests and clans (docs/protocol.md §6.7, §6.8), shared by the chat server and the login service.
 * Blocking. Each method is one transaction.
 */
public interface SocialStore {

    Set<Long> buddies(long accountId);

    List<Social.BuddyRequest> requestsTo(long targetId);

    Optional<Social.BuddyRequest> request(long requesterId, long targetId);

    /** Stores a request with a new notification id. */
    Social.BuddyRequest addRequest(long requesterId, long targetId, Instant now);

    /**
     * When {@code requesterId} asked {@code approverId}: makes the two accounts buddies, deletes the requests between
     * them and returns the notification id of that request. Without such a request: changes nothing, returns empty.
     */
    Optional<Long> approve(long requesterId, long approverId, Instant now);

    /** Ends a friendship in both directions; false when there was none. */
    boolean removeBuddy(long accountId, long buddyId);

    /** Deletes the pending requests between two accounts, in both directions. */
    void removeRequests(long accountId, long otherId);

    /** A fresh notification id (§6.7: positive, unique for the server's lifetime). */
    long nextNotificationId();

    Optional<Social.Membership> membership(long accountId);

    Optional<Social.Clan> clan(long clanId);

    Optional<Social.Clan> clanByName(String name);

    Optional<Social.Clan> clanByTag(String tag);

    List<Social.Clan> clans();

    List<Social.ClanMember> members(long clanId);

    /** The account that created the clan, 0 if unknown (for §8.6 {@code clan_member_info.creator}). */
    long clanCreator(long clanId);

    /** Creates a clan with its members and ranks; throws {@link DuplicateNameException} for a taken name or tag. */
    Social.Clan createClan(String name, String tag, long creatorId, Map<Long, ClanRank> members, Instant now);

    /** Adds a member; false when the account is already in a clan. */
    boolean addMember(long clanId, long accountId, ClanRank rank, Instant now);

    boolean setRank(long accountId, ClanRank rank);

    boolean removeMember(long accountId);

    /** What adding to one of an account's lists (§8.9) came to. */
    enum ListChange { ADDED, ALREADY, FULL }

    /** §8.9: the account's saved channels, in the order they were first saved. */
    List<String> savedChannels(long accountId);

    /** §8.9 add_room: appends {@code name} unless a name equal ignoring case is saved, or {@code max} are. */
    ListChange saveChannel(long accountId, String name, int max);

    /** §8.9 remove_room: the saved name equal to {@code name} ignoring case, if any. */
    void removeSavedChannel(long accountId, String name);

    /** §8.9 clear_rooms. */
    void clearSavedChannels(long accountId);

    /** §8.9: the accounts {@code accountId} ignores, in the order added. */
    List<Long> ignored(long accountId);

    /** §8.9 new_ignored: adds {@code ignoredId} unless it is there or {@code max} are. */
    ListChange ignore(long accountId, long ignoredId, int max);

    /** §8.9 remove_ignored. */
    void unignore(long accountId, long ignoredId);

    /** §6.7: whether {@code accountId} has {@code otherId} on its ignore list. */
    boolean ignores(long accountId, long otherId);
}
