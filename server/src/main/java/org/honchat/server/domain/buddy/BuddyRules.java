package org.honchat.server.domain.buddy;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.honchat.protocol.ClientboundPacket;
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
 * Buddies, docs/protocol.md §6.7: requests, approvals, removal and whispers to buddies. Decisions that need the store
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

    /**
     * The outcome of a store decision, with the other account as stored; {@code self} is the deciding account as
     * stored, read only when it may be offline (a request over HTTP, §8.8), for the cards the other side gets.
     */
    private record Outcome(Kind kind, long notificationId, Account other, Social.Membership otherClan, Account self,
            Social.Membership selfClan) {

        static Outcome of(Kind kind, long notificationId, Account other, Social.Membership otherClan) {
            return new Outcome(kind, notificationId, other, otherClan, null, null);
        }

        Outcome withSelf(Account self, Social.Membership selfClan) {
            return new Outcome(kind, notificationId, other, otherClan, self, selfClan);
        }

        /** §8.8 new_buddy answers success for a stored request, a friendship, or one already there. */
        boolean acceptedOverHttp() {
            return kind == Kind.SENT || kind == Kind.APPROVED || kind == Kind.ALREADY;
        }
    }

    public BuddyRules(Outbox out, Directory directory, StoreGateway store, Clock clock, int maxBuddies) {
        this.out = out;
        this.directory = directory;
        this.store = store;
        this.clock = clock;
        this.maxBuddies = maxBuddies;
    }

    /** §6.7 0x0D from an online session, the cases in the table's order. */
    public void request(ChatSession s, String nickname) {
        long me = s.accountId;
        store.awaitSerial(s, "buddy request", () -> decideRequest(me, store.accounts().findByName(nickname)),
                (session, outcome) -> announceRequest(session, me, nickname, outcome));
    }

    /**
     * §8.8 {@code new_buddy}: exactly what 0x0D does for the pair, whether or not the requester is online; the
     * requester's 0xB2 goes to its session if it has one. {@code reply} gets the HTTP verdict on the hub.
     */
    public void requestById(long requesterId, long targetId, Consumer<Boolean> reply) {
        store.serial("buddy request", () -> {
            Outcome outcome = decideRequest(requesterId, store.accounts().findById(targetId));
            return outcome.withSelf(store.accounts().findById(requesterId).orElse(null),
                    store.social().membership(requesterId).orElse(null));
        }, outcome -> {
            String shownName = outcome == null || outcome.other() == null ? Long.toString(targetId)
                    : outcome.other().name();
            announceRequest(directory.session(requesterId), requesterId, shownName, outcome);
            reply.accept(outcome != null && outcome.acceptedOverHttp());
        });
    }

    /** The §6.7 table on the store's writer thread: one decision at a time, so two requests cannot race. */
    private Outcome decideRequest(long me, Optional<Account> found) {
        if (found.isEmpty() || found.get().id() == me) {
            return Outcome.of(Kind.FAILURE, 0, null, null);
        }
        Account target = found.get();
        Social.Membership clan = store.social().membership(target.id()).orElse(null);
        if (store.social().ignores(target.id(), me)) {
            return Outcome.of(Kind.IGNORED, 0, target, clan); // §8.9: the target ignores the requester
        }
        Set<Long> mine = store.social().buddies(me);
        if (mine.contains(target.id()) || store.social().request(me, target.id()).isPresent()) {
            return Outcome.of(Kind.ALREADY, 0, target, clan);
        }
        if (mine.size() >= maxBuddies) {
            return Outcome.of(Kind.LIMIT, 0, target, clan);
        }
        Optional<Long> mutual = store.social().approve(target.id(), me, clock.instant());
        if (mutual.isPresent()) {
            return Outcome.of(Kind.APPROVED, mutual.get(), target, clan);
        }
        return Outcome.of(Kind.SENT, store.social().addRequest(me, target.id(), clock.instant()).notificationId(),
                target, clan);
    }

    /**
     * Tells both sides what a request came to. {@code requester} is the session that asked (over chat; it may have
     * closed meanwhile, so sends to it are skipped but its card still shows), or the account's online session, or
     * null (over HTTP, §8.8), when the cards come from the store ({@link Outcome#self}).
     */
    private void announceRequest(ChatSession requester, long me, String nickname, Outcome outcome) {
        if (outcome == null || outcome.kind() == Kind.FAILURE) {
            sendIfOnline(requester, new BuddyAddResponse(BuddyAddResult.FAILURE, 0, nickname, null));
            return;
        }
        String targetName = displayName(outcome);
        switch (outcome.kind()) {
            case ALREADY -> sendIfOnline(requester, new BuddyAddResponse(BuddyAddResult.ALREADY, 0, targetName, null));
            case LIMIT -> sendIfOnline(requester, new BuddyAddResponse(BuddyAddResult.LIMIT, 0, targetName, null));
            case IGNORED -> sendIfOnline(requester, new BuddyAddResponse(BuddyAddResult.IGNORED, 0, targetName, null));
            // the target had asked first: handled as if the requester approved that request
            case APPROVED -> approved(me, requester, outcome);
            default -> {
                sendIfOnline(requester, new BuddyAddResponse(BuddyAddResult.REQUEST_SENT, outcome.notificationId(),
                        targetName, card(outcome)));
                out.sendToAccount(outcome.other().id(), new BuddyAddResponse(BuddyAddResult.REQUEST_RECEIVED,
                        outcome.notificationId(),
                        requester != null ? requester.displayName()
                                : ChatSession.displayName(outcome.self(), outcome.selfClan()),
                        requester != null ? requester.buddyCard()
                                : ChatSession.offlineCard(outcome.self(), outcome.selfClan())));
            }
        }
    }

    private void sendIfOnline(ChatSession session, ClientboundPacket packet) {
        if (session != null) {
            out.send(session, packet);
        }
    }

    /** §6.7 0xB3: the name is the requester's. */
    public void approve(ChatSession s, String requesterName) {
        long me = s.accountId;
        store.awaitSerial(s, "buddy approval", () -> {
            Optional<Account> found = store.accounts().findByName(requesterName);
            if (found.isEmpty() || store.social().request(found.get().id(), me).isEmpty()) {
                return Outcome.of(Kind.FAILURE, 0, found.orElse(null), null);
            }
            Account requester = found.get();
            Social.Membership clan = store.social().membership(requester.id()).orElse(null);
            if (store.social().buddies(me).size() >= maxBuddies) {
                return Outcome.of(Kind.LIMIT, 0, requester, clan);
            }
            Optional<Long> notification = store.social().approve(requester.id(), me, clock.instant());
            return notification.map(id -> Outcome.of(Kind.APPROVED, id, requester, clan))
                    .orElseGet(() -> Outcome.of(Kind.FAILURE, 0, requester, clan));
        }, (session, outcome) -> {
            if (outcome == null || outcome.kind() == Kind.FAILURE) {
                long id = outcome == null || outcome.other() == null ? 0 : outcome.other().id();
                out.send(session, new BuddyApproveResponse(BuddyApproveResult.FAILURE, id, 0, requesterName));
            } else if (outcome.kind() == Kind.LIMIT) {
                out.send(session, new BuddyApproveResponse(BuddyApproveResult.LIMIT, outcome.other().id(), 0,
                        displayName(outcome)));
            } else {
                approved(me, session, outcome);
            }
        });
    }

    /**
     * The friendship is stored: 0xB4 to both, then 0x0C about each other (0xB4 first: §6.7). The approver may be
     * offline when the approval came over HTTP ({@code approver} null).
     */
    private void approved(long approverId, ChatSession approver, Outcome outcome) {
        long requesterId = outcome.other().id();
        if (approver != null) {
            approver.buddies.add(requesterId);
            directory.changed(approver);
            out.send(approver, new BuddyApproveResponse(BuddyApproveResult.APPROVED, requesterId,
                    outcome.notificationId(), displayName(outcome)));
        }
        ChatSession requester = directory.session(requesterId);
        if (requester != null) {
            requester.buddies.add(approverId);
            directory.changed(requester);
            out.send(requester, new BuddyApproveResponse(BuddyApproveResult.APPROVED_BY_TARGET, approverId,
                    outcome.notificationId(), approver != null ? approver.displayName()
                            : ChatSession.displayName(outcome.self(), outcome.selfClan())));
            if (approver != null && !requester.invisible) {
                out.send(approver, requester.statusUpdate(requester.status));
            }
            if (approver != null && !approver.invisible) {
                out.send(requester, approver.statusUpdate(approver.status));
            }
        }
    }

    /** §6.2 0x0E: both directions, nothing sent to either side. */
    public void remove(ChatSession s, long buddyId) {
        long me = s.accountId;
        store.awaitSerial(s, "buddy removal", () -> store.social().removeBuddy(me, buddyId),
                (session, done) -> forget(me, buddyId));
    }

    /**
     * §8.8 {@code remove_buddy}: as 0x0E, and the pending requests between the two go too; nothing is sent to
     * either side. {@code done} runs on the hub once it is stored.
     */
    public void removeById(long accountId, long buddyId, Runnable done) {
        store.serial("buddy removal", () -> {
            store.social().removeBuddy(accountId, buddyId);
            store.social().removeRequests(accountId, buddyId);
            return Boolean.TRUE;
        }, stored -> {
            forget(accountId, buddyId);
            done.run();
        });
    }

    /** The online sessions of both accounts stop counting each other as buddies. */
    private void forget(long accountId, long buddyId) {
        ChatSession mine = directory.session(accountId);
        if (mine != null) {
            mine.buddies.remove(buddyId);
            directory.changed(mine);
        }
        ChatSession other = directory.session(buddyId);
        if (other != null) {
            other.buddies.remove(accountId);
            directory.changed(other);
        }
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
