package org.honchat.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.store.Credentials;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.honchat.testkit.login.LoginClient.Style;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saved channels and the ignore list (docs/protocol.md §8.9) over HTTP as the 4.10 client calls them, with the exact
 * reply bytes of the spec's examples, and the login reply after each change; on H2 and on PostgreSQL.
 */
class AccountListsIT {

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabases.kinds();
    }

    private static final String ADD_OK = "a:2:{i:0;b:1;s:8:\"add_room\";s:2:\"OK\";}";
    private static final String REMOVE_OK = "a:2:{i:0;b:1;s:11:\"remove_room\";s:2:\"OK\";}";
    private static final String CLEAR_OK = "a:2:{i:0;b:1;s:11:\"clear_rooms\";s:2:\"OK\";}";
    private static final String OK = "a:1:{i:0;b:1;}";

    private static String failure(String text) {
        return "a:2:{i:0;b:0;s:5:\"error\";s:" + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + ":\"" + text + "\";}";
    }

    private static long account(HonchatServer server, String name) {
        return server.database().accounts().create(name, AccountType.REGULAR,
                Credentials.forPassword("pw", new SecureRandom()), Instant.now()).id();
    }

    /** A §8.9 call as the 4.10 client makes it: POST, f in the query string, the rest in the body. */
    private static String call(LoginClient client, String f, String... keysAndValues) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("f", f);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return client.call(Style.GAME_CLIENT, params).body();
    }

    /** The login reply's text between {@code s:<n>:"key";} and the next key. */
    private static String loginKey(LoginClient client, String name, String key) throws Exception {
        String body = client.auth(Style.GAME_CLIENT, name, "pw").body();
        String marker = "s:" + key.length() + ":\"" + key + "\";";
        int start = body.indexOf(marker) + marker.length();
        int depth = 0;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return body.substring(start, i + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + body);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void savedChannelsFollowTheSpecsExamplesAndComeBackInTheLoginReply(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            long alice = account(server, "Alice");
            long bob = account(server, "Bob");
            server.database().social().createClan("Kongor", "KON", bob, Map.of(bob, ClanRank.LEADER),
                    Instant.now());
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            String aliceCookie = ChatLogin.login(client, "Alice", "pw").cookie();
            String a = Long.toString(alice);

            // Example 1: Alice saves Tavern, sees it at her next login, removes it; HoN cannot be removed
            assertThat(call(client, "add_room", "account_id", a, "chatroom_name", "Tavern", "cookie", aliceCookie))
                    .isEqualTo(ADD_OK);
            assertThat(loginKey(client, "Alice", "chatrooms")).isEqualTo("a:2:{i:0;s:3:\"HoN\";i:1;s:6:\"Tavern\";}");
            // saving it again, in another case, or a fixed entry changes nothing
            assertThat(call(client, "add_room", "account_id", a, "chatroom_name", "  TAVERN ", "cookie", aliceCookie))
                    .isEqualTo(ADD_OK);
            assertThat(call(client, "add_room", "account_id", a, "chatroom_name", "hon 2", "cookie", aliceCookie))
                    .isEqualTo(ADD_OK);
            assertThat(loginKey(client, "Alice", "chatrooms")).isEqualTo("a:2:{i:0;s:3:\"HoN\";i:1;s:6:\"Tavern\";}");
            assertThat(call(client, "remove_room", "chatroom_name", "Tavern", "account_id", a, "cookie", aliceCookie))
                    .isEqualTo(REMOVE_OK);
            assertThat(call(client, "remove_room", "chatroom_name", "HoN", "account_id", a, "cookie", aliceCookie))
                    .isEqualTo("a:2:{i:0;b:0;s:5:\"error\";s:31:\"This channel cannot be removed.\";}");
            assertThat(loginKey(client, "Alice", "chatrooms")).isEqualTo("a:1:{i:0;s:3:\"HoN\";}");

            // the checks of add_room, in order
            assertThat(call(client, "add_room", "account_id", a, "chatroom_name", "Tavern", "cookie", "nope"))
                    .isEqualTo(failure("Invalid account or cookie"));
            assertThat(call(client, "add_room", "account_id", Long.toString(bob), "chatroom_name", "Tavern",
                    "cookie", aliceCookie)).isEqualTo(failure("Invalid account or cookie"));
            assertThat(call(client, "add_room", "account_id", a, "chatroom_name", " \t ", "cookie", aliceCookie))
                    .isEqualTo(failure("Invalid channel name."));
            for (String unsaveable : new String[] {"50%", "a^b", "Match 12", "group x", "Stream 1", "scheduled match 3",
                "Clan Kongor"}) {
                assertThat(call(client, "add_room", "account_id", a, "chatroom_name", unsaveable, "cookie",
                        aliceCookie)).as(unsaveable).isEqualTo(failure("This channel cannot be saved."));
            }

            // Example 2: a clan member at the limit of 5; the reply holds 7 entries; the 6th save is refused
            String bobCookie = ChatLogin.login(client, "Bob", "pw").cookie();
            String b = Long.toString(bob);
            for (String name : new String[] {"Tavern", "Trading", "EU Pugs", "Casters"}) {
                assertThat(call(client, "add_room", "account_id", b, "chatroom_name", name, "cookie", bobCookie))
                        .isEqualTo(ADD_OK);
            }
            assertThat(call(client, "add_room", "account_id", b, "chatroom_name", "Café Club", "cookie", bobCookie))
                    .isEqualTo(ADD_OK);
            // his own clan channel is a fixed entry: success, nothing stored
            assertThat(call(client, "add_room", "account_id", b, "chatroom_name", "clan kongor", "cookie", bobCookie))
                    .isEqualTo(ADD_OK);
            assertThat(loginKey(client, "Bob", "chatrooms")).isEqualTo("a:7:{i:0;s:3:\"HoN\";i:1;s:11:\"Clan Kongor\";"
                    + "i:2;s:6:\"Tavern\";i:3;s:7:\"Trading\";i:4;s:7:\"EU Pugs\";i:5;s:7:\"Casters\";"
                    + "i:6;s:10:\"Café Club\";}");
            assertThat(call(client, "add_room", "account_id", b, "chatroom_name", "Replays", "cookie", bobCookie))
                    .isEqualTo("a:2:{i:0;b:0;s:5:\"error\";s:24:\"Too many saved channels.\";}");
            assertThat(call(client, "clear_rooms", "account_id", b, "cookie", bobCookie)).isEqualTo(CLEAR_OK);
            assertThat(loginKey(client, "Bob", "chatrooms")).isEqualTo("a:2:{i:0;s:3:\"HoN\";i:1;s:11:\"Clan Kongor\";}");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theIgnoreListFollowsTheSpecsExampleAndRefusesTheIgnoredBuddyRequest(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            long alice = account(server, "Alice");
            account(server, "Bob");
            long carol = account(server, "Carol");
            String a = Long.toString(alice);
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            assertThat(loginKey(client, "Alice", "ignored_list"))
                    .isEqualTo("a:1:{s:5:\"error\";s:17:\"No ignored users.\";}");
            ChatLogin aliceLogin = ChatLogin.login(client, "Alice", "pw");
            String cookie = aliceLogin.cookie();

            // Example 3: nick2id with f in the body, then new_ignored
            assertThat(client.call(Style.BODY_ONLY, Map.of("f", "nick2id", "nickname[0]", "Carol")).body())
                    .isEqualTo("a:3:{s:5:\"Carol\";s:" + Long.toString(carol).length() + ":\"" + carol
                            + "\";s:16:\"vested_threshold\";i:5;i:0;b:1;}");
            assertThat(call(client, "new_ignored", "account_id", a, "ignored_id", Long.toString(carol), "cookie",
                    cookie)).isEqualTo(OK);
            assertThat(call(client, "new_ignored", "account_id", a, "ignored_id", Long.toString(carol), "cookie",
                    cookie)).as("already on the list").isEqualTo(OK);
            assertThat(loginKey(client, "Alice", "ignored_list")).isEqualTo("a:1:{i:" + alice + ";a:1:{i:0;a:2:{"
                    + "s:10:\"ignored_id\";s:4:\"" + carol + "\";s:8:\"nickname\";s:5:\"Carol\";}}}");
            assertThat(call(client, "new_ignored", "account_id", a, "ignored_id", a, "cookie", cookie))
                    .isEqualTo("a:2:{i:0;b:0;s:5:\"error\";s:27:\"You cannot ignore yourself.\";}");
            assertThat(call(client, "new_ignored", "account_id", a, "ignored_id", "999999", "cookie", cookie))
                    .isEqualTo(failure("Unknown account."));
            assertThat(call(client, "new_ignored", "account_id", a, "ignored_id", Long.toString(carol), "cookie",
                    "bad")).isEqualTo(failure("Invalid account or cookie"));

            // §6.7 at once: Carol's buddy request to Alice gets 0xB2 type 4 with Alice's name
            try (ChatClient carolChat = ChatClient.gameClient("127.0.0.1", server.chatPort(),
                    ChatLogin.login(client, "Carol", "pw"))) {
                carolChat.send(new RequestBuddyAdd("Alice"));
                BuddyAddResponse refused = carolChat.await(BuddyAddResponse.class);
                assertThat(refused.type()).isEqualTo(BuddyAddResult.IGNORED);
                assertThat(refused.notificationId()).isZero();
                assertThat(refused.nickname()).isEqualTo("Alice");
                assertThat(server.database().social().requestsTo(alice)).isEmpty();
            }
            // over HTTP (honpurple's new_buddy) the same request fails
            String carolCookie = ChatLogin.login(client, "Carol", "pw").cookie();
            assertThat(call(client, "new_buddy", "account_id", Long.toString(carol), "buddy_id", a, "cookie",
                    carolCookie)).startsWith("a:2:{i:0;b:0;");

            assertThat(call(client, "remove_ignored", "account_id", a, "ignored_id", Long.toString(carol), "cookie",
                    cookie)).isEqualTo(OK);
            assertThat(call(client, "remove_ignored", "account_id", a, "ignored_id", Long.toString(carol), "cookie",
                    cookie)).as("no longer there").isEqualTo(OK);
            assertThat(loginKey(client, "Alice", "ignored_list"))
                    .isEqualTo("a:1:{s:5:\"error\";s:17:\"No ignored users.\";}");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lastLoginIsTheLastChatLoginForOnlineAndOfflineAccounts(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            long alice = account(server, "Alice");
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            String never = client.call(Style.ABSOLUTE_GET, Map.of("f", "get_all_stats", "account_id[0]",
                    Long.toString(alice))).body();
            assertThat(never).contains("s:10:\"last_login\";s:0:\"\";");
            String before = LoginReply.JOIN_DATE.format(Instant.now().minusSeconds(1));
            try (ChatClient chat = ChatClient.gameClient("127.0.0.1", server.chatPort(),
                    ChatLogin.login(client, "Alice", "pw"))) {
                String online = waitForLastLogin(client, alice);
                assertThat(online.compareTo(before)).as(online).isGreaterThanOrEqualTo(0);
            }
            // offline, after the disconnect: still the time of that login
            String offline = waitForLastLogin(client, alice);
            assertThat(offline.compareTo(before)).isGreaterThanOrEqualTo(0);
        }
    }

    /** The {@code last_login} of get_all_stats, once the batched store write has landed. */
    private static String waitForLastLogin(LoginClient client, long id) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String body = client.call(Style.ABSOLUTE_GET, Map.of("f", "get_all_stats", "account_id[0]",
                    Long.toString(id))).body();
            var m = java.util.regex.Pattern.compile("s:10:\"last_login\";s:19:\"([0-9: -]{19})\";").matcher(body);
            if (m.find()) {
                return m.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no last_login in " + body);
            }
            Thread.sleep(50);
        }
    }
}
