package org.honchat.server.chat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Credentials;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;

/** A real server on loopback and logged-in test clients, for the conformance tests. */
final class ChatHarness implements AutoCloseable {

    final HonchatServer server;
    final LoginClient http;
    private final List<ChatClient> clients = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    ChatHarness(Path dir) throws InterruptedException {
        this(config(dir));
    }

    ChatHarness(ServerConfig config) throws InterruptedException {
        this.server = HonchatServer.start(config);
        this.http = new LoginClient("127.0.0.1", server.httpPort());
    }

    /**
     * A config on {@code dir} with some keys changed, e.g. {@code "chat.maxChannelMembers", "2"}. Flood control is
     * raised far out of reach: these tests send bursts on purpose; {@code FloodIT} tests it with its defaults.
     */
    static ServerConfig config(Path dir, String... keysAndValues) {
        String[] all = java.util.Arrays.copyOf(new String[] {"chat.flood.threshold", "100000",
            "chat.flood.disconnectAt", "200000"}, 4 + keysAndValues.length);
        System.arraycopy(keysAndValues, 0, all, 4, keysAndValues.length);
        return TestDatabases.loopback(dir, all);
    }

    long account(String name, AccountType type) {
        return server.database().accounts().create(name, type, Credentials.forPassword("pw-" + name, random),
                Instant.now()).id();
    }

    ChatLogin login(String name) throws Exception {
        return ChatLogin.login(http, name, "pw-" + name);
    }

    ChatClient connect() throws Exception {
        ChatClient client = ChatClient.connect("127.0.0.1", server.chatPort());
        clients.add(client);
        return client;
    }

    /** Creates the account if needed, logs in as the 4.10 game client, and reads the success sequence. */
    ChatClient game(String name) throws Exception {
        return game(name, AccountType.REGULAR, ChatMode.AVAILABLE);
    }

    ChatClient game(String name, AccountType type, ChatMode mode) throws Exception {
        if (server.database().accounts().findByName(name).isEmpty()) {
            account(name, type);
        }
        ChatLogin login = login(name);
        ChatClient client = connect();
        client.selfAccountId(login.accountId());
        client.send(login.gameClientConnect(mode, "en"));
        client.expect(AuthAccepted.class);
        client.expect(Options.class);
        client.expect(InitialStatus.class);
        client.expect(PlayerCount.class);
        return client;
    }

    /** The same for a bot (LEGACY: no 0xC0). */
    ChatClient legacy(String name) throws Exception {
        if (server.database().accounts().findByName(name).isEmpty()) {
            account(name, AccountType.REGULAR);
        }
        ChatLogin login = login(name);
        ChatClient client = connect();
        client.selfAccountId(login.accountId());
        client.send(login.legacyConnect());
        client.expect(AuthAccepted.class);
        client.expect(InitialStatus.class);
        client.expect(PlayerCount.class);
        return client;
    }

    /**
     * Makes two online sessions buddies the way clients do (§6.7: 0x0D, then 0xB3) and reads every reply: the
     * 0xB2 on both sides, then the 0xB4 and the 0x0C about the other on both sides.
     */
    static void befriend(ChatClient requester, String requesterName, ChatClient target, String targetName)
            throws Exception {
        requester.send(new org.honchat.protocol.serverbound.RequestBuddyAdd(targetName));
        requester.expect(org.honchat.protocol.clientbound.BuddyAddResponse.class);
        target.expect(org.honchat.protocol.clientbound.BuddyAddResponse.class);
        target.send(new org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy(requesterName));
        for (ChatClient side : List.of(target, requester)) {
            side.await(org.honchat.protocol.clientbound.BuddyPackets.BuddyApproveResponse.class);
            side.await(org.honchat.protocol.clientbound.UpdateStatus.class);
        }
    }

    long id(String name) {
        return server.database().accounts().findByName(name).orElseThrow().id();
    }

    @Override
    public void close() throws Exception {
        for (ChatClient client : clients) {
            client.close();
        }
        server.close();
    }
}
