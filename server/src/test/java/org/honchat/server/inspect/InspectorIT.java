package org.honchat.server.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.honchat.protocol.Packet;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.server.store.Credentials;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.honchat.testkit.login.LoginClient;
import org.honchat.testkit.servers.FakeManager;
import org.honchat.testkit.servers.FakeMatchServer;
import org.honchat.testkit.servers.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol inspector between real clients and honchat (docs/inspector.md): the login reply is rewritten so the
 * chat connection comes through it, every command of a scripted session decodes with no flag, the match-server link
 * decodes too, a capture read back gives the same lines; and every byte is forwarded unchanged both ways, also the
 * frames it flags.
 */
class InspectorIT {

    @TempDir
    Path dir;

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Test
    void aSessionThroughTheInspectorDecodesWithNoFlagAndReadsBackTheSame() throws Exception {
        StringWriter live = new StringWriter();
        Path capture = dir.resolve("session.cap");
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir.resolve("data"),
                "matchmaking.brokerIntervalSeconds", "1"))) {
            for (String name : new String[] {"Alice", "Bob"}) {
                server.database().accounts().create(name, AccountType.REGULAR,
                        Credentials.forPassword("pw", new SecureRandom()), Instant.now());
            }
            server.database().accounts().create("gamehost", AccountType.SERVER,
                    Credentials.forPassword("pw-gamehost", new SecureRandom()), Instant.now());
            Inspector chat = Inspector.start(new Inspector.Options("chat", loopback(0), null, loopback(0),
                    "http://127.0.0.1:" + server.httpPort(), "127.0.0.1", false, capture), new PrintWriter(live, true));
            StringWriter linkOut = new StringWriter();
            Inspector match = Inspector.start(new Inspector.Options("match", loopback(0),
                    loopback(server.matchServerPort()), null, null, null, false, null), new PrintWriter(linkOut, true));
            StringWriter managerOut = new StringWriter();
            Inspector manager = Inspector.start(new Inspector.Options("manager", loopback(0),
                    loopback(server.managerPort()), null, null, null, true, null), new PrintWriter(managerOut, true));
            try {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(capture))).isEqualTo("rw-------");
                LoginClient viaInspector = new LoginClient("127.0.0.1", chat.httpPort());
                ChatLogin alice = ChatLogin.login(viaInspector, "Alice", "pw");
                // the login reply names the inspector's chat listener, so the chat connection comes through it
                assertThat(alice.chatHost()).isEqualTo("127.0.0.1");
                assertThat(alice.chatPort()).isEqualTo(chat.port());
                ChatLogin bob = ChatLogin.login(viaInspector, "Bob", "pw");
                try (ChatClient a = ChatClient.gameClient(alice.chatHost(), alice.chatPort(), alice);
                        ChatClient b = ChatClient.connect(bob.chatHost(), bob.chatPort())) {
                    b.selfAccountId(bob.accountId());
                    b.send(bob.legacyConnect());
                    b.await(PlayerCount.class);
                    a.send(new JoinChannel("Fans"));
                    a.await(ChangedChannel.class);
                    b.send(new JoinChannel("Fans"));
                    ChangedChannel fans = b.await(ChangedChannel.class);
                    a.await(JoinedChannel.class);
                    a.send(new SendChannelMessage("hello through the inspector", fans.channelId()));
                    assertThat(b.await(ChannelMessage.class).message()).isEqualTo("hello through the inspector");
                    b.send(new SendWhisper("Alice", "psst"));
                    assertThat(a.await(Whisper.class).message()).isEqualTo("psst");
                    a.send(new RequestBuddyAdd("Bob"));
                    assertThat(b.await(BuddyAddResponse.class).type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
                    a.send(new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false, 0, 1, true));
                    assertThat(a.await(GroupUpdate.class)).isNotNull();
                    a.send(GroupLeave.INSTANCE);
                    // a match server registers through the login-service proxy and links through the match one
                    Registration r = Registration.newSession(viaInspector, "gamehost:1", "pw-gamehost",
                            "198.51.100.20", 11235, "eu 1", "EU");
                    try (FakeMatchServer ms = FakeMatchServer.connect("127.0.0.1", match.port(), r.id(), r.cookie(),
                            "EU", "10.0.0.1", 11236)) {
                        ms.expectAccepted();
                        ms.idle();
                        Thread.sleep(300);
                    }
                    // and a server manager through the manager one, its lines as JSON
                    Registration m = Registration.replayAuth(viaInspector, "gamehost:", "pw-gamehost");
                    try (FakeManager fm = FakeManager.connect("127.0.0.1", manager.port(), m.id(), m.cookie(), 70)) {
                        fm.expectAccepted();
                    }
                }
                Thread.sleep(300);
            } finally {
                chat.close();
                match.close();
                manager.close();
            }
            assertThat(chat.flagged()).as(live.toString()).isZero();
            assertThat(match.flagged()).as(linkOut.toString()).isZero();
            assertThat(linkOut.toString()).contains("C>S #1 0x0500", "S>C #1 0x1500", "S>C #1 0x1505", "C>S #1 0x0502");
            assertThat(manager.flagged()).as(managerOut.toString()).isZero();
            assertThat(managerOut.toString()).contains("\"direction\":\"C>S\"", "\"id\":\"0x1600\"",
                    "\"id\":\"0x1700\"", "\"id\":\"0x1703\"", "\"flags\":[]");
        }
        String output = live.toString();
        assertThat(output).contains("login reply rewritten: chat_url/chat_port 127.0.0.1:",
                "HTTP C>S POST /client_requester.php?f=auth", "password=(hidden)",
                "C>S #1 0x0C00 NET_CHAT_CL_CONNECT", "S>C #1 0x1C00", "0x0003 CHAT_CMD_CHANNEL_MSG",
                "hello through the inspector", "0x0008 CHAT_CMD_WHISPER", "0x000D", "0x00B2", "0x0C0A", "0x0D03",
                "-- summary --", "flagged: 0",
                "#1: protocol 68, client 4.10.1.0", "#2: protocol 68, client LEGACY tail",
                "HTTP C>S POST /server_requester.php?f=new_session");
        assertThat(output).doesNotContain("!!");

        // the capture decodes to the same lines, summary included
        StringWriter again = new StringWriter();
        long flagged = Inspector.read(capture, InspectorSession.Filter.ALL, false, new PrintWriter(again, true));
        assertThat(flagged).isZero();
        assertThat(again.toString().lines().toList()).isEqualTo(output.lines().toList());
        // filters: only channel messages, as JSON
        StringWriter only = new StringWriter();
        Inspector.read(capture, new InspectorSession.Filter(Set.of(0x03), -1, false), true, new PrintWriter(only, true));
        List<String> jsonLines = only.toString().lines().takeWhile(l -> !l.startsWith("-- summary")).toList();
        assertThat(jsonLines).hasSize(2) // Alice's message up, and down to Bob
                .allMatch(l -> l.startsWith("{\"time\":") && l.contains("\"id\":\"0x0003\""));
        // one connection only (Bob's, the LEGACY one), and only flagged frames (none)
        StringWriter bobOnly = new StringWriter();
        Inspector.read(capture, new InspectorSession.Filter(Set.of(), 2, false), false, new PrintWriter(bobOnly, true));
        assertThat(bobOnly.toString().lines().takeWhile(l -> !l.startsWith("-- summary")))
                .isNotEmpty().allMatch(l -> l.contains(" #2 "));
        StringWriter flaggedOnly = new StringWriter();
        Inspector.read(capture, new InspectorSession.Filter(Set.of(), -1, true), false,
                new PrintWriter(flaggedOnly, true));
        assertThat(flaggedOnly.toString()).startsWith("-- summary --");
    }

    @Test
    void everyByteIsForwardedUnchangedBothWaysAndBadFramesAreFlaggedWithTheirBytes() throws Exception {
        byte[] connect = frame(new ClientConnect(1000, "cookie", "127.0.0.1", "hash", 68,
                ClientConnect.LegacyTail.BOTS));
        byte[] unknownUp = HexFormat.of().parseHex("02003412");
        byte[] shortWhisper = HexFormat.of().parseHex("0300080041"); // 0x08 with an unterminated name
        byte[] upstream = concat(connect, unknownUp, shortWhisper);
        byte[] accept = HexFormat.of().parseHex("0200001C");
        byte[] unknownDown = HexFormat.of().parseHex("03000F0000");       // 0x000F: no server-to-client command
        byte[] downstream = concat(accept, unknownDown);
        try (ServerSocket sink = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream sinkGot = new ByteArrayOutputStream();
            Thread sinkThread = new Thread(() -> {
                try (Socket s = sink.accept()) {
                    s.getOutputStream().write(downstream);
                    s.getOutputStream().flush();
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[4096];
                    while (sinkGot.size() < upstream.length) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            break;
                        }
                        sinkGot.write(buffer, 0, n);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sinkThread.start();
            StringWriter out = new StringWriter();
            Inspector inspector = Inspector.start(new Inspector.Options("chat", loopback(0),
                    loopback(sink.getLocalPort()), null, null, null, false, null), new PrintWriter(out, true));
            ByteArrayOutputStream clientGot = new ByteArrayOutputStream();
            try (Socket client = new Socket("127.0.0.1", inspector.port())) {
                OutputStream up = client.getOutputStream();
                // one byte at a time at first: frames are rebuilt whatever the segments
                for (int i = 0; i < 3; i++) {
                    up.write(upstream[i]);
                    up.flush();
                    Thread.sleep(20);
                }
                up.write(upstream, 3, upstream.length - 3);
                up.flush();
                client.setSoTimeout(5000);
                InputStream in = client.getInputStream();
                while (clientGot.size() < downstream.length) {
                    clientGot.write(in.read());
                }
                sinkThread.join(5000);
            } finally {
                Thread.sleep(200);
                inspector.close();
            }
            assertThat(sinkGot.toByteArray()).as("what the server received").isEqualTo(upstream);
            assertThat(clientGot.toByteArray()).as("what the client received").isEqualTo(downstream);
            String text = out.toString();
            assertThat(inspector.flagged()).as(text).isEqualTo(3);
            assertThat(text).contains("C>S #1 0x1234 unknown", "!! ", "[02 00 34 12]", "[03 00 08 00 41]",
                    "S>C #1 0x000F unknown", "[03 00 0F 00 00]");
        }
    }

    private static byte[] frame(Packet packet) {
        ByteBuf frame = FrameEncoder.encode(ByteBufAllocator.DEFAULT, packet);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes).release();
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
