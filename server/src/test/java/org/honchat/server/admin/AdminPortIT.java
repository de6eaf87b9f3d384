package org.honchat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} is served on the admin port, loopback by default, and no longer on the public login port. */
class AdminPortIT {

    @TempDir
    Path dir;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreOnTheAdminPortOnly() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir))) {
            HttpResponse<String> metrics = get(server.adminPort(), "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("honchat_sessions_online", "honchat_connections_open");
            assertThat(get(server.adminPort(), "/client_requester.php").statusCode()).isEqualTo(404);
            assertThat(get(server.httpPort(), "/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theAdminPortListensOnLoopbackByDefault() {
        assertThat(ServerConfig.defaults().admin()).isEqualTo(new ServerConfig.AdminConfig("127.0.0.1", 8081));
    }
}
