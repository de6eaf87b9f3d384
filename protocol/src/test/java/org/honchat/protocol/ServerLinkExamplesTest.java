package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.link.ChatToMatchServer;
import org.honchat.protocol.link.LinkPacket;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.link.MatchServerPackets.Announce;
import org.honchat.protocol.link.ChatToMatchServer.CreateMatch;
import org.honchat.protocol.link.ChatToMatchServer.RosterEntry;
import org.honchat.protocol.link.MatchServerPackets.Status;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketRegistry;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md §9.9.12-9.9.20, the match-server and manager links, byte for byte in both directions: each record
 * encodes to the example, and the example decodes, through the registry of its direction, to the record.
 */
class ServerLinkExamplesTest {

    static final Map<String, String> HEX = new LinkedHashMap<>();

    static {
        HEX.put("9.9.12", "2B 00 00 05 2A 00 00 00 61 31 62 32 63 33 64 34 65 35 66 36 30 37 31 38 32 39 33 61 34 62"
                + " 35 63 36 64 37 65 38 66 39 30 00 44 00 00 00");
        HEX.put("9.9.13", "02 00 00 15");
        HEX.put("9.9.14", "03 00 01 15 02");
        HEX.put("9.9.15", "35 00 05 15 01 03 00 00 00 98 3A 00 00 F4 01 00 00 03 00 00 00 30 75 00 00 10 27 00 00 00"
                + " 00 00 00 0A 00 00 00 E8 03 00 00 00 00 01 00 00 60 EA 00 00 00 00 00 00 01");
        HEX.put("9.9.16", "97 00 02 15 04 07 00 00 00 00 00 00 00 CD AB 34 12 54 4D 4D 20 4D 61 74 63 68 20 23 00 6D"
                + " 6F 64 65 3A 68 62 20 6D 61 70 3A 6D 69 64 77 61 72 73 20 74 65 61 6D 73 69 7A 65 3A 31 20 61 6C"
                + " 6C 68 65 72 6F 65 73 3A 74 72 75 65 20 6E 6F 6C 65 61 76 65 72 3A 74 72 75 65 20 73 70 65 63 74"
                + " 61 74 6F 72 73 3A 32 00 00 00 02 E8 03 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 E9 03 00"
                + " 00 02 00 00 00 00 00 00 00 00 00 00 00 01 00 02 00 00 00 0B 00 00 00 0C 00 00 00");
        HEX.put("9.9.17", "1A 00 03 05 07 00 00 00 CD AB 34 12 02 00 00 00 04 D1 01 00 0B 00 00 00 0C 00 00 00");
        HEX.put("9.9.18", "06 00 06 05 E8 03 00 00");
        HEX.put("9.9.19", "2B 00 00 16 4D 00 00 00 30 66 31 65 32 64 33 63 34 62 35 61 36 39 37 38 38 37 39 36 61 35"
                + " 62 34 63 33 64 32 65 31 66 30 00 46 00 00 00");
        HEX.put("9.9.20", "0B 00 03 17 00 00 00 00 00 00 00 00 00");
    }

    /** The defaults of §9.8 for the 21 fields of 0x1505. */
    static final List<Long> DEFAULT_OPTIONS = List.of(1L, 3L, 15000L, 500L, 3L, 30000L, 10000L, 0L, 0L, 0L, 0L, 10L,
            1000L, 65536L, 0L, 60000L, 0L, 0L, 0L, 0L, 1L);

    @Test
    void matchServerConnectAcceptRejectOptions() {
        assertLink("9.9.12", MatchServerPackets.FROM_MATCH_SERVER,
                new MatchServerPackets.Connect(42, "a1b2c3d4e5f60718293a4b5c6d7e8f90", 68));
        assertLink("9.9.13", MatchServerPackets.TO_MATCH_SERVER, ChatToMatchServer.Accept.INSTANCE);
        assertLink("9.9.14", MatchServerPackets.TO_MATCH_SERVER,
                new ChatToMatchServer.Reject(ChatToMatchServer.Reject.AUTH_FAILED));
        assertLink("9.9.15", MatchServerPackets.TO_MATCH_SERVER, new ChatToMatchServer.Options(DEFAULT_OPTIONS));
    }

    @Test
    void createAnnounceRemind() {
        assertLink("9.9.16", MatchServerPackets.TO_MATCH_SERVER, new CreateMatch(4, 7, 0, 0x1234ABCDL, "TMM Match #",
                "mode:hb map:midwars teamsize:1 allheroes:true noleaver:true spectators:2", 0, 0,
                List.of(RosterEntry.plain(1000, 1, 0, 0), RosterEntry.plain(1001, 2, 0, 1)), List.of(11L, 12L)));
        assertLink("9.9.17", MatchServerPackets.FROM_MATCH_SERVER,
                new Announce(7, 0x1234ABCDL, 2, 119044, List.of(11L, 12L)));
        assertLink("9.9.18", MatchServerPackets.FROM_MATCH_SERVER, new MatchServerPackets.RemindPlayer(1000));
    }

    @Test
    void managerConnectAndOptions() {
        assertLink("9.9.19", ManagerPackets.FROM_MANAGER,
                new ManagerPackets.Connect(77, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", 70));
        assertLink("9.9.20", ManagerPackets.TO_MANAGER, new ManagerPackets.Options(false, false, false, false, false,
                0));
    }

    @Test
    void announceWithoutGroupIdsIsAccepted() throws Exception {
        // §9.5.6: the four u32 are strict, the echoed ids optional (NEXUS sends none)
        LinkPacket read = decode(MatchServerPackets.FROM_MATCH_SERVER,
                "12 00 03 05 07 00 00 00 CD AB 34 12 02 00 00 00 04 D1 01 00");
        assertThat(read).isEqualTo(new Announce(7, 0x1234ABCDL, 2, 119044, List.of()));
    }

    @Test
    void statusNeedsOnlyItsFirstEightFields() throws Exception {
        Status full = new Status(42, "198.51.100.20", 11235, "EU", "eu-1", 0, 0xFFFF_FFFFL, 1, "4.10.1.0", "host-a");
        ByteBuf frame = FrameEncoder.encode(Unpooled.buffer().alloc(), full);
        try {
            assertThat(decode(MatchServerPackets.FROM_MATCH_SERVER, SpecExamplesTest.hex(frame))).isEqualTo(full);
        } finally {
            frame.release();
        }
        // fields 1-8 only (S2's shorter form): the rest is left empty, the status is still used
        String firstEight = "27 00 02 05 2A 00 00 00 31 39 38 2E 35 31 2E 31 30 30 2E 32 30 00 E3 2B 45 55 00 65 75"
                + " 2D 31 00 00 00 00 00 FF FF FF FF 01";
        assertThat(decode(MatchServerPackets.FROM_MATCH_SERVER, firstEight)).isEqualTo(
                new Status(42, "198.51.100.20", 11235, "EU", "eu-1", 0, 0xFFFF_FFFFL, 1, "", ""));
        // fewer than eight fields: malformed (§9.5.4 rule 1: ignored by the server)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decode(MatchServerPackets.FROM_MATCH_SERVER,
                "08 00 02 05 2A 00 00 00 31 00")).isInstanceOf(ProtocolDecodeException.class);
    }

    @Test
    void notIdleReadsTheMatchupIdWhenPresent() throws Exception {
        assertThat(decode(MatchServerPackets.FROM_MATCH_SERVER, "02 00 08 05"))
                .isEqualTo(new MatchServerPackets.NotIdle(MatchServerPackets.NotIdle.NO_ID));
        assertThat(decode(MatchServerPackets.FROM_MATCH_SERVER, "0E 00 08 05 07 00 00 00 CD AB 34 12 00 00 00 00"))
                .isEqualTo(new MatchServerPackets.NotIdle(7));
    }

    @Test
    void telemetryIsSkippedWhateverItsPayload() throws Exception {
        assertThat(decode(MatchServerPackets.FROM_MATCH_SERVER, "05 00 10 05 01 02 03"))
                .isEqualTo(new MatchServerPackets.Telemetry(0x0510));
    }

    @Test
    void theVectorsHereAreTheSpecsVectors() throws IOException {
        Path spec = SpecFile.path();
        assumeThat(spec).as("PROTOCOL.md beside the checkout").isNotNull();
        Map<String, String> fromSpec = MatchmakingExamplesTest.examplesOf(Files.readString(spec));
        for (Map.Entry<String, String> vector : HEX.entrySet()) {
            assertThat(fromSpec.get(vector.getKey())).as("§" + vector.getKey()).isEqualTo(vector.getValue());
        }
    }

    private static void assertLink(String example, PacketRegistry<LinkPacket> registry, LinkPacket packet) {
        ByteBuf frame = FrameEncoder.encode(Unpooled.buffer().alloc(), packet);
        try {
            assertThat(SpecExamplesTest.hex(frame)).as("§" + example + " bytes").isEqualTo(HEX.get(example));
            assertThat(decode(registry, HEX.get(example))).isEqualTo(packet);
        } catch (ProtocolDecodeException e) {
            throw new AssertionError(e);
        } finally {
            frame.release();
        }
    }

    static LinkPacket decode(PacketRegistry<LinkPacket> registry, String hex) throws ProtocolDecodeException {
        ByteBuf frame = Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
        ByteBuf body = new FrameDecoder(FrameDecoder.MAX_LENGTH).readFrame(frame);
        try {
            return registry.decode(body, DecodeContext.SERVER).packet();
        } finally {
            body.release();
            frame.release();
        }
    }
}
