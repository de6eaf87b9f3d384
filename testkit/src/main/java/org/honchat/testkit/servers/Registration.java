package org.honchat.testkit.servers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.honchat.testkit.login.LoginClient;

/**
 * What {@code server_requester.php} answers a match server's {@code new_session} or a manager's {@code replay_auth}
 * (docs/protocol.md §9.7): the id and cookie to connect with, and where.
 */
public record Registration(long id, String cookie, String chatAddress, int chatPort) {

    /** {@code new_session} as a match server calls it at start. {@code login} is {@code <host account>:<n>}. */
    public static Registration newSession(LoginClient http, String login, String password, String ip, int port,
            String name, String location) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("f", "new_session");
        params.put("login", login);
        params.put("pass", LoginClient.md5Hex(password));
        params.put("port", Integer.toString(port));
        params.put("name", name);
        params.put("desc", "honchat testkit fake match server");
        params.put("location", location);
        params.put("ip", ip);
        return of(http.callServer(params));
    }

    /** {@code replay_auth} as a server manager calls it at start. {@code login} is {@code <host account>:}. */
    public static Registration replayAuth(LoginClient http, String login, String password) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("f", "replay_auth");
        params.put("login", login);
        params.put("pass", LoginClient.md5Hex(password));
        return of(http.callServer(params));
    }

    private static Registration of(LoginClient.Response response) throws IOException {
        Map<Object, Object> reply = response.php();
        if (!reply.containsKey("session")) {
            throw new IOException("registration refused: " + response.body());
        }
        return new Registration(((Number) reply.get("server_id")).longValue(), (String) reply.get("session"),
                (String) reply.get("chat_address"), ((Number) reply.get("chat_port")).intValue());
    }
}
