package org.honchat.testkit.servers;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.link.ChatToMatchServer.RosterEntry;
import org.honchat.testkit.login.LoginClient;

/**
 * A fake match server from the command line, to try a queue without a game server (README "Matchmaking"): it
 * registers with {@code new_session}, connects to port 11032, reports IDLE, and for every match it is given asks
 * the login service for a match id ({@code start_game}), announces it, "plays" for {@code --game-seconds}, ends it
 * and reports IDLE again. Every event is printed, one line each.
 *
 * <pre>
 * java -cp honchat-testkit-console.jar org.honchat.testkit.servers.FakeMatchServerMain \
 *     --login-url 127.0.0.1:8080 --login gamehost:1 --password secret --location EU
 * </pre>
 *
 * With {@code --manager 68} (or 70) it also registers a server manager for the same host account
 * ({@code replay_auth}) and keeps it connected on the manager port, as HoNfigurator does beside its servers.
 */
public final class FakeMatchServerMain {

    private FakeMatchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String[] loginUrl = options.getOrDefault("login-url", "127.0.0.1:8080").split(":");
        LoginClient http = new LoginClient(loginUrl[0], Integer.parseInt(loginUrl[1]));
        String login = require(options, "login");
        String password = require(options, "password");
        String ip = options.getOrDefault("ip", "127.0.0.1");
        int port = Integer.parseInt(options.getOrDefault("port", "11235"));
        String location = options.getOrDefault("location", "EU");
        long gameSeconds = Long.parseLong(options.getOrDefault("game-seconds", "30"));

        Registration registration = Registration.newSession(http, login, password, ip, port, login, location);
        String chatHost = options.getOrDefault("chat-host", registration.chatAddress());
        print("registered as server " + registration.id() + "; connecting to " + chatHost + ":"
                + registration.chatPort());
        FakeManager manager = null;
        if (options.containsKey("manager")) {
            Registration m = Registration.replayAuth(http, login.substring(0, login.indexOf(':') + 1), password);
            manager = FakeManager.connect(options.getOrDefault("chat-host", m.chatAddress()), m.chatPort(), m.id(),
                    m.cookie(), Long.parseLong(options.get("manager")));
            manager.expectAccepted();
            manager.status(location);
            print("manager " + m.id() + " accepted (protocol " + options.get("manager") + ")");
        }
        ScheduledExecutorService games = Executors.newSingleThreadScheduledExecutor();
        try (FakeMatchServer server = FakeMatchServer.connect(chatHost, registration.chatPort(), registration.id(),
                registration.cookie(), location, ip, port)) {
            server.expectAccepted();
            server.idle();
            print("accepted; idle in " + location);
            while (!server.isClosedByServer()) {
                LinkClient.Frame frame = server.nextFrame(Duration.ofSeconds(1));
                if (frame == null || !(frame.packet() instanceof CreateMatch match)) {
                    if (frame != null) {
                        print("received " + (frame.packet() != null ? frame.packet() : frame.hex()));
                    }
                    continue;
                }
                List<Long> players = match.roster().stream().map(RosterEntry::accountId).toList();
                long matchId = startGame(http, registration.cookie(), match);
                print("matchup " + match.matchupId() + " (" + match.settings() + ", players " + players
                        + ") is match " + matchId + "; announced");
                server.announce(match, matchId);
                games.schedule(() -> {
                    try {
                        server.started(match);
                        server.ended(matchId, players);
                        print("match " + matchId + " ended; idle again");
                    } catch (IOException e) {
                        print("could not end match " + matchId + ": " + e);
                    }
                }, gameSeconds, TimeUnit.SECONDS);
            }
            print("the chat server closed the link");
        } finally {
            games.shutdownNow();
            if (manager != null) {
                manager.close();
            }
        }
    }

    /** {@code start_game}: the match id the login service hands out (§9.7). */
    private static long startGame(LoginClient http, String cookie, CreateMatch match) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("f", "start_game");
        params.put("session", cookie);
        params.put("map", match.settings().replaceAll(".*map:(\\S+).*", "$1"));
        params.put("version", "4.10.1.0");
        params.put("mname", match.namePrefix());
        params.put("mstr", match.settings());
        params.put("casual", "0");
        params.put("arrangedmatchtype", Integer.toString(match.arrangedMatchType()));
        params.put("match_mode", match.settings().replaceAll(".*mode:(\\S+).*", "$1"));
        Object id = http.callServer(params).php().get("match_id");
        if (!(id instanceof Long matchId)) {
            throw new IOException("start_game gave no match id");
        }
        return matchId;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static void print(String line) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }
}
