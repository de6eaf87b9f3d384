package org.honchat.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.MatchmakingPackets.AutoMatchConnect;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.MatchFound;
import org.honchat.protocol.clientbound.MatchmakingPackets.ServerNotIdle;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.clientbound.SessionPackets.Ping;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.GroupRequests.GroupReady;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.QueueRequests.LoadingStatus;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;

/**
 * A small interactive chat client for trying a server by hand: logs in through the login service, connects to the
 * chat port as the 4.10 game client would, and turns typed lines into commands. Lines: {@code /join CHANNEL},
 * {@code /leave CHANNEL}, {@code /w NAME TEXT}, {@code /im NAME TEXT}, {@code /queue [MAP]} (a solo group that
 * readies, loads and queues, as the 4.10 UI does; PROTOCOL.md §9.1), {@code /unqueue}, {@code /quit}; anything else
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
        ChatLogin session = ChatLogin.login(new LoginClient(host, httpPort), login, password);
        try (ChatClient chat = ChatClient.connect(session.chatHost(), session.chatPort())) {
            chat.selfAccountId(session.accountId());
            chat.send(session.gameClientConnect(ChatMode.AVAILABLE, ""));
            Map<Long, String> names = new HashMap<>();
            Map<Long, String> channels = new HashMap<>();
            long[] current = {-1};
            Thread printer = new Thread(() -> print(chat, out, names, channels, current), "printer");
            printer.setDaemon(true);
            printer.start();
            chat.send(new JoinChannel(options.getOrDefault("channel", "HoN")));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("/quit")) {
                if (line.startsWith("/join ")) {
                    chat.send(new JoinChannel(line.substring(6)));
                } else if (line.startsWith("/leave ")) {
                    chat.send(new LeaveChannel(line.substring(7)));
                } else if (line.startsWith("/w ") && line.indexOf(' ', 3) > 0) {
                    int space = line.indexOf(' ', 3);
                    chat.send(new SendWhisper(line.substring(3, space), line.substring(space + 1)));
                } else if (line.startsWith("/im ") && line.indexOf(' ', 4) > 0) {
                    int space = line.indexOf(' ', 4);
                    chat.send(new SendIm(line.substring(4, space), line.substring(space + 1), 1));
                } else if (line.equals("/queue") || line.startsWith("/queue ")) {
                    String map = line.length() > 7 ? line.substring(7).strip() : "midwars";
                    chat.send(new GroupCreate("4.10.1.0", 1, "midwars".equals(map) ? 3 : 1, map,
                            options.getOrDefault("modes", "hb|sd|ap"), options.getOrDefault("regions", "EU|USE"),
                            false, 0, 1, true));
                    chat.send(new GroupReady(1, 0));
                } else if (line.equals("/unqueue")) {
                    chat.send(GroupLeave.INSTANCE);
                } else if (!line.isBlank() && current[0] >= 0) {
                    chat.send(new SendChannelMessage(line, current[0]));
                }
            }
        }
    }

    private static void print(ChatClient chat, PrintStream out, Map<Long, String> names, Map<Long, String> channels,
            long[] current) {
        try {
            while (true) {
                ClientboundPacket packet = chat.next(Duration.ofDays(1));
                if (packet == null) {
                    out.println("* disconnected");
                    System.exit(0);
                }
                if (packet instanceof ChangedChannel c) {
                    channels.put(c.channelId(), c.name());
                    c.members().forEach(m -> names.put(m.accountId(), m.displayName()));
                    current[0] = c.channelId();
                    out.println("* joined " + c.name() + " (" + (c.members().size() + 1) + " members) " + c.topic());
                } else if (packet instanceof JoinedChannel j) {
                    names.put(j.member().accountId(), j.member().displayName());
                    out.println("* " + j.member().displayName() + " joined " + channels.get(j.channelId()));
                } else if (packet instanceof LeftChannel l) {
                    out.println("* " + names.getOrDefault(l.accountId(), "#" + l.accountId()) + " left "
                            + channels.get(l.channelId()));
                } else if (packet instanceof ChannelMessage m) {
                    out.println("[" + channels.get(m.channelId()) + "] "
                            + names.getOrDefault(m.senderId(), "#" + m.senderId()) + ": " + m.message());
                } else if (packet instanceof Whisper w) {
                    out.println("<" + w.senderName() + " whispers> " + w.message());
                } else if (packet instanceof WhisperFailed f) {
                    out.println("* " + f.targetName() + " is not online");
                } else if (packet instanceof InstantMessage im) {
                    String who = im.card() != null ? im.card().displayName() : im.senderName();
                    out.println((im.type() == InstantMessage.ECHO_WITH_RECIPIENT_CARD ? "(to " + who + ") "
                            : "(IM from " + who + ") ") + im.message());
                } else if (packet instanceof MessageAll all) {
                    out.println("!! " + all.sender() + ": " + all.message());
                } else if (packet instanceof AuthRejected rejected) {
                    out.println("* rejected: " + rejected.reason());
                } else if (packet instanceof StartLoading) {
                    out.println("* loading the map");
                    chat.send(new LoadingStatus(100));
                } else if (packet instanceof JoinedQueue) {
                    out.println("* in the queue");
                } else if (packet instanceof MatchFound found) {
                    out.println("* match found: " + found.map() + ", " + found.mode() + ", " + found.region());
                } else if (packet instanceof AutoMatchConnect connect) {
                    out.println("* " + (connect.isReminder() ? "reminder: " : "") + "connect to match "
                            + connect.matchId() + " at " + connect.address() + ":" + connect.port());
                } else if (packet instanceof ServerNotIdle) {
                    out.println("* the match server could not take the match; queue again");
                } else if (packet instanceof GroupJoinFailed failed) {
                    out.println("* matchmaking refused (reason " + failed.reason() + ")");
                } else if (packet instanceof GroupQueueUpdate update && update.updateType() != 11) {
                    out.println("* queue update " + update.updateType());
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
