package org.honchat.server.admin;

import java.security.SecureRandom;
import java.time.Instant;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.HonchatServer;
import org.honchat.server.store.Credentials;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;

/** A game-client session of a new account (password {@code pw}), logged in, its success sequence read. */
final class OnlineClient {

    private OnlineClient() {
    }

    static ChatClient of(HonchatServer server, String name) throws Exception {
        server.database().accounts().create(name, AccountType.REGULAR,
                Credentials.forPassword("pw", new SecureRandom()), Instant.now());
        ChatLogin login = ChatLogin.login(new LoginClient("127.0.0.1", server.httpPort()), name, "pw");
        return ChatClient.gameClient("127.0.0.1", server.chatPort(), login);
    }
}
