package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelInfoSub;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistEnd;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistStart;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateComplete;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelSublist;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.serverbound.SessionRequests.PongReply;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.struct.BuddyCard;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.struct.ShortCard;
import org.honchat.protocol.struct.StatusEntry;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md §7, byte for byte: every example encodes to exactly its bytes and decodes back to its record. The hex
 * is kept here so the test runs without the spec; {@link #theVectorsHereAreTheSpecsVectors} checks it against
 * §7 of the spec file when the spec is beside the checkout (as in CI).
 */
class SpecExamplesTest {

    static final String ICON = "Default Icon";
    static final PeerStatusTail CAROLS_GAME = new PeerStatusTail("198.51.100.20:11235", "Carol's game", 123456);

    /** Example number -> wire bytes, as printed in §7. */
    static final Map<String, String> HEX = new LinkedHashMap<>();

    static {
        HEX.put("7.1", "02 00 01 2A");
        HEX.put("7.2", "67 00 00 0C E8 03 00 00 35 65 33 66 31 61 32 62 39 63 34 64 00 32 30 33 2E 30 2E 31 31 33 2E"
                + " 37 00 63 33 65 36 63 34 31 33 64 66 63 64 33 35 66 61 63 31 33 31 35 38 30 62 38 39 65 66 30 37"
                + " 63 65 61 65 34 62 35 31 34 61 00 44 00 00 00 01 0A 00 00 77 61 63 00 78 38 36 5F 36 34 00 04 0A"
                + " 01 00 00 00 65 6E 00 65 6E 00");
        HEX.put("7.3", "61 00 00 0C E8 03 00 00 35 65 33 66 31 61 32 62 39 63 34 64 00 32 30 33 2E 30 2E 31 31 33 2E"
                + " 37 00 63 33 65 36 63 34 31 33 64 66 63 64 33 35 66 61 63 31 33 31 35 38 30 62 38 39 65 66 30 37"
                + " 63 65 61 65 34 62 35 31 34 61 00 44 00 00 00 83 03 00 00 00 05 00 00 00 04 00 00 00 6C 61 63 00"
                + " 00 00 00 00");
        HEX.put("7.4", "02 00 00 1C");
        HEX.put("7.5", "03 00 01 1C 02");
        HEX.put("7.6", "07 00 1E 00 46 61 6E 73 00");
        HEX.put("7.7", "71 00 04 00 46 61 6E 73 00 07 00 00 00 00 57 65 6C 63 6F 6D 65 00 01 00 00 00 E9 03 00 00 03"
                + " 02 00 00 00 5B 4B 4F 4E 5D 42 6F 62 00 E9 03 00 00 03 02 00 77 68 69 74 65 00 44 65 66 61 75 6C"
                + " 74 20 49 63 6F 6E 00 00 00 00 00 43 61 72 6F 6C 00 EA 03 00 00 05 40 00 67 6F 6C 64 73 68 69 65"
                + " 6C 64 00 44 65 66 61 75 6C 74 20 49 63 6F 6E 00 0C 00 00 00");
        HEX.put("7.8", "2A 00 05 00 07 00 00 00 41 6C 69 63 65 00 E8 03 00 00 03 00 00 77 68 69 74 65 00 44 65 66 61"
                + " 75 6C 74 20 49 63 6F 6E 00 00 00 00 00");
        HEX.put("7.9a", "0D 00 03 00 68 69 20 61 6C 6C 00 07 00 00 00");
        HEX.put("7.9b", "11 00 03 00 E8 03 00 00 07 00 00 00 68 69 20 61 6C 6C 00");
        HEX.put("7.10a", "0B 00 08 00 42 6F 62 00 70 73 73 74 00");
        HEX.put("7.10b", "0D 00 08 00 41 6C 69 63 65 00 70 73 73 74 00");
        HEX.put("7.11a", "0D 00 1C 00 00 41 6C 69 63 65 00 68 65 79 00");
        HEX.put("7.11b", "2A 00 1C 00 01 41 6C 69 63 65 00 E8 03 00 00 03 00 77 68 69 74 65 00 44 65 66 61 75 6C 74"
                + " 20 49 63 6F 6E 00 00 00 00 00 68 65 79 00");
        HEX.put("7.12", "6A 00 0B 00 02 00 00 00 E9 03 00 00 03 02 77 68 69 74 65 00 44 65 66 61 75 6C 74 20 49 63 6F"
                + " 6E 00 00 00 00 00 EA 03 00 00 05 40 67 6F 6C 64 73 68 69 65 6C 64 00 44 65 66 61 75 6C 74 20 49"
                + " 63 6F 6E 00 31 39 38 2E 35 31 2E 31 30 30 2E 32 30 3A 31 31 32 33 35 00 43 61 72 6F 6C 27 73 20"
                + " 67 61 6D 65 00 40 E2 01 00 0C 00 00 00");
        HEX.put("7.13", "50 00 0C 00 EA 03 00 00 05 40 00 00 00 00 00 00 67 6F 6C 64 73 68 69 65 6C 64 00 44 65 66 61"
                + " 75 6C 74 20 49 63 6F 6E 00 31 39 38 2E 35 31 2E 31 30 30 2E 32 30 3A 31 31 32 33 35 00 43 61 72"
                + " 6F 6C 27 73 20 67 61 6D 65 00 40 E2 01 00 00 0C 00 00 00");
        HEX.put("7.14", "07 00 68 00 D2 04 00 00 00");
        HEX.put("7.15", "39 00 B2 00 01 2A 00 00 00 5B 4B 4F 4E 5D 42 6F 62 00 E9 03 00 00 03 02 11 00 00 00 4B 6F 6E"
                + " 67 6F 72 00 00 77 68 69 74 65 00 44 65 66 61 75 6C 74 20 49 63 6F 6E 00 00 00 00 00");
        HEX.put("7.16", "17 00 54 00 4E 00 E8 03 00 00 11 00 00 00 4B 6F 6E 67 6F 72 00 4B 4F 4E 00");
        HEX.put("7.17", "09 00 C0 00 00 00 00 00 00 00 00");
        HEX.put("7.18a", "08 00 03 0C 03 6B 6F 6E 67 00");
        HEX.put("7.18b", "08 00 04 1C 03 6B 6F 6E 67 00");
        HEX.put("7.18c", "18 00 05 1C 03 09 00 00 00 4B 6F 6E 67 6F 72 20 46 61 6E 73 00 0C 00 07 1C 03");
    }

    static final String AUTH_HASH = "c3e6c413dfcd35fac131580b89ef07ceae4b514a";

    @Test
    void example71Pong() throws Exception {
        assertServerbound("7.1", PongReply.INSTANCE);
    }

    @Test
    void example72GameClientConnect() throws Exception {
        ClientConnect connect = new ClientConnect(1000, "5e3f1a2b9c4d", "203.0.113.7", AUTH_HASH, 68,
                new ClientConnect.GameClientInfo(1, 10, 0, 0, "wac", "x86_64", 4, 10, 1, 0, 0, 0, "en", "en"));
        assertServerbound("7.2", connect);
        assertThat(connect.isGameClient()).isTrue();
        assertThat(((ClientConnect.GameClientInfo) connect.tail()).version()).isEqualTo("4.10.1.0");
    }

    @Test
    void example73LegacyConnect() throws Exception {
        ClientConnect connect = new ClientConnect(1000, "5e3f1a2b9c4d", "203.0.113.7", AUTH_HASH, 68,
                ClientConnect.LegacyTail.BOTS);
        assertServerbound("7.3", connect);
        assertThat(connect.isGameClient()).isFalse();
    }

    @Test
    void example74Accept() {
        assertClientbound("7.4", AuthAccepted.INSTANCE);
    }

    @Test
    void example75Reject() {
        assertClientbound("7.5", new AuthRejected(RejectReason.AUTH_FAILED));
    }

    @Test
    void example76JoinChannel() throws Exception {
        assertServerbound("7.6", new JoinChannel("Fans"));
    }

    @Test
    void example77ChangedChannel() {
        assertClientbound("7.7", new ChangedChannel("Fans", 7, ChannelFlags.NONE, "Welcome",
                List.of(new AdminEntry(1001, AdminLevel.ADMINISTRATOR)),
                List.of(new MemberRecord("[KON]Bob", 1001, ChatStatus.CONNECTED, ClientFlags.of(0x02), "", "white",
                                ICON, 0),
                        new MemberRecord("Carol", 1002, ChatStatus.IN_GAME, ClientFlags.of(0x40), "", "goldshield",
                                ICON, 12))));
    }

    @Test
    void example78JoinedChannel() {
        assertClientbound("7.8", new JoinedChannel(7,
                new MemberRecord("Alice", 1000, ChatStatus.CONNECTED, ClientFlags.NONE, "", "white", ICON, 0)));
    }

    @Test
    void example79ChannelMessageBothWays() throws Exception {
        assertServerbound("7.9a", new SendChannelMessage("hi all", 7));
        assertClientbound("7.9b", new ChannelMessage(1000, 7, "hi all"));
    }

    @Test
    void example710WhisperBothWays() throws Exception {
        assertServerbound("7.10a", new SendWhisper("Bob", "psst"));
        assertClientbound("7.10b", new Whisper("Alice", "psst"));
    }

    @Test
    void example711InstantMessages() {
        assertClientbound("7.11a", InstantMessage.plain("Alice", "hey"));
        assertClientbound("7.11b", InstantMessage.fromSender(
                new ShortCard("Alice", 1000, ChatStatus.CONNECTED, ClientFlags.NONE, "white", ICON, 0), "hey"));
    }

    @Test
    void example712InitialStatus() {
        assertClientbound("7.12", new InitialStatus(List.of(
                new StatusEntry(1001, ChatStatus.CONNECTED, ClientFlags.of(0x02), "white", ICON, PeerStatusTail.NONE, 0),
                new StatusEntry(1002, ChatStatus.IN_GAME, ClientFlags.of(0x40), "goldshield", ICON, CAROLS_GAME, 12))));
    }

    @Test
    void example713UpdateStatus() {
        assertClientbound("7.13", new UpdateStatus(1002, ChatStatus.IN_GAME, ClientFlags.of(0x40), 0, "", "",
                "goldshield", ICON, CAROLS_GAME, null, 12));
    }

    @Test
    void example714PlayerCount() {
        assertClientbound("7.14", new PlayerCount(1234, ""));
    }

    @Test
    void example715BuddyRequestSent() {
        assertClientbound("7.15", new BuddyAddResponse(BuddyAddResult.REQUEST_SENT, 42, "[KON]Bob",
                new BuddyCard(1001, ChatStatus.CONNECTED, ClientFlags.of(0x02), 17, "Kongor", "", "white", ICON, 0)));
    }

    @Test
    void example716ClanCreatedPairInOneFrame() throws Exception {
        ByteBuf frame = Unpooled.buffer();
        try {
            FrameEncoder.writeCombined(frame, ClanCreateComplete.INSTANCE, NewClanMember.self(1000, 17, "Kongor", "KON"));
            assertThat(hex(frame)).isEqualTo(HEX.get("7.16"));
            ByteBuf body = new FrameDecoder(FrameDecoder.MAX_LENGTH).readFrame(frame);
            try {
                assertThat(Clientbound.decodeFrame(body, DecodeContext.strictClient(1000))).containsExactly(
                        ClanCreateComplete.INSTANCE, NewClanMember.self(1000, 17, "Kongor", "KON"));
            } finally {
                body.release();
            }
        } finally {
            frame.release();
        }
    }

    @Test
    void example717Options() {
        assertClientbound("7.17", new Options(0, 0, 0, 0, 0, 0, ""));
    }

    @Test
    void example718ChannelSublist() throws Exception {
        assertServerbound("7.18a", new GetChannelSublist(3, "kong"));
        assertClientbound("7.18b", new ChannelSublistStart(3, "kong"));
        assertCombined("7.18c", new ChannelInfoSub(3, 9, "Kongor Fans", 12), new ChannelSublistEnd(3));
    }

    /** A multi-command frame of §1.4 rule 2: its bytes, and the commands a strict client reads back from it. */
    static void assertCombined(String example, Map<String, String> vectors, ClientboundPacket... packets) throws Exception {
        ByteBuf frame = Unpooled.buffer();
        try {
            FrameEncoder.writeCombined(frame, packets);
            assertThat(hex(frame)).as("§" + example + " bytes").isEqualTo(vectors.get(example));
            ByteBuf body = new FrameDecoder(FrameDecoder.MAX_LENGTH).readFrame(frame);
            try {
                assertThat(Clientbound.decodeFrame(body, DecodeContext.strictClient(1000))).containsExactly(packets);
            } finally {
                body.release();
            }
        } finally {
            frame.release();
        }
    }

    private static void assertCombined(String example, ClientboundPacket... packets) throws Exception {
        assertCombined(example, HEX, packets);
    }

    @Test
    void theVectorsHereAreTheSpecsVectors() throws IOException {
        Path spec = SpecFile.path();
        assumeThat(spec).as("PROTOCOL.md beside the checkout").isNotNull();
        Map<String, String> fromSpec = examplesOf(Files.readString(spec));
        assertThat(fromSpec).isEqualTo(HEX);
    }

    /** §7 "**7.N title**" headings, each followed by a fenced block whose lines start with hex bytes. */
    static Map<String, String> examplesOf(String spec) {
        String section = spec.substring(spec.indexOf("## 7. Byte-exact examples"), spec.indexOf("## 8. "));
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher heading = Pattern.compile("\\*\\*(7\\.\\d+)[^*]*\\*\\*\\s*```\\n(.*?)```", Pattern.DOTALL)
                .matcher(section);
        while (heading.find()) {
            String number = heading.group(1);
            String block = heading.group(2);
            String key = number;
            // 7.9, 7.10, 7.11 and 7.18 hold lettered examples (7.9a, 7.9b, ...)
            Matcher sub = Pattern.compile("\\*\\*(7\\.\\d+[a-z])").matcher(heading.group(0));
            if (sub.find()) {
                key = sub.group(1);
            }
            examples.put(key, bytesOf(block));
        }
        return examples;
    }

    static String bytesOf(String block) {
        StringBuilder hex = new StringBuilder();
        for (String line : block.split("\\n")) {
            for (String token : line.trim().split("\\s+")) {
                if (!token.matches("[0-9A-F]{2}")) {
                    break;
                }
                hex.append(hex.length() == 0 ? "" : " ").append(token);
            }
        }
        return hex.toString();
    }

    private static void assertClientbound(String example, ClientboundPacket packet) {
        assertClientbound(example, HEX, packet);
    }

    /** One command in its own frame: its bytes, and the record a strict client reads back. */
    static void assertClientbound(String example, Map<String, String> vectors, ClientboundPacket packet) {
        ByteBuf frame = FrameEncoder.encode(Unpooled.buffer().alloc(), packet);
        try {
            assertThat(hex(frame)).as("§" + example + " bytes").isEqualTo(vectors.get(example));
            ByteBuf body = new FrameDecoder(FrameDecoder.MAX_LENGTH).readFrame(frame);
            try {
                assertThat(Clientbound.decodeFrame(body, DecodeContext.STRICT)).containsExactly(packet);
            } finally {
                body.release();
            }
        } catch (ProtocolDecodeException e) {
            throw new AssertionError(e);
        } finally {
            frame.release();
        }
    }

    private static void assertServerbound(String example, ServerboundPacket packet) throws ProtocolDecodeException {
        ByteBuf frame = FrameEncoder.encode(Unpooled.buffer().alloc(), packet);
        try {
            assertThat(hex(frame)).as("§" + example + " bytes").isEqualTo(HEX.get(example));
            ByteBuf body = new FrameDecoder(FrameDecoder.PRE_AUTH_MAX_LENGTH).readFrame(frame);
            try {
                assertThat(Serverbound.REGISTRY.decode(body, DecodeContext.SERVER).packet()).isEqualTo(packet);
            } finally {
                body.release();
            }
        } finally {
            frame.release();
        }
    }

    static String hex(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf).toUpperCase().replaceAll("(..)(?!$)", "$1 ");
    }
}
