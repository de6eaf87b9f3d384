package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.SessionPackets.Flooding;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.Bytes;
import org.honchat.server.TestDatabases;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Abuse over real sockets: flood control (§4.9), connection limits, slow consumers, junk before login. */
class HardeningIT {

    @TempDir
    Path dir;

    @Test
    void floodedCommandsAreDroppedThenTheSessionIsClosed() throws Exception {
        // the defaults of §4.9 (threshold 5, disconnect above 20), with the notice on
        try (ChatHarness h = new ChatHarness(TestDatabases.loopback(dir, "chat.flood.notice", "true"))) {
            ChatClient spammer = h.game("Spammer");
            ChatClient boss = h.game("Boss", AccountType.STAFF, ChatMode.AVAILABLE);
            for (int i = 1; i <= 8; i++) {
                spammer.send(new SendWhisper("Nobody", "w" + i));
            }
            // five are answered; the sixth is the first dropped (one 0x1B); the rest are dropped silently
            for (int i = 1; i <= 5; i++) {
                assertThat(spammer.expect(WhisperFailed.class).message()).isEqualTo("w" + i);
            }
            spammer.expect(Flooding.class);
            spammer.expectNothing(Duration.ofMillis(300));
            // past 20 counted commands the session is closed
            for (int i = 0; i < 15; i++) {
                spammer.send(new SendWhisper("Nobody", "x"));
            }
            assertThat(spammer.awaitClose(Duration.ofSeconds(5))).isTrue();
            // staff are exempt
            for (int i = 0; i < 30; i++) {
                boss.send(new SendWhisper("Nobody", "s" + i));
            }
            for (int i = 0; i < 30; i++) {
                boss.expect(WhisperFailed.class);
            }
            assertThat(h.server.metrics().scrape()).contains("honchat_sessions_closed_total{reason=\"flood\"} 1.0");
        }
    }

    @Test
    void theCounterDecays() throws Exception {
        try (ChatHarness h = new ChatHarness(TestDatabases.loopback(dir, "chat.flood.decayMillis", "200"))) {
            ChatClient patient = h.game("Patient");
            // one counted command every 250 ms never reaches the threshold
            for (int i = 0; i < 12; i++) {
                patient.send(new SendWhisper("Nobody", "p" + i));
                assertThat(patient.expect(WhisperFailed.class).message()).isEqualTo("p" + i);
                Thread.sleep(250);
            }
        }
    }

    @Test
    void connectionsPerAddressAndInAllAreLimited() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir, "limits.maxConnectionsPerAddress", "3",
                "limits.maxConnections", "5"))) {
            // four from 127.0.0.1: one of them is closed at once (connections are admitted on several event loops,
            // so which one is not fixed)
            List<Socket> open = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                open.add(connect(h, "127.0.0.1"));
            }
            Socket refused = null;
            for (Socket s : open) {
                if (closedByServer(s, 500)) {
                    assertThat(refused).as("only one refused").isNull();
                    refused = s;
                }
            }
            assertThat(refused).isNotNull();
            open.remove(refused);
            // other addresses still get in, up to the total of 5
            open.add(connect(h, "127.0.0.2"));
            open.add(connect(h, "127.0.0.3"));
            Thread.sleep(300);
            assertThat(closedByServer(connect(h, "127.0.0.4"))).isTrue();
            for (Socket s : open) {
                assertThat(closedByServer(s, 300)).isFalse();
            }
            // freed places are given again
            open.remove(0).close();
            Thread.sleep(300);
            Socket again = connect(h, "127.0.0.1");
            assertThat(closedByServer(again, 300)).isFalse();
            assertThat(h.server.metrics().scrape())
                    .contains("honchat_connections_refused_total{reason=\"per_address_limit\"} 1.0")
                    .contains("honchat_connections_refused_total{reason=\"connection_limit\"} 1.0");
            for (Socket s : open) {
                s.close();
            }
            again.close();
        }
    }

    @Test
    void acceptStormsAreLimited() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir, "limits.acceptsPerSecond", "5"))) {
            int refused = 0;
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Socket s = connect(h, "127.0.0." + (10 + i));
                sockets.add(s);
            }
            for (Socket s : sockets) {
                if (closedByServer(s, 200)) {
                    refused++;
                }
                s.close();
            }
            assertThat(refused).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedAndOthersAreServed() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir, "limits.maxPendingOutputBytes", "65536"))) {
            ChatClient talker = h.game("Talker");
            talker.send(new JoinChannel("Busy"));
            talker.expect(ChangedChannel.class);
            ChatClient reader = h.game("Reader");
            reader.send(new JoinChannel("Busy"));
            reader.expect(ChangedChannel.class);
            talker.expect(JoinedChannel.class);
            ChatClient sleeper = h.game("Sleeper");
            sleeper.send(new JoinChannel("Busy"));
            sleeper.expect(ChangedChannel.class);
            talker.expect(JoinedChannel.class);
            reader.expect(JoinedChannel.class);
            sleeper.pauseReading();
            String text = "x".repeat(240);
            int sent = 0;
            int received = 0;
            boolean sleeperGone = false;
            // the reader gets every message, and at some point the sleeper's departure (0x06) between them
            while (!sleeperGone && sent < 40_000) {
                talker.send(new SendChannelMessage(text, 2));
                sent++;
                while (received < sent && !sleeperGone) {
                    ClientboundPacket next = reader.next(Duration.ofSeconds(5));
                    if (next instanceof LeftChannel) {
                        assertThat(((LeftChannel) next).accountId()).isEqualTo(h.id("Sleeper"));
                        sleeperGone = true;
                    } else {
                        assertThat(next).isInstanceOf(ChannelMessage.class);
                        assertThat(((ChannelMessage) next).message()).isEqualTo(text);
                        received++;
                    }
                }
            }
            assertThat(sent).as("messages until the sleeper was cut off").isLessThan(40_000);
            while (received < sent) { // the 0x0C of the sleeper's disconnect may come between them
                assertThat(reader.await(ChannelMessage.class).message()).isEqualTo(text);
                received++;
            }
            assertThat(h.server.metrics().scrape())
                    .contains("honchat_sessions_closed_total{reason=\"slow_consumer\"} 1.0");
            // the others go on as before
            talker.send(new SendChannelMessage("still here", 2));
            assertThat(reader.await(ChannelMessage.class).message()).isEqualTo("still here");
        }
    }

    @Test
    void junkBeforeLoginKeepsMemoryBoundedAndServesEveryoneElse() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir, "limits.maxConnectionsPerAddress", "5000",
                "limits.acceptsPerSecond", "100000"))) {
            long before = usedHeapAfterGc();
            List<Socket> junk = new ArrayList<>();
            byte[] hugeLength = Bytes.ofHex("00 04 00 0C").toArray(); // 1024 declared, then never finished
            byte[] tooLarge = Bytes.ofHex("FF FF 00 0C").toArray(); // 65535 declared: closed at once
            for (int i = 0; i < 2000; i++) {
                Socket s = connect(h, "127.0.1." + (1 + i % 250));
                OutputStream out = s.getOutputStream();
                out.write(i % 2 == 0 ? hugeLength : tooLarge);
                out.write(new byte[500]); // half a frame that never completes
                out.flush();
                junk.add(s);
            }
            long during = usedHeapAfterGc();
            // a legitimate client is served while the junk connections hang on
            ChatClient alice = h.game("Alice");
            alice.send(new SendWhisper("Nobody", "hello"));
            assertThat(alice.expect(WhisperFailed.class).message()).isEqualTo("hello");
            // 2000 stalled connections hold at most one small frame each: well under 64 MiB of heap in all
            assertThat(during - before).as("heap growth in bytes").isLessThan(64L << 20);
            for (Socket s : junk) {
                s.close();
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Socket connect(ChatHarness h, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", h.server.chatPort()), 5000);
        return socket;
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        return closedByServer(socket, 2000);
    }

    private static boolean closedByServer(Socket socket, int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
