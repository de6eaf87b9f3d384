package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login-service functions honpurple uses for buddies and user info (docs/protocol.md §8.8), over real HTTP, with
 * the chat sessions they must notify over real sockets: {@code new_buddy} gives the same {@code 0xB2} frames as
 * chat {@code 0x0D}, {@code remove_buddy} is as silent as {@code 0x0E}.
 */
class HonpurpleFunctionsIT {

    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String OK = "a:1:{i:0;b:1;}";

    private static LoginClient.Response get(ChatHarness h, String query) throws Exception {
        // honpurple's form: an absolute-form GET with everything in the query string, brackets not encoded
        return h.http.send("GET http://127.0.0.1:" + h.server.httpPort() + "/client_requester.php?" + query
                + " HTTP/1.0\r\nHost: 127.0.0.1:" + h.server.httpPort() + "\r\n\r\n");
    }

    private static String newBuddy(ChatHarness h, String from, String to) throws Exception {
        return get(h, "f=new_buddy&account_id=" + h.id(from) + "&buddy_id=" + h.id(to) + "&cookie="
                + h.login(from).cookie()).body();
    }

    @Test
    void nickToIdAnswersStoredNamesInRequestOrder() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            h.game("Alice");
            h.game("Bob");
            long bob = h.id("Bob");
            long alice = h.id("Alice");
            assertThat(get(h, "f=nick2id&nickname[]=bob").body()).isEqualTo("a:3:{s:3:\"Bob\";s:4:\"" + bob
                    + "\";s:16:\"vested_threshold\";i:5;i:0;b:1;}");
            assertThat(get(h, "f=nick2id&nickname%5B0%5D=%5BKON%5Dbob&nickname%5B1%5D=ALICE&nickname%5B2%5D=nobody")
                    .body()).isEqualTo("a:4:{s:3:\"Bob\";s:4:\"" + bob + "\";s:5:\"Alice\";s:4:\"" + alice
                            + "\";s:16:\"vested_threshold\";i:5;i:0;b:1;}");
            assertThat(get(h, "f=nick2id&nickname[]=nobody").body())
                    .isEqualTo("a:2:{i:0;b:0;s:5:\"error\";s:19:\"Nicknames not found\";}");
        }
    }

    /** The 0xB2 frames a buddy request gives both sides, made over HTTP or over chat on identical servers. */
    private static List<String> requestFrames(Path dir, boolean overHttp) throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            if (overHttp) {
                assertThat(newBuddy(h, "Alice", "Bob")).isEqualTo(OK);
            } else {
                alice.send(new RequestBuddyAdd("Bob"));
            }
            String toAlice = alice.nextFrame(WAIT).hex();
            String toBob = bob.nextFrame(WAIT).hex();
            alice.expectNothing(QUIET);
            return List.of(toAlice, toBob);
        }
    }

    @Test
    void newBuddyGivesTheFramesOfTheChatRequest() throws Exception {
        List<String> overHttp = requestFrames(dir.resolve("http"), true);
        List<String> overChat = requestFrames(dir.resolve("chat"), false);
        assertThat(overHttp).isEqualTo(overChat);
        assertThat(overHttp.get(0)).contains(" B2 00 01 "); // type 1 to the requester
        assertThat(overHttp.get(1)).contains(" B2 00 02 "); // type 2 to the target
    }

    @Test
    void newBuddyFromAnOfflineRequesterStillReachesTheTarget() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Alice", org.honchat.protocol.types.AccountType.REGULAR);
            ChatClient bob = h.game("Bob");
            assertThat(newBuddy(h, "Alice", "Bob")).isEqualTo(OK);
            BuddyAddResponse received = bob.expect(BuddyAddResponse.class);
            assertThat(received.type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
            assertThat(received.nickname()).isEqualTo("Alice");
            assertThat(received.card().status()).isEqualTo(ChatStatus.DISCONNECTED);
            // already requested: success again, as §8.8 says; and nothing new for Bob
            assertThat(newBuddy(h, "Alice", "Bob")).isEqualTo(OK);
            bob.expectNothing(QUIET);
            // Bob approves over chat: the friendship is made
            bob.send(new ApproveBuddy("Alice"));
            assertThat(bob.expect(org.honchat.protocol.clientbound.BuddyPackets.BuddyApproveResponse.class).type())
                    .isEqualTo(org.honchat.protocol.types.BuddyApproveResult.APPROVED);
            assertThat(h.server.database().social().buddies(h.id("Bob"))).containsExactly(h.id("Alice"));
        }
    }

    @Test
    void newBuddyRefusals() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            h.game("Alice");
            h.game("Bob");
            String cookie = h.login("Alice").cookie();
            String wrongCookie = get(h, "f=new_buddy&account_id=" + h.id("Alice") + "&buddy_id=" + h.id("Bob")
                    + "&cookie=0123456789abcdef0123456789abcdef").body();
            assertThat(wrongCookie).startsWith("a:2:{i:0;b:0;s:5:\"error\";");
            String otherAccount = get(h, "f=new_buddy&account_id=" + h.id("Bob") + "&buddy_id=" + h.id("Alice")
                    + "&cookie=" + cookie).body();
            assertThat(otherAccount).startsWith("a:2:{i:0;b:0;s:5:\"error\";");
            String unknown = get(h, "f=new_buddy&account_id=" + h.id("Alice") + "&buddy_id=999999&cookie="
                    + cookie).body();
            assertThat(unknown).startsWith("a:2:{i:0;b:0;s:5:\"error\";");
            String self = get(h, "f=new_buddy&account_id=" + h.id("Alice") + "&buddy_id=" + h.id("Alice")
                    + "&cookie=" + cookie).body();
            assertThat(self).startsWith("a:2:{i:0;b:0;s:5:\"error\";");
        }
    }

    @Test
    void removeBuddyIsSilentAndEndsPresenceAndPendingRequests() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatHarness.befriend(alice, "Alice", bob, "Bob");
            String removed = get(h, "f=remove_buddy&account_id=" + h.id("Alice") + "&buddy_id=" + h.id("Bob")
                    + "&cookie=" + h.login("Alice").cookie()).body();
            assertThat(removed).isEqualTo(OK);
            alice.expectNothing(QUIET);
            bob.expectNothing(QUIET);
            bob.send(new JoiningGame("1.2.3.4:5")); // no longer a buddy: Alice hears nothing (§6.2 0x0E)
            alice.expectNothing(QUIET);
            assertThat(h.server.database().social().buddies(h.id("Alice"))).isEmpty();
            // a pending request goes too; removing what is not there still answers OK
            assertThat(newBuddy(h, "Alice", "Bob")).isEqualTo(OK);
            alice.await(BuddyAddResponse.class);
            bob.await(BuddyAddResponse.class);
            assertThat(get(h, "f=remove_buddy&account_id=" + h.id("Alice") + "&buddy_id=" + h.id("Bob")
                    + "&cookie=" + h.login("Alice").cookie()).body()).isEqualTo(OK);
            assertThat(h.server.database().social().request(h.id("Alice"), h.id("Bob"))).isEmpty();
        }
    }

    @Test
    void allStatsHasTheFortyFourKeysAsStringsAndTheClan() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            h.game("Alice");
            long alice = h.id("Alice");
            Map<Object, Object> reply = get(h, "f=get_all_stats&account_id[0]=" + alice + "&account_id[1]=424242")
                    .php();
            Map<?, ?> stats = (Map<?, ?>) ((Map<?, ?>) reply.get("all_stats")).get(alice);
            assertThat(stats).hasSize(44);
            assertThat(new java.util.ArrayList<Object>(stats.keySet()).subList(0, 4))
                    .containsExactly("account_id", "nickname", "level", "acc_exp");
            assertThat(new java.util.ArrayList<Object>(stats.keySet()).subList(41, 44))
                    .containsExactly("create_date", "last_login", "last_activity");
            assertThat(stats.values()).allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
            assertThat(stats.get("nickname")).isEqualTo("Alice");
            assertThat((String) stats.get("last_activity")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(((Map<?, ?>) reply.get("all_stats"))).hasSize(1); // the unknown id is left out
            assertThat((Map<?, ?>) reply.get("clan_info")).isEmpty();
            assertThat(get(h, "f=get_all_stats&account_id[]=424242").body())
                    .isEqualTo("a:2:{i:0;b:0;s:5:\"error\";s:14:\"No stats found\";}");
        }
    }
}
