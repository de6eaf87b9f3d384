package org.honchat.server.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin API of a server running on a data directory, as the command line reaches it: the server writes its
 * admin address into {@link #FILE} when it starts and removes it when it stops; the token is the directory's
 * {@link AdminToken}. A file left behind by a killed server leads nowhere and counts as "not running".
 */
public final class RunningServer {

    public static final String FILE = "admin-address";

    /** An answer of the admin API: HTTP status and JSON body. */
    public record Reply(int status, String json) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    private RunningServer(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Records where a starting server's admin API listens. */
    public static void announce(Path dataDir, String host, int port) throws IOException {
        Files.writeString(dataDir.resolve(FILE), host + ":" + port + "\n", StandardCharsets.UTF_8);
    }

    /** Forgets the address (a clean stop). */
    public static void withdraw(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            // a stale file is harmless: it leads nowhere
        }
    }

    /** The server running on {@code dataDir}, if one answers its admin API there. */
    public static Optional<RunningServer> find(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file) || !Files.exists(dataDir.resolve(AdminToken.FILE))) {
            return Optional.empty();
        }
        try {
            String address = Files.readString(file, StandardCharsets.UTF_8).strip();
            RunningServer server = new RunningServer("http://" + address,
                    AdminToken.load(dataDir).value());
            return server.call("GET", "/api/status", null).status() == 200 ? Optional.of(server) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One request; {@code jsonBody} may be null. */
    public Reply call(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
