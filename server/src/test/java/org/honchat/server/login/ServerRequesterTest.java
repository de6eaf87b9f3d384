package org.honchat.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.InMemoryStores;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.LoginSession;
import org.honchat.testkit.login.LoginClient;
import org.honchat.testkit.login.Php;
import org.junit.jupiter.api.Test;

/** {@code /server_requester.php}, docs/protocol.md §9.7: each function's checks and its exact PHP reply. */
class ServerRequesterTest {

    private final InMemoryStores store = new InMemoryStores();
    private final LoginService service = new LoginService(ServerConfig.defaults().with("login.chatUrl",
            "chat.example.net", "login.cdnUploadHost", "cdn.example.net"), store, store, store, store,
            new AuthHash("test-secret-0123456789"), new SecureRandom(), Clock.systemUTC());
    private final Set<Long> roster = new java.util.HashSet<>();

    ServerRequesterTest() {
        store.create("gamehost", AccountType.SERVER, Credentials.forPassword("secret", new SecureRandom()),
                Instant.now());
        store.create("player", AccountType.REGULAR, Credentials.forPassword("pw", new SecureRandom()),
                Instant.now());
        service.linkPorts(11032, 11033);
        service.connectChat(new ChatBridge() {
            @Override
            public CompletableFuture<Boolean> requestBuddy(long requesterId, long targetId) {
                return CompletableFuture.completedFuture(false);
            }

            @Override
            public CompletableFuture<Void> removeBuddy(long accountId, long buddyId) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Boolean> isOnline(long accountId) {
                return CompletableFuture.completedFuture(false);
            }

            @Override
            public CompletableFuture<Set<Long>> rosterOf(long serverId) {
                return CompletableFuture.completedFuture(roster);
            }
        });
    }

    private String call(String... keysAndValues) {
        Map<String, String> params = new HashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].endsWith("[]")) {
                lists.put(keysAndValues[i].replace("[]", ""), List.of(keysAndValues[i + 1].split(",")));
            } else {
                params.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return service.handleServer(new LoginRequest(params, lists, "203.0.113.7", "chat.example.net", false));
    }

    private String newSession(String login) {
        return call("f", "new_session", "login", login, "pass", LoginClient.md5Hex("secret"), "port", "11235",
                "name", "eu 1", "desc", "d", "location", "EU", "ip", "198.51.100.20");
    }

    @Test
    void newSessionGivesAStableIdAndANewCookieEachTime() {
        String first = newSession("gamehost:1");
        Map<Object, Object> reply = Php.array(first);
        String cookie = (String) reply.get("session");
        assertThat(cookie).matches("[0-9a-f]{32}");
        assertThat(first).isEqualTo("a:5:{s:7:\"session\";s:32:\"" + cookie + "\";s:9:\"server_id\";i:1;"
                + "s:12:\"chat_address\";s:16:\"chat.example.net\";s:9:\"chat_port\";i:11032;"
                + "s:15:\"leaverthreshold\";d:0.05;}");
        Map<Object, Object> again = Php.array(newSession("GAMEHOST:1"));
        assertThat(again.get("server_id")).isEqualTo(1L);
        assertThat(again.get("session")).isNotEqualTo(cookie);
        assertThat(store.byCookie(cookie)).as("the old cookie is replaced").isEmpty();
        assertThat(Php.array(newSession("gamehost:2")).get("server_id")).isEqualTo(2L);
    }

    @Test
    void newSessionChecks() {
        String wrongPassword = call("f", "new_session", "login", "gamehost:1", "pass", LoginClient.md5Hex("nope"),
                "port", "1", "ip", "1.2.3.4");
        assertThat(wrongPassword).startsWith("a:2:{i:0;b:0;s:5:\"error\";s:");
        assertThat(Php.array(newSession("player:1"))).containsEntry(0L, false);
        assertThat(Php.array(newSession("gamehost"))).containsEntry(0L, false);
        assertThat(Php.array(newSession("gamehost:1:2"))).containsEntry(0L, false);
        assertThat(Php.array(call("f", "new_session", "login", "gamehost:1", "pass", LoginClient.md5Hex("secret"),
                "port", "70000", "ip", "1.2.3.4"))).containsEntry(0L, false);
        // what reaches clients as a protocol string must not hold a NUL or other control characters
        assertThat(Php.array(call("f", "new_session", "login", "gamehost:1", "pass", LoginClient.md5Hex("secret"),
                "port", "1", "ip", "1.2.3.4\u0000x"))).containsEntry(0L, false);
        assertThat(Php.array(call("f", "new_session", "login", "gamehost:1", "pass", LoginClient.md5Hex("secret"),
                "port", "1", "ip", "1.2.3.4", "location", "E\u0000U"))).containsEntry(0L, false);
    }

    @Test
    void replayAuthForManagers() {
        String reply = call("f", "replay_auth", "login", "gamehost:", "pass", LoginClient.md5Hex("secret"));
        String cookie = (String) Php.array(reply).get("session");
        assertThat(reply).isEqualTo("a:7:{s:9:\"server_id\";i:1;s:8:\"official\";i:1;s:7:\"session\";s:32:\""
                + cookie + "\";s:12:\"chat_address\";s:16:\"chat.example.net\";s:9:\"chat_port\";i:11033;"
                + "s:15:\"cdn_upload_host\";s:15:\"cdn.example.net\";s:17:\"cdn_upload_target\";s:6:\"upload\";}");
        assertThat(Php.array(call("f", "replay_auth", "login", "gamehost", "pass", LoginClient.md5Hex("secret"))))
                .containsEntry(0L, false);
    }

    @Test
    void heartbeatMatchIdsAndPlayers() {
        String cookie = (String) Php.array(newSession("gamehost:1")).get("session");
        assertThat(call("f", "set_online", "session", cookie, "c_state", "1", "num_conn", "0")).isEmpty();
        assertThat(Php.array(call("f", "set_online", "session", "bad"))).containsEntry(0L, false);
        Map<Object, Object> game = Php.array(call("f", "start_game", "session", cookie, "map", "caldavar"));
        assertThat(game.get("match_id")).isEqualTo(1L);
        assertThat((String) game.get("match_date")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(game).containsEntry("is_recommended", false).containsEntry("disabled_hero_list", "");
        assertThat(Php.array(call("f", "start_game", "session", cookie)).get("match_id")).isEqualTo(2L);

        long player = store.findByName("player").orElseThrow().id();
        store.create(new LoginSession("c0ffee00c0ffee00c0ffee00c0ffee00", player, "1.2.3.4", Instant.now(),
                Instant.now().plusSeconds(3600)));
        Map<Object, Object> conn = Php.array(call("f", "c_conn", "session", cookie, "cookie",
                "c0ffee00c0ffee00c0ffee00c0ffee00", "ip", "1.2.3.4"));
        assertThat(conn).containsEntry("account_id", player).containsEntry("nickname", "player")
                .containsEntry("super_id", player).containsEntry("account_type", 3L).containsEntry("level", 1L)
                .doesNotContainKey("clan_id");
        assertThat((String) conn.get("game_cookie")).matches("[0-9a-f]{32}");
        assertThat(Php.array(call("f", "c_conn", "session", cookie, "cookie", "nope"))).containsEntry(0L, false);

        // aids2cookie: only accounts on this server's current roster
        assertThat(call("f", "aids2cookie", "session", cookie, "aids[]", player + ",5"))
                .isEqualTo("a:2:{s:11:\"aids2cookie\";a:0:{}s:12:\"aids2gcookie\";a:0:{}}");
        roster.add(player);
        assertThat(Php.array(call("f", "aids2cookie", "session", cookie, "aids[]", player + ",5"))
                .get("aids2cookie")).isEqualTo(Map.of(player, "c0ffee00c0ffee00c0ffee00c0ffee00"));
    }

    @Test
    void fixedFormsAndUnknownFunctions() {
        assertThat(call("f", "get_quickstats")).isEqualTo("a:1:{s:10:\"quickstats\";s:2:\"OK\";}");
        assertThat(call("f", "set_replay_size")).isEqualTo("a:1:{s:18:\"replay_size_update\";s:2:\"OK\";}");
        assertThat(call("f", "accept_key", "session", "x")).isEqualTo("a:2:{s:9:\"server_id\";i:0;s:8:\"official\";i:1;}");
        assertThat(call("f", "shutdown", "session", "x")).isEmpty();
        assertThat(call("f", "get_spectator_header")).isEqualTo("a:1:{i:0;b:0;}");
        assertThat(Php.array(call("f", "auth"))).containsEntry(0L, false).containsKey("error");
    }
}
