package org.honchat.server.login;

import java.util.concurrent.CompletableFuture;

/**
 * What the login service asks of the chat server for the buddy functions of docs/protocol.md §8.8: the same rules and
 * notifications as the chat commands, run where the chat state lives. Both complete once the change is stored.
 */
public interface ChatBridge {

    /** {@code new_buddy}: as chat {@code 0x0D} from {@code requesterId} for {@code targetId}; true when §8.8's reply is success. */
    CompletableFuture<Boolean> requestBuddy(long requesterId, long targetId);

    /** {@code remove_buddy}: as chat {@code 0x0E}, and the pending requests between the two go too. */
    CompletableFuture<Void> removeBuddy(long accountId, long buddyId);

    /** Whether the account has a chat session now ({@code get_all_stats}' {@code last_activity}). */
    CompletableFuture<Boolean> isOnline(long accountId);

    /** The accounts on the roster of the match a match server holds now, empty if none (§9.7 aids2cookie). */
    CompletableFuture<java.util.Set<Long>> rosterOf(long serverId);
}
