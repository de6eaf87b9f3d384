package org.honchat.server.domain.buddy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.BuddyPackets.BuddyApproveResponse;
import org.honchat.protocol.struct.BuddyCard;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.BuddyApproveResult;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.store.Account;
import org.honchat.server.store.Social;

/**
 * Buddies, PROTOCOL.md §6.7: requests, approvals, removal and whispers to buddies. Decisions that need the store
 * run on the store's writer thread, one at a time, so two requests between the same accounts cannot race; the
 * requester's later commands wait for the answer (§1.3 rule 6). Hub thread only, apart from the store work.
 */
public final class BuddyRules {

    private final Outbox out;
    private final Directory directory;
    private final StoreGateway store;
    private final Clock clock;
    private final int maxBuddies;

    /** What a request or approval came to. */
    private enum Kind { FAILURE, IGNORED, ALREADY, LIMIT, SENT, APPROVED }

    /** The outcome of a store decision, with the other account as stored. */
    private record Outcome(Kind kind, long notificationId, Account other, Social.Membership otherClan) {
    }

    public BuddyRules(Outbox out, Directory directory, StoreGateway store, Clock clock, int maxBuddies) {
        this.out = out;
        this.directory = directory;
        this.store = store;
        this.clock = clock;
        this.maxBuddies = maxBuddies;
    }

    /** §6.7 0x0D, the cases in the table's order. */
    public void request(ChatSession s, String nickname) {
        long me = s.accountId;
        store.awaitSerial(s, "buddy request", () -> {
            Optional<Account> found = store.accounts().findByName(nickname);
            if (found.isEmpty() || found.get().id() == me) {
                return new Outcome(Kind.FAILURE, 0, null, null);
            }
            Account target = found.get();
            Social.Membership clan = store.social().membership(target.id()).orElse(null);
            Set<Long> mine = store.social().buddies(me);
            if (mine.contains(target.id()) || store.social().request(me, target.id()).isPresent()) {
                return new Outcome(Kind.ALREADY, 0, target, clan);
            }
            if (mine.size() >= maxBuddies) {
                return new Outcome(Kind.LIMIT, 0, target, clan);
            }
            Optional<Long> mutual = store.social().approve(target.id(), me, clock.instant());
            if (mutual.isPresent()) {
                return new Outcome(Kind.APPROVED, mutual.get(), target, clan);
            }
            return new Outcome(Kind.SENT, store.social().addRequest(me, target.id(), clock.instant())
                    .notificationId(), target, clan);
        }, (session, outcome) -> {
            if (outcome == null || outcome.kind() == Kind.FAILURE) {
                out.send(session, new BuddyAddResponse(BuddyAddResult.FAILURE, 0, nickname, null));
                return;
            }
            String targetName = displayName(outcome);
            switch (outcome.kind()) {
                case ALREADY:
                    out.send(session, new BuddyAddResponse(BuddyAddResult.ALREADY, 0, targetName, null));
                    break;
                case LIMIT:
                    out.send(session, new BuddyAddResponse(BuddyAddResult.LIMIT, 0, targetName, null));
                    break;
                case APPROVED:
                    // the target had asked first: handled as if this session approved that request
                    approved(session, outcome);
                    break;
                default:
                    out.send(session, new BuddyAddResponse(BuddyAddResult.REQUEST_SENT, outcome.notificationId(),
                            targetName, card(outcome)));
                    out.sendToAccount(outcome.other().id(), new BuddyAddResponse(BuddyAddResult.REQUEST_RECEIVED,
                            outcome.notificationId(), session.displayName(), session.buddyCard()));
            }
        });
    }

    /** §6.7 0xB3: the name is the requester's. */
    public void approve(ChatSession s, String requesterName) {
        long me = s.accountId;
        store.awaitSerial(s, "buddy approval", () -> {
            Optional<Account> found = store.accounts().findByName(requesterName);
            if (found.isEmpty() || store.social().request(found.get().id(), me).isEmpty()) {
                return new Outcome(Kind.FAILURE, 0, found.orElse(null), null);
            }
            Account requester = found.get();
            Social.Membership clan = store.social().membership(requester.id()).orElse(null);
            if (store.social().buddies(me).size() >= maxBuddies) {
                return new Outcome(Kind.LIMIT, 0, requester, clan);
            }
            Optional<Long> notification = store.social().approve(requester.id(), me, clock.instant());
            return notification.map(id -> new Outcome(Kind.APPROVED, id, requester, clan))
                    .orElseGet(() -> new Outcome(Kind.FAILURE, 0, requester, clan));
        }, (session, outcome) -> {
            if (outcome == null || outcome.kind() == Kind.FAILURE) {
                long id = outcome == null || outcome.other() == null ? 0 : outcome.other().id();
                out.send(session, new BuddyApproveResponse(BuddyApproveResult.FAILURE, id, 0, requesterName));
            } else if (outcome.kind() == Kind.LIMIT) {
                out.send(session, new BuddyApproveResponse(BuddyApproveResult.LIMIT, outcome.other().id(), 0,
                        displayName(outcome)));
            } else {
                approved(session, outcome);
            }
        });
    }

    /** The friendship is stored: 0xB4 to both, then 0x0C about each other (0xB4 first: §6.7). */
    private void approved(ChatSession approver, Outcome outcome) {
        long requesterId = outcome.other().id();
        approver.buddies.add(requesterId);
        out.send(approver, new BuddyApproveResponse(BuddyApproveResult.APPROVED, requesterId,
                outcome.notificationId(), displayName(outcome)));
        ChatSession requester = directory.session(requesterId);
        if (requester != null) {
            requester.buddies.add(approver.accountId);
            out.send(requester, new BuddyApproveResponse(BuddyApproveResult.APPROVED_BY_TARGET, approver.accountId,
                    outcome.notificationId(), approver.displayName()));
            if (!requester.invisible) {
                out.send(approver, requester.statusUpdate(requester.status));
            }
            if (!approver.invisible) {
                out.send(requester, approver.statusUpdate(approver.status));
            }
        }
    }

    /** §6.2 0x0E: both directions, nothing sent to either side. */
    public void remove(ChatSession s, long buddyId) {
        long me = s.accountId;
        store.awaitSerial(s, "buddy removal", () -> store.social().removeBuddy(me, buddyId), (session, done) -> {
            session.buddies.remove(buddyId);
            ChatSession other = directory.session(buddyId);
            if (other != null) {
                other.buddies.remove(me);
            }
        });
    }

    /** The other account's display name, live if online. */
    private String displayName(Outcome outcome) {
        ChatSession online = directory.session(outcome.other().id());
        return online != null ? online.displayName() : ChatSession.displayName(outcome.other(), outcome.otherClan());
    }

    private BuddyCard card(Outcome outcome) {
        ChatSession online = directory.session(outcome.other().id());
        return online != null ? online.buddyCard() : ChatSession.offlineCard(outcome.other(), outcome.otherClan());
    }

    /** §3.7 step 5: the requests that waited for this login. */
    public void sendPending(ChatSession s, List<PendingRequest> pending) {
        for (PendingRequest request : pending) {
            ChatSession online = directory.session(request.requester().id());
            out.send(s, new BuddyAddResponse(BuddyAddResult.REQUEST_RECEIVED, request.notificationId(),
                    online != null ? online.displayName()
                            : ChatSession.displayName(request.requester(), request.requesterClan()),
                    online != null ? online.buddyCard()
                            : ChatSession.offlineCard(request.requester(), request.requesterClan())));
        }
    }
}
