package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.BuddyPackets.BuddyApproveResponse;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.BuddyApproveResult;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChatSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of the two tables of docs/protocol.md §6.7, in-process on {@link DomainHarness} (milliseconds, no
 * sockets): the request {@code 0x0D} and the approval {@code 0xB3}, with what each side is told and what the store
 * keeps. Each test ends with the harness's invariant check. (An offline target's type 2 at its next login comes from
 * the login's store read, {@code Authenticator}; BuddiesIT checks it over sockets.)
 */
class BuddyRulesTest {

    private DomainHarness chat = new DomainHarness();

    @AfterEach
    void theStateStaysConsistent() {
        assertThat(chat.inconsistencies()).isEmpty();
    }

    private BuddyAddResult addResult(ChatSession to) {
        return chat.out.to(to, BuddyAddResponse.class).get(0).type();
    }

    @Test
    void anUnknownNameOrOneselfGetsTypeZeroWithTheNameAsSent() {
        ChatSession alice = chat.login("Alice");
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("nobody"));
        chat.send(alice, new RequestBuddyAdd("alice"));
        assertThat(chat.out.to(alice, BuddyAddResponse.class)).extracting(BuddyAddResponse::type,
                BuddyAddResponse::notificationId, BuddyAddResponse::nickname).containsExactly(
                        tuple(BuddyAddResult.FAILURE, 0L, "nobody"),
                        tuple(BuddyAddResult.FAILURE, 0L, "alice"));
    }

    @Test
    void aRequesterOnTheTargetsIgnoreListGetsTypeFourAndNothingIsStored() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.stores.ignore(bob.accountId, alice.accountId, 250);
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("Bob"));
        BuddyAddResponse refused = chat.out.to(alice, BuddyAddResponse.class).get(0);
        assertThat(refused.type()).isEqualTo(BuddyAddResult.IGNORED);
        assertThat(refused.notificationId()).isZero();
        assertThat(refused.nickname()).isEqualTo("Bob");
        assertThat(chat.out.to(bob)).isEmpty();
        assertThat(chat.stores.requestsTo(bob.accountId)).isEmpty();
    }

    @Test
    void aRepeatedRequestOrAnExistingFriendshipGetsTypeThree() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(alice, new RequestBuddyAdd("Bob"));
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("[TAG]bob"));
        assertThat(addResult(alice)).isEqualTo(BuddyAddResult.ALREADY);
        assertThat(chat.out.to(bob)).isEmpty();
        chat.send(bob, new ApproveBuddy("Alice"));
        chat.out.clear();
        chat.send(bob, new RequestBuddyAdd("Alice"));
        assertThat(addResult(bob)).isEqualTo(BuddyAddResult.ALREADY);
    }

    @Test
    void aRequesterWithTheMostBuddiesGetsTypeFive() {
        chat = new DomainHarness(ServerConfig.defaults().with("chat.maxBuddies", "1").chat());
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        ChatSession carol = chat.login("Carol");
        chat.send(alice, new RequestBuddyAdd("Bob"));
        chat.send(bob, new ApproveBuddy("Alice"));
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("Carol"));
        assertThat(addResult(alice)).isEqualTo(BuddyAddResult.LIMIT);
        assertThat(chat.out.to(carol)).isEmpty();
    }

    @Test
    void aCrossedRequestBecomesAFriendshipAtOnce() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(bob, new RequestBuddyAdd("Alice"));
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("Bob"));
        // as if Alice approved Bob's request: 0xB4 to both, then a 0x0C each way
        assertThat(chat.out.to(alice, BuddyApproveResponse.class)).extracting(BuddyApproveResponse::type)
                .containsExactly(BuddyApproveResult.APPROVED);
        assertThat(chat.out.to(bob, BuddyApproveResponse.class)).extracting(BuddyApproveResponse::type)
                .containsExactly(BuddyApproveResult.APPROVED_BY_TARGET);
        assertThat(chat.out.to(alice, UpdateStatus.class)).extracting(UpdateStatus::accountId)
                .containsExactly(bob.accountId);
        assertThat(chat.stores.buddies(alice.accountId)).containsExactly(bob.accountId);
        assertThat(chat.stores.requestsTo(alice.accountId)).isEmpty();
    }

    @Test
    void aNewRequestIsStoredAndBothSidesHearOfIt() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("bob"));
        BuddyAddResponse sent = chat.out.to(alice, BuddyAddResponse.class).get(0);
        BuddyAddResponse received = chat.out.to(bob, BuddyAddResponse.class).get(0);
        assertThat(sent.type()).isEqualTo(BuddyAddResult.REQUEST_SENT);
        assertThat(sent.nickname()).isEqualTo("Bob");
        assertThat(sent.card()).isNotNull();
        assertThat(received.type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
        assertThat(received.nickname()).isEqualTo("Alice");
        assertThat(received.notificationId()).isEqualTo(sent.notificationId()).isPositive();
        assertThat(chat.stores.requestsTo(bob.accountId)).hasSize(1);
    }

    @Test
    void approvingWithoutARequestGetsTypeZeroAndAtTheLimitTypeThree() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.out.clear();
        chat.send(bob, new ApproveBuddy("Alice"));
        assertThat(chat.out.to(bob, BuddyApproveResponse.class)).extracting(BuddyApproveResponse::type,
                BuddyApproveResponse::notificationId).containsExactly(
                        tuple(BuddyApproveResult.FAILURE, 0L));
        assertThat(chat.out.to(alice)).isEmpty();

        chat = new DomainHarness(ServerConfig.defaults().with("chat.maxBuddies", "1").chat());
        ChatSession a = chat.login("Alice");
        ChatSession b = chat.login("Bob");
        ChatSession c = chat.login("Carol");
        chat.send(a, new RequestBuddyAdd("Carol"));
        chat.send(b, new RequestBuddyAdd("Carol"));
        chat.send(c, new ApproveBuddy("Alice"));
        chat.out.clear();
        chat.send(c, new ApproveBuddy("Bob"));
        assertThat(chat.out.to(c, BuddyApproveResponse.class)).extracting(BuddyApproveResponse::type)
                .containsExactly(BuddyApproveResult.LIMIT);
        assertThat(chat.stores.buddies(c.accountId)).containsExactly(a.accountId);
        assertThat(chat.out.to(b)).isEmpty();
    }

    @Test
    void anApprovalTellsTheApproverFirstAndShowsEachSideToTheOtherUnlessInvisible() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(alice, new RequestBuddyAdd("Bob"));
        chat.out.clear();
        chat.send(bob, new ApproveBuddy("Alice"));
        // 0xB4 before 0x0C: the 4.10 client ignores 0x0C about ids it does not know
        assertThat(chat.out.to(bob)).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("BuddyApproveResponse", "UpdateStatus");
        assertThat(chat.out.to(bob, BuddyApproveResponse.class).get(0).type()).isEqualTo(BuddyApproveResult.APPROVED);
        assertThat(chat.out.to(alice, BuddyApproveResponse.class).get(0).type())
                .isEqualTo(BuddyApproveResult.APPROVED_BY_TARGET);
        assertThat(chat.stores.buddies(alice.accountId)).containsExactly(bob.accountId);
        assertThat(chat.stores.buddies(bob.accountId)).containsExactly(alice.accountId);
    }
}
