package org.honchat.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.LoginSession;
import org.honchat.testkit.login.LoginClient;
import org.honchat.testkit.login.LoginClient.Style;
import org.honchat.testkit.login.SrpClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The login service over real HTTP on loopback (docs/protocol.md §8), on H2 and on PostgreSQL. */
class LoginHttpIT {

    static final String FAILURE = "a:2:{i:0;b:0;s:4:\"auth\";s:29:\"Invalid Nickname or Password.\";}";

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    static List<String> databases() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void authInEveryRequestShapeGivesTheFullReply(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            long id = createAccount(server, "Alice", "s3cret!", AccountType.REGULAR);
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            for (Style style : Style.values()) {
                LoginClient.Response response = client.auth(style, "alice", "s3cret!");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.contentType()).isEqualTo("text/html; charset=UTF-8");
                assertSuccessfulReply(server, response.php(), id, "Alice", "3");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void srpLoginAsEachClientComputesIt(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            long id = createAccount(server, "Srp_User", "pa55word", AccountType.PREMIUM);
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            Object[][] clients = {
                {Style.GAME_CLIENT, SrpClient.Flavor.GAME_CLIENT},
                {Style.ABSOLUTE_GET, SrpClient.Flavor.HONPURPLE},
                {Style.BODY_ONLY, SrpClient.Flavor.PYHONBOT}};
            for (Object[] c : clients) {
                for (int i = 0; i < 5; i++) {
                    LoginClient.SrpLogin login = client.srpLogin((Style) c[0], (SrpClient.Flavor) c[1], "srp_user",
                            "pa55word", random);
                    Map<Object, Object> reply = login.reply().php();
                    assertSuccessfulReply(server, reply, id, "Srp_User", "4");
                    assertThat(reply.get("proof")).isEqualTo(login.client().expectedServerProof());
                }
            }
            // a second srpAuth for the same pre_auth is refused: the state is taken once (§8.5)
            LoginClient.SrpLogin first = client.srpLogin(Style.GAME_CLIENT, SrpClient.Flavor.GAME_CLIENT, "Srp_User",
                    "pa55word", random);
            assertThat(first.reply().php()).containsEntry(0L, true);
            assertThat(client.call(Style.GAME_CLIENT, Map.of("f", "srpAuth", "login", "Srp_User", "proof", "00"))
                    .body()).isEqualTo(FAILURE);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failuresLookTheSameWhetherOrNotTheNameExists(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            createAccount(server, "Known", "right", AccountType.REGULAR);
            createAccount(server, "Banned", "right", AccountType.DISABLED);
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            assertThat(client.auth(Style.BODY_ONLY, "Known", "wrong").body()).isEqualTo(FAILURE);
            assertThat(client.auth(Style.BODY_ONLY, "Unknown", "wrong").body()).isEqualTo(FAILURE);
            assertThat(client.srpLogin(Style.GAME_CLIENT, SrpClient.Flavor.GAME_CLIENT, "Unknown", "x", random)
                    .challenge().body()).isEqualTo(FAILURE);
            assertThat(client.srpLogin(Style.GAME_CLIENT, SrpClient.Flavor.GAME_CLIENT, "Known", "wrong", random)
                    .reply().body()).isEqualTo(FAILURE);
            // a disabled account learns why only with the right password (§8.4)
            assertThat(client.auth(Style.BODY_ONLY, "Banned", "wrong").body()).isEqualTo(FAILURE);
            assertThat(client.auth(Style.BODY_ONLY, "Banned", "right").php())
                    .containsEntry(0L, false).containsEntry("auth", "This account has been disabled.");
            assertThat(client.srpLogin(Style.GAME_CLIENT, SrpClient.Flavor.GAME_CLIENT, "Banned", "right", random)
                    .challenge().body()).isEqualTo(FAILURE);
            // a bad A is the failure form too
            assertThat(client.call(Style.GAME_CLIENT, Map.of("f", "pre_auth", "login", "Known", "A", "zz")).body())
                    .isEqualTo(FAILURE);
            assertThat(client.call(Style.GAME_CLIENT, Map.of("f", "pre_auth", "login", "Known", "A", "0")).body())
                    .isEqualTo(FAILURE);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void logoutInvalidatesTheCookieAndUnknownFunctionsAnswerFalse(String kind) throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.config(kind, dir))) {
            createAccount(server, "Leaver", "pw", AccountType.REGULAR);
            List<String> loggedOut = new ArrayList<>();
            server.loginService().onLogout(loggedOut::add);
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            String cookie = (String) client.auth(Style.GAME_CLIENT, "Leaver", "pw").php().get("cookie");
            assertThat(server.database().sessions().find(cookie)).isPresent();
            String ok = "a:2:{i:0;b:1;s:12:\"client_disco\";s:2:\"OK\";}";
            assertThat(client.call(Style.BODY_ONLY, Map.of("f", "logout", "cookie", cookie)).body()).isEqualTo(ok);
            assertThat(server.database().sessions().find(cookie)).isEmpty();
            assertThat(loggedOut).containsExactly(cookie);
            assertThat(client.call(Style.BODY_ONLY, Map.of("f", "logout", "cookie", cookie)).body()).isEqualTo(ok);
            assertThat(client.call(Style.GAME_CLIENT, Map.of("f", "get_everything")).body())
                    .isEqualTo("a:1:{i:0;b:0;}");
            assertThat(client.call(Style.BODY_ONLY, Map.of()).body()).isEqualTo("a:1:{i:0;b:0;}");
            LoginClient.Response notFound = client.send("GET /index.php HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(notFound.status()).isEqualTo(404);
            // the body wins over the query for the same name (§8.1)
            LoginClient.Response merged = client.send("POST /client_requester.php?f=logout&login=x HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                    + "Content-Length: 6\r\n\r\nf=auth");
            assertThat(merged.body()).isEqualTo(FAILURE);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failedLoginsAreLimitedPerNameAndPerAddress(String kind) throws Exception {
        ServerConfig base = TestDatabases.config(kind, dir);
        ServerConfig config = base.with("login.rateLimit.failuresPerName", "3", "login.rateLimit.failuresPerIp", "5");
        try (HonchatServer server = HonchatServer.start(config)) {
            createAccount(server, "Target", "right", AccountType.REGULAR);
            createAccount(server, "Other", "right", AccountType.REGULAR);
            LoginClient client = new LoginClient("127.0.0.1", server.httpPort());
            for (int i = 0; i < 3; i++) {
                assertThat(client.auth(Style.BODY_ONLY, "Target", "wrong").body()).isEqualTo(FAILURE);
            }
            // the name is now limited: even the right password gets the failure form
            assertThat(client.auth(Style.BODY_ONLY, "TARGET", "right").body()).isEqualTo(FAILURE);
            assertThat(client.auth(Style.BODY_ONLY, "Other", "right").php()).containsEntry(0L, true);
            // two more failures from this address reach its limit of 5
            assertThat(client.auth(Style.BODY_ONLY, "Nobody1", "x").body()).isEqualTo(FAILURE);
            assertThat(client.auth(Style.BODY_ONLY, "Nobody2", "x").body()).isEqualTo(FAILURE);
            assertThat(client.auth(Style.BODY_ONLY, "Other", "right").body()).isEqualTo(FAILURE);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void accountsAndSessionsSurviveARestart(String kind) throws Exception {
        ServerConfig config = TestDatabases.config(kind, dir);
        String cookie;
        long id;
        try (HonchatServer server = HonchatServer.start(config)) {
            id = createAccount(server, "Stayer", "pw", AccountType.REGULAR);
            cookie = (String) new LoginClient("127.0.0.1", server.httpPort()).auth(Style.GAME_CLIENT, "Stayer", "pw")
                    .php().get("cookie");
        }
        try (HonchatServer server = HonchatServer.start(config)) {
            LoginSession session = server.database().sessions().find(cookie).orElseThrow();
            assertThat(session.accountId()).isEqualTo(id);
            assertThat(session.validAt(Instant.now())).isTrue();
            assertThat(new LoginClient("127.0.0.1", server.httpPort()).auth(Style.GAME_CLIENT, "Stayer", "pw").php())
                    .containsEntry(0L, true);
        }
    }

    private static long createAccount(HonchatServer server, String name, String password, AccountType type) {
        return server.database().accounts().create(name, type, Credentials.forPassword(password, new SecureRandom()),
                Instant.now()).id();
    }

    /** §8.6: every required key, with the PHP types the clients parse. */
    private static void assertSuccessfulReply(HonchatServer server, Map<Object, Object> reply, long id, String name,
            String type) {
        assertThat(reply).containsEntry(0L, true)
                .containsEntry("account_id", Long.toString(id))
                .containsEntry("super_id", Long.toString(id))
                .containsEntry("nickname", name)
                .containsEntry("account_type", type)
                .containsEntry("trial", "0")
                .containsEntry("susp_id", "0")
                .containsEntry("ip", "127.0.0.1")
                .containsEntry("chat_url", "127.0.0.1")
                .containsEntry("chat_port", Integer.toString(server.chatPort())) // the listener it runs (§8.6)
                .containsEntry("chatrooms", Map.of(0L, "HoN"))
                .containsEntry("buddy_list", Map.of(id, Map.of()))
                .containsEntry("clan_member_info", Map.of("error", "No clan member found"))
                .containsEntry("clan_roster", Map.of("error", "No clan members found"))
                .containsKeys("email", "ignored_list", "banned_list", "selected_upgrades", "my_upgrades");
        String cookie = (String) reply.get("cookie");
        assertThat(cookie).matches("[0-9a-f]{32}");
        assertThat(reply.get("auth_hash")).isEqualTo(server.authHash().compute(id, "127.0.0.1", cookie));
        LoginSession session = server.database().sessions().find(cookie).orElseThrow();
        assertThat(session.accountId()).isEqualTo(id);
        assertThat(Duration.between(session.created(), session.expires())).isEqualTo(Duration.ofHours(24));
    }
}
