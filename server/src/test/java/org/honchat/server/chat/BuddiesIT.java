package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.BuddyPackets.BuddyApproveResponse;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged;
import org.honchat.protocol.clientbound.MessagePackets.WhisperBuddies;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.BuddyRequests.NotifyBuddyRemove;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisperBuddies;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.BuddyApproveResult;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buddies and presence over real sockets: docs/protocol.md §3.7, §6.7, §8.6, §8.8. */
class BuddiesIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void requestApproveAndSeeEachOtherAtTheNextLogin() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            long aliceId = h.id("Alice");
            long bobId = h.id("Bob");
            alice.send(new RequestBuddyAdd("bob"));
            // §6.7: type 1 to the requester (target's name and card), type 2 to the target (requester's)
            BuddyAddResponse sent = alice.expect(BuddyAddResponse.class);
            assertThat(sent.type()).isEqualTo(BuddyAddResult.REQUEST_SENT);
            assertThat(sent.notificationId()).isPositive();
            assertThat(sent.nickname()).isEqualTo("Bob");
            assertThat(sent.card().accountId()).isEqualTo(bobId);
            assertThat(sent.card().status()).isEqualTo(ChatStatus.CONNECTED);
            BuddyAddResponse received = bob.expect(BuddyAddResponse.class);
            assertThat(received.type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
            assertThat(received.notificationId()).isEqualTo(sent.notificationId());
            assertThat(received.nickname()).isEqualTo("Alice");
            // asking again: type 3
            alice.send(new RequestBuddyAdd("Bob"));
            assertThat(alice.expect(BuddyAddResponse.class))
                    .isEqualTo(new BuddyAddResponse(BuddyAddResult.ALREADY, 0, "Bob", null));

            bob.send(new ApproveBuddy("Alice"));
            // 0xB4 type 1 to the approver, type 2 to the requester, then 0x0C about each other
            assertThat(bob.expect(BuddyApproveResponse.class)).isEqualTo(new BuddyApproveResponse(
                    BuddyApproveResult.APPROVED, aliceId, sent.notificationId(), "Alice"));
            assertThat(bob.expect(UpdateStatus.class).accountId()).isEqualTo(aliceId);
            assertThat(alice.expect(BuddyApproveResponse.class)).isEqualTo(new BuddyApproveResponse(
                    BuddyApproveResult.APPROVED_BY_TARGET, bobId, sent.notificationId(), "Bob"));
            assertThat(alice.expect(UpdateStatus.class).accountId()).isEqualTo(bobId);

            // presence: Bob's status changes reach Alice though they share no channel
            bob.send(new JoiningGame("1.2.3.4:5"));
            assertThat(alice.expect(UpdateStatus.class).status()).isEqualTo(ChatStatus.JOINING_GAME);
            // a chat-mode change is only echoed: 0x0C does not carry the mode (§6.2 0x66)
            bob.send(new SetChatMode(ChatMode.AFK, "lunch"));
            bob.expect(ChatModeChanged.class);
            alice.expectNothing(QUIET);

            // the next login lists the online buddy in 0x0B, and the login reply lists the buddy
            alice.close();
            assertThat(bob.await(UpdateStatus.class).status()).isEqualTo(ChatStatus.DISCONNECTED);
            Map<Object, Object> reply = h.http.auth(LoginClient.Style.GAME_CLIENT, "Alice", "pw-Alice").php();
            assertThat(reply.get("buddy_list")).isEqualTo(Map.of(aliceId, Map.of(0L, Map.of("buddy_id",
                    Long.toString(bobId), "nickname", "Bob", "clan_tag", "", "group", "", "status", "2"))));
            ChatClient again = h.connect();
            again.selfAccountId(aliceId);
            again.send(ChatLogin.fromReply(reply).gameClientConnect(ChatMode.AVAILABLE, "en"));
            again.expect(AuthAccepted.class);
            again.expect(Options.class);
            InitialStatus initial = again.expect(InitialStatus.class);
            assertThat(initial.entries()).hasSize(1);
            assertThat(initial.entries().get(0).accountId()).isEqualTo(bobId);
            assertThat(initial.entries().get(0).status()).isEqualTo(ChatStatus.JOINING_GAME);
            again.expect(PlayerCount.class);
            assertThat(bob.await(UpdateStatus.class).status()).isEqualTo(ChatStatus.CONNECTED);
        }
    }

    @Test
    void requestsToOfflineAccountsArriveAtTheirNextLogin() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Sleeper", AccountType.REGULAR);
            ChatClient alice = h.game("Alice");
            alice.send(new RequestBuddyAdd("Sleeper"));
            BuddyAddResponse sent = alice.expect(BuddyAddResponse.class);
            assertThat(sent.card().status()).isEqualTo(ChatStatus.DISCONNECTED);
            // §3.7 step 5: 0xB2 type 2 after 0x0B, before 0x68
            ChatLogin login = h.login("Sleeper");
            ChatClient sleeper = h.connect();
            sleeper.selfAccountId(login.accountId());
            sleeper.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            sleeper.expect(AuthAccepted.class);
            sleeper.expect(Options.class);
            sleeper.expect(InitialStatus.class);
            BuddyAddResponse pending = sleeper.expect(BuddyAddResponse.class);
            assertThat(pending.type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
            assertThat(pending.notificationId()).isEqualTo(sent.notificationId());
            assertThat(pending.nickname()).isEqualTo("Alice");
            sleeper.expect(PlayerCount.class);
        }
    }

    @Test
    void mutualRequestsBecomeFriendsAtOnce() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            alice.send(new RequestBuddyAdd("Bob"));
            alice.expect(BuddyAddResponse.class);
            bob.expect(BuddyAddResponse.class);
            bob.send(new RequestBuddyAdd("Alice"));
            assertThat(bob.expect(BuddyApproveResponse.class).type()).isEqualTo(BuddyApproveResult.APPROVED);
            assertThat(alice.expect(BuddyApproveResponse.class).type())
                    .isEqualTo(BuddyApproveResult.APPROVED_BY_TARGET);
        }
    }

    @Test
    void failuresAndLimits() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir, "chat.maxBuddies", "1"))) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            h.game("Carol");
            // unknown and self: type 0 with the name as sent
            alice.send(new RequestBuddyAdd("nobody"));
            assertThat(alice.expect(BuddyAddResponse.class))
                    .isEqualTo(new BuddyAddResponse(BuddyAddResult.FAILURE, 0, "nobody", null));
            alice.send(new RequestBuddyAdd("ALICE"));
            assertThat(alice.expect(BuddyAddResponse.class).type()).isEqualTo(BuddyAddResult.FAILURE);
            // approving a request that does not exist: 0xB4 type 0
            alice.send(new ApproveBuddy("Bob"));
            assertThat(alice.expect(BuddyApproveResponse.class)).isEqualTo(new BuddyApproveResponse(
                    BuddyApproveResult.FAILURE, h.id("Bob"), 0, "Bob"));
            alice.send(new RequestBuddyAdd("Bob"));
            alice.expect(BuddyAddResponse.class);
            bob.expect(BuddyAddResponse.class);
            bob.send(new ApproveBuddy("Alice"));
            bob.await(BuddyApproveResponse.class);
            alice.await(BuddyApproveResponse.class);
            // at the limit of 1: type 5 for a new request
            alice.send(new RequestBuddyAdd("Carol"));
            assertThat(alice.await(BuddyAddResponse.class))
                    .isEqualTo(new BuddyAddResponse(BuddyAddResult.LIMIT, 0, "Carol", null));
        }
    }

    @Test
    void removalIsSilentAndStopsPresence() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatHarness.befriend(alice, "Alice", bob, "Bob");
            // the 4.10 client calls remove_buddy2 first (§8.8), then sends 0x0E
            String cookie = h.login("Alice").cookie();
            Map<Object, Object> removed = h.http.call(LoginClient.Style.GAME_CLIENT, Map.of("f", "remove_buddy2",
                    "account_id", Long.toString(h.id("Alice")), "buddy_id", Long.toString(h.id("Bob")),
                    "cookie", cookie)).php();
            assertThat(removed).containsEntry("remove_buddy", "OK");
            assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) removed.get("notification")).keySet()))
                    .containsExactly(1L, 2L);
            alice.send(new NotifyBuddyRemove(h.id("Bob"), 1, 2));
            alice.expectNothing(QUIET);
            bob.expectNothing(QUIET);
            bob.send(new JoiningGame("1.2.3.4:5"));
            alice.expectNothing(QUIET);
            assertThat(h.server.database().social().buddies(h.id("Alice"))).isEmpty();
        }
    }

    @Test
    void whisperToBuddiesSkipsDndAndPresenceReachesChannelMates() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatClient carol = h.game("Carol");
            ChatHarness.befriend(alice, "Alice", bob, "Bob");
            ChatHarness.befriend(alice, "Alice", carol, "Carol");
            carol.send(new SetChatMode(ChatMode.DND, ""));
            carol.expect(ChatModeChanged.class);
            alice.expectNothing(QUIET); // §6.2 0x66: only the echo
            alice.send(new SendWhisperBuddies("gg"));
            assertThat(bob.expect(WhisperBuddies.class)).isEqualTo(new WhisperBuddies("Alice", "gg"));
            carol.expectNothing(QUIET);
            alice.expectNothing(QUIET);
            // a channel mate who is neither buddy nor clan member sees status changes too (§3.7, §6.9)
            ChatClient dave = h.game("Dave");
            dave.send(new JoinChannel("Lobby"));
            dave.expect(ChangedChannel.class);
            ChatClient erin = h.game("Erin");
            erin.send(new JoinChannel("Lobby"));
            erin.expect(ChangedChannel.class);
            dave.expect(JoinedChannel.class);
            erin.send(new JoiningGame("1.2.3.4:5"));
            assertThat(dave.expect(UpdateStatus.class).status()).isEqualTo(ChatStatus.JOINING_GAME);
        }
    }

    @Test
    void buddiesSurviveARestart() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatHarness.befriend(h.game("Alice"), "Alice", h.game("Bob"), "Bob");
        }
        try (ChatHarness h = new ChatHarness(dir)) {
            h.game("Bob");
            ChatLogin login = h.login("Alice");
            ChatClient alice = h.connect();
            alice.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            alice.expect(AuthAccepted.class);
            alice.expect(Options.class);
            assertThat(alice.expect(InitialStatus.class).entries()).extracting(e -> e.accountId())
                    .containsExactly(h.id("Bob"));
        }
    }
}
