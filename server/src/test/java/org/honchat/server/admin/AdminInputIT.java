package org.honchat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.domain.operator.OperatorActions;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client mistake on the admin port gets the right status with a JSON reason, over a raw socket so nothing in
 * between tidies the request: never a 500, never a dropped connection, and nothing changes in the server.
 */
class AdminInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A status line, headers (lower-case names) and body, as the server sent them. */
    record Reply(int status, String headers, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One request written byte for byte; the connection is closed after the answer. */
    static Reply raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int headerEnd = -1;
            int length = -1;
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.UTF_8);
                if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                    length = m.find() ? Integer.parseInt(m.group(1)) : -1;
                }
                if (headerEnd >= 0 && length >= 0 && all.size() >= headerEnd + 4 + length) {
                    break;
                }
            }
            String text = all.toString(StandardCharsets.UTF_8);
            assertThat(text).as("an answer, not a dropped connection").startsWith("HTTP/1.1 ");
            int end = text.indexOf("\r\n\r\n");
            return new Reply(Integer.parseInt(text.substring(9, 12)), text.substring(0, end).toLowerCase(Locale.ROOT),
                    text.substring(end + 4));
        }
    }

    private static String request(String method, String target, String token, String body, String... headers) {
        StringBuilder r = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (token != null) {
            r.append("Authorization: ").append(token).append("\r\n");
        }
        for (String header : headers) {
            r.append(header).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        r.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        return r + (body == null ? "" : body);
    }

    @Test
    void everyBadRequestIsAnsweredWithItsStatusAndAJsonReasonAndChangesNothing() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir));
                ChatClient alice = OnlineClient.of(server, "Alice")) {
            int port = server.adminPort();
            String bearer = "Bearer " + AdminToken.load(dir).value();

            // the scheme is case-insensitive (RFC 9110)
            for (String scheme : new String[] {"bearer ", "BEARER ", "Bearer "}) {
                Reply ok = raw(port, request("GET", "/api/status", scheme + AdminToken.load(dir).value(), null));
                assertThat(ok.status()).as(scheme).isEqualTo(200);
            }
            // a method the path does not take: 405 naming the ones it does
            Reply wrongMethod = raw(port, request("DELETE", "/api/status", bearer, null));
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.headers()).contains("allow: get");
            assertThat(wrongMethod.json().get("error").asText()).contains("DELETE is not allowed");
            assertThat(raw(port, request("POST", "/metrics", null, "x")).status()).isEqualTo(405);
            // no such path: 404 with a reason
            Reply missing = raw(port, request("GET", "/api/nothing/here", bearer, null));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("error").asText()).contains("no such endpoint");
            assertThat(raw(port, request("GET", "/nothing", null, null)).json().has("error")).isTrue();
            // a 20 KB header: 431; a request line over 4 KB: 414
            Reply bigHeader = raw(port, request("GET", "/api/status", bearer, null, "X-Filler: " + "a".repeat(20_000)));
            assertThat(bigHeader.status()).isEqualTo(431);
            assertThat(bigHeader.json().get("error").asText()).contains("headers at most");
            Reply longLine = raw(port, request("GET", "/api/sessions?q=" + "a".repeat(5000), bearer, null));
            assertThat(longLine.status()).isEqualTo(414);
            // a query that is not percent-encoding: 400, the connection answered
            Reply badQuery = raw(port, request("GET", "/api/sessions?q=%zz", bearer, null));
            assertThat(badQuery.status()).isEqualTo(400);
            assertThat(badQuery.json().get("error").asText()).contains("percent");
            assertThat(raw(port, request("GET", "/api/channels/a%zzb", bearer, null)).status()).isEqualTo(400);
            // a body over the limit: 413 with a reason
            Reply tooLarge = raw(port, request("POST", "/api/broadcast", bearer, "{\"message\":\"" + "a".repeat(70_000)
                    + "\"}"));
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.json().get("error").asText()).contains("larger than 65536 bytes");
            // a field of the wrong type, a body that is not an object, not JSON at all: 400 saying which
            Reply number = raw(port, request("POST", "/api/broadcast", bearer, "{\"message\":5}"));
            assertThat(number.status()).isEqualTo(400);
            assertThat(number.json().get("error").asText()).isEqualTo("message must be a string");
            assertThat(raw(port, request("POST", "/api/broadcast", bearer, "[1,2]")).json().get("error").asText())
                    .isEqualTo("the body must be a JSON object");
            assertThat(raw(port, request("POST", "/api/broadcast", bearer, "{oops")).status()).isEqualTo(400);
            // a broadcast one byte over what fits a 0x39 frame: 400 with the limit, nothing sent
            int limit = OperatorActions.BROADCAST_MAX_BYTES;
            assertThat(limit).isEqualTo(16384 - 4 - "Server Message".length() - 2);
            Reply overLimit = raw(port, request("POST", "/api/broadcast", bearer, "{\"message\":\"" + "é".repeat(limit / 2)
                    + "x\"}"));
            assertThat(overLimit.status()).isEqualTo(400);
            assertThat(overLimit.json().get("limitBytes").asInt()).isEqualTo(limit);
            assertThat(overLimit.json().get("error").asText()).contains((limit + 1) + " bytes", "at most " + limit);
            alice.expectNothing(Duration.ofMillis(300));
            // exactly at the limit: sent whole, in one 16384-byte frame the client reads
            Reply atLimit = raw(port, request("POST", "/api/broadcast", bearer, "{\"message\":\"" + "é".repeat(limit / 2)
                    + "\"}"));
            assertThat(atLimit.status()).isEqualTo(200);
            assertThat(alice.await(MessageAll.class).message()).isEqualTo("é".repeat(limit / 2));

            // names holding '/', '%' and spaces are managed through the API: routed on the encoded path
            for (String name : new String[] {"a/b", "50% off", "../../etc/passwd"}) {
                String encoded = java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
                Reply created = raw(port, request("POST", "/api/channels", bearer, JSON.writeValueAsString(
                        java.util.Map.of("name", name))));
                assertThat(created.status()).as(name).isEqualTo(200);
                Reply changed = raw(port, request("PUT", "/api/channels/" + encoded, bearer, "{\"topic\":\"t\"}"));
                assertThat(changed.status()).as(name).isEqualTo(200);
                assertThat(raw(port, request("GET", "/api/channels/" + encoded, bearer, null)).json().get("name")
                        .asText()).isEqualTo(name);
                Reply deleted = raw(port, request("DELETE", "/api/channels/" + encoded, bearer, null));
                assertThat(deleted.status()).as(name).isEqualTo(200);
                assertThat(server.database().channels().loadAll()).noneMatch(c -> c.name().equals(name));
            }
            // the session is untouched by all of it
            assertThat(raw(port, request("GET", "/api/sessions/Alice", bearer, null)).status()).isEqualTo(200);
            // the health check needs no token
            Reply health = raw(port, request("GET", "/health", null, null));
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("up");
        }
    }
}
