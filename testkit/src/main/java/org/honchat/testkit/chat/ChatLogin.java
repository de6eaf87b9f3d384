package org.honchat.testkit.chat;

import java.io.IOException;
import java.util.Map;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.login.LoginClient;

/**
 * What a client needs from the login reply to connect to chat (docs/protocol.md §8.6), and the {@code 0x0C00} each kind
 * of client builds from it (§3.3).
 */
public record ChatLogin(long accountId, String nickname, String cookie, String ip, String authHash, String chatHost,
        int chatPort) {

    /** Logs in through the login service with {@code f=auth}. */
    public static ChatLogin login(LoginClient http, String name, String password) throws IOException {
        Map<Object, Object> reply = http.auth(LoginClient.Style.GAME_CLIENT, name, password).php();
        if (!Boolean.TRUE.equals(reply.get(0L))) {
            throw new IOException("login of " + name + " failed: " + reply);
        }
        return fromReply(reply);
    }

    public static ChatLogin fromReply(Map<Object, Object> reply) {
        return new ChatLogin(Long.parseLong((String) reply.get("account_id")), (String) reply.get("nickname"),
                (String) reply.get("cookie"), (String) reply.get("ip"), (String) reply.get("auth_hash"),
                (String) reply.get("chat_url"), Integer.parseInt((String) reply.get("chat_port")));
    }

    /** The 4.10.1 game client's {@code 0x0C00} (§7.2), with the given initial chat mode and region. */
    public ClientConnect gameClientConnect(ChatMode mode, String region) {
        return new ClientConnect(accountId, cookie, ip, authHash, ClientConnect.PROTOCOL_VERSION,
                new ClientConnect.GameClientInfo(1, 10, 0, 0, "wac", "x86_64", 4, 10, 1, 0, 0, mode.wire(), region,
                        "en"));
    }

    /** The bots' {@code 0x0C00} with their obsolete fixed tail (§7.3): a LEGACY session. */
    public ClientConnect legacyConnect() {
        return new ClientConnect(accountId, cookie, ip, authHash, ClientConnect.PROTOCOL_VERSION,
                ClientConnect.LegacyTail.BOTS);
    }
}
