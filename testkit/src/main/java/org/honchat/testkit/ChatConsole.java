package org.honchat.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.clientbound.SessionPackets.Ping;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;

/**
 * A small interactive chat client for trying a server by hand: logs in through the login service, connects to the
 * chat port as the 4.10 game client would, and turns typed lines into commands. Lines: {@code /join CHANNEL},
 * {@code /leave CHANNEL}, {@code /w NAME TEXT}, {@code /im NAME TEXT}, {@code /queue [MAP]} (a solo group that
 * readies, loads and queues, as the 4.10 UI does; docs/protocol.md §9.1), {@code /unqueue}, {@code /quit}; anything else
 * is said in the last joined channel.
 */
public final class ChatConsole {

    private ChatConsole() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String host = options.getOrDefault("host", "127.0.0.1");
        int httpPort = Integer.parseInt(options.getOrDefault("http-port", "8080"));
        String login = options.get("login");
        String password = options.get("password");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (login == null || password == null) {
            out.println("usage: honchat-client --login NAME --password PW [--host H] [--http-port P] [--channel C]");
            System.exit(2);
        }
        ChatLogin session;
        try {
            session = ChatLogin.login(new LoginClient(host, httpPort), login, password);
        } catch (IOException e) {
            // one line, not a stack trace: a wrong password or an unreachable login service
            out.println("honchat-client: cannot log in as " + login + " at " + host + ":" + httpPort + ": "
                    + (e.getMessage() != null && e.getMessage().contains("failed") ? "wrong name or password"
                            : e.getMessage()));
            System.exit(2);
            return;
        }
        ConsoleView view = new ConsoleView(session.accountId(), session.nickname());
        try (ChatClient chat = ChatClient.connect(session.chatHost(), session.chatPort())) {
            chat.selfAccountId(session.accountId());
            chat.send(session.gameClientConnect(ChatMode.AVAILABLE, ""));
            Thread printer = new Thread(() -> print(chat, out, view), "printer");
            printer.setDaemon(true);
            printer.start();
            chat.send(new JoinChannel(options.getOrDefault("channel", "HoN")));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("/quit")) {
                if (line.equals("/queue") || line.startsWith("/queue ")) {
                    String map = line.length() > 7 ? line.substring(7).strip() : "midwars";
                    chat.send(new GroupCreate("4.10.1.0", 1, "midwars".equals(map) ? 3 : 1, map,
                            options.getOrDefault("modes", "hb|sd|ap"), options.getOrDefault("regions", "EU|USE"),
                            false, 0, 1, true));
                    chat.send(new GroupReady(1, 0));
                } else if (line.equals("/unqueue")) {
                    chat.send(GroupLeave.INSTANCE);
                } else {
                    ConsoleView.Typed typed = view.typed(line);
                    if (typed.send() != null) {
                        chat.send(typed.send());
                    }
                    if (typed.show() != null) {
                        out.println(typed.show());
                    }
                }
            }
        }
    }

    private static void print(ChatClient chat, PrintStream out, ConsoleView view) {
        try {
            while (true) {
                ClientboundPacket packet = chat.next(Duration.ofDays(1));
                if (packet == null) {
                    out.println("* disconnected");
                    System.exit(0);
                }
                String shown = view.received(packet);
                if (shown != null) {
                    out.println(shown);
                }
                if (packet instanceof StartLoading) {
                    chat.send(new LoadingStatus(100));
                } else if (packet instanceof Ping) {
                    chat.send(PongReply.INSTANCE);
                }
            }
        } catch (Exception e) {
            out.println("* " + e.getMessage());
            System.exit(1);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
