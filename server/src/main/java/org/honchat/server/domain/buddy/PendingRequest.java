package org.honchat.server.domain.buddy;

import org.honchat.server.store.Account;
import org.honchat.server.store.Social;

/** A buddy request waiting for an account at login (§3.7 step 5), with what its 0xB2 shows of the requester. */
public record PendingRequest(long notificationId, Account requester, Social.Membership requesterClan) {
}
