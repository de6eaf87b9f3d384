package org.honchat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.SessionPackets.Logout;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.login.LoginClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP, against real chat sessions (README "Operations"). */
class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;


    private static JsonNode body(RunningServer.Reply reply) throws Exception {
        return JSON.readTree(reply.json());
    }

    @Test
    void everyCallNeedsTheTokenAndActsOnTheLiveServer() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir));
                ChatClient alice = OnlineClient.of(server, "Alice")) {
            // the token is generated into the data directory, owner-only; the address is announced there too
            Path tokenFile = dir.resolve(AdminToken.FILE);
            assertThat(Files.readString(tokenFile).strip()).matches("[0-9a-f]{64}");
            assertThat(Files.getPosixFilePermissions(tokenFile)).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            RunningServer api = RunningServer.find(dir).orElseThrow();

            // without the token (or with a wrong one): 401, nothing done, counted
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (String authorization : new String[] {null, "Bearer 0000", "Basic abc"}) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + server.adminPort() + "/api/broadcast")).POST(java.net.http.HttpRequest.BodyPublishers
                        .ofString("{\"message\":\"no\"}"));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                assertThat(http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                        .statusCode()).isEqualTo(401);
            }
            alice.expectNothing(Duration.ofMillis(300));
            assertThat(server.metrics().scrape()).contains("honchat_admin_unauthorized_total 3.0");

            // what an operator graphs (docs/grafana-dashboard.json)
            new LoginClient("127.0.0.1", server.httpPort()).auth(LoginClient.Style.BODY_ONLY, "Alice", "wrong");
            Thread.sleep(1200); // the channel count is sampled once a second
            assertThat(server.metrics().scrape()).contains("honchat_sessions_by_kind{kind=\"game_client\"} 1.0",
                    "honchat_sessions_by_kind{kind=\"legacy\"} 0.0", "honchat_http_logins_total{outcome=\"accepted\"} 1.0",
                    "honchat_http_logins_total{outcome=\"wrong_credentials\"} 1.0", "honchat_channels_open 1.0");

            JsonNode status = body(api.call("GET", "/api/status", null));
            assertThat(status.get("sessions").asInt()).isEqualTo(1);
            assertThat(status.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);

            alice.send(new JoinChannel("Lobby"));
            alice.await(ChangedChannel.class);
            JsonNode sessions = body(api.call("GET", "/api/sessions?q=ali", null)).get("sessions");
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).get("name").asText()).isEqualTo("Alice");
            assertThat(sessions.get(0).get("clientKind").asText()).isEqualTo("game client");
            assertThat(sessions.get(0).get("address").asText()).contains("127.0.0.1");
            assertThat(sessions.get(0).get("channels").toString()).contains("Lobby");
            assertThat(body(api.call("GET", "/api/sessions?q=zzz", null)).get("sessions")).isEmpty();
            assertThat(api.call("GET", "/api/sessions/Nobody", null).status()).isEqualTo(404);
            JsonNode lobby = body(api.call("GET", "/api/channels/Lobby", null));
            assertThat(lobby.get("members").toString()).contains("Alice");

            // broadcast: 0x39 from "Server Message"
            JsonNode sent = body(api.call("POST", "/api/broadcast", "{\"message\":\"restart at 5\"}"));
            assertThat(sent.get("sessions").asInt()).isEqualTo(1);
            assertThat(alice.await(MessageAll.class)).isEqualTo(new MessageAll("Server Message", "restart at 5"));
            assertThat(api.call("POST", "/api/broadcast", "{}").status()).isEqualTo(400);

            // kick: §3.11, 0x00C1 with logOutStaff 1 to a game client, then the connection closes
            assertThat(api.call("POST", "/api/sessions/alice/kick", null).status()).isEqualTo(200);
            assertThat(alice.await(Logout.class)).isEqualTo(new Logout(1));
            assertThat(alice.awaitClose(Duration.ofSeconds(5))).isTrue();
            assertThat(api.call("POST", "/api/sessions/alice/kick", null).status()).isEqualTo(404);
        }
    }

    @Test
    void disablingAnAccountClosesItsSessionAndRefusesItsLogins() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir));
                ChatClient bob = OnlineClient.of(server, "Bob")) {
            RunningServer api = RunningServer.find(dir).orElseThrow();
            JsonNode disabled = body(api.call("POST", "/api/accounts/Bob/disable", null));
            assertThat(disabled.get("sessionClosed").asBoolean()).isTrue();
            assertThat(bob.await(Logout.class)).isEqualTo(new Logout(1));
            assertThat(bob.awaitClose(Duration.ofSeconds(5))).isTrue();
            assertThat(server.database().accounts().findByName("Bob").orElseThrow().type())
                    .isEqualTo(AccountType.DISABLED);
            assertThat(new LoginClient("127.0.0.1", server.httpPort()).auth(LoginClient.Style.BODY_ONLY, "Bob",
                    "pw").php()).containsEntry("auth", "This account has been disabled.");
            assertThat(api.call("POST", "/api/accounts/Nobody/disable", null).status()).isEqualTo(404);
        }
    }

    @Test
    void aRotatedTokenWorksAtOnceAndTheOldOneStops() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
            assertThat(Files.readString(dir.resolve(RunningServer.FILE)).strip())
                    .isEqualTo("127.0.0.1:" + server.adminPort());
            RunningServer before = RunningServer.find(dir).orElseThrow();
            assertThat(before.call("GET", "/api/status", null).status()).isEqualTo(200);
            Thread.sleep(20); // a later modification time on file systems with coarse timestamps
            AdminToken.rotate(dir);
            assertThat(before.call("GET", "/api/status", null).status()).isEqualTo(401);
            assertThat(RunningServer.find(dir).orElseThrow().call("GET", "/api/status", null).status())
                    .isEqualTo(200);
        }
        assertThat(RunningServer.find(dir)).as("the address is withdrawn at a clean stop").isEmpty();
    }
}
