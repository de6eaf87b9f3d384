package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.AutoMatchConnect;
import org.honchat.protocol.clientbound.MatchmakingPackets.CampaignStats;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.LeftQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.MatchFound;
import org.honchat.protocol.clientbound.MatchmakingPackets.PopularityUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets.RejoinQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.SeasonRecord;
import org.honchat.protocol.clientbound.MatchmakingPackets.ServerNotIdle;
import org.honchat.protocol.types.GroupUpdateType;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md §9.9, the examples a chat client receives (9.9.1-9.9.11), byte for byte, in their multi-command frames
 * where §9.3 puts them in one. The match-server and manager links (9.9.12-9.9.20) are in ServerLinkExamplesTest. The hex is kept
 * here; {@link #theVectorsHereAreTheSpecsVectors} compares it with the spec file when the spec is beside the checkout.
 */
class MatchmakingExamplesTest {

    static final Map<String, String> HEX = new LinkedHashMap<>();

    private static final String PARTIAL_ALICE = "03 0D 02 E8 03 00 00 01 00 00 E8 03 00 00 04 03 6D 69 64 77 61 72 73"
            + " 00 68 62 7C 73 64 00 45 55 7C 55 53 45 00 00 00 01 01 00 00 05 01 64 01 00";
    private static final String QUEUE_ENTRY = PARTIAL_ALICE + " 01 0D 06 0D 0B 74 00 00 00";

    static {
        HEX.put("9.9.1", "39 00 " + QUEUE_ENTRY);
        HEX.put("9.9.2", "3F 00 " + QUEUE_ENTRY + " 0C 0E 5F 00 00 00");
        HEX.put("9.9.3", "87 00 02 0D 03 0D 01 E8 03 00 00 01 00 00 E8 03 00 00 04 03 6D 69 64 77 61 72 73 00 68 62"
                + " 7C 73 64 00 45 55 7C 55 53 45 00 00 00 01 01 00 00 05 01 E8 03 00 00 41 6C 69 63 65 00 01 00 00"
                + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 FF FF 64 01 00 01 77 68 69 74 65 00 44 65 66"
                + " 61 75 6C 74 20 49 63 6F 6E 00 00 01 74 72 75 65 7C 74 72 75 65 00 00 09 0D 6D 69 64 77 61 72 73"
                + " 00 05 03 68 62 00 45 55 00 00 06 0D 10");
        HEX.put("9.9.4", "1B 00 62 00 04 04 D1 01 00 31 39 38 2E 35 31 2E 31 30 30 2E 32 30 00 E3 2B E9 C3 17 5A");
        HEX.put("9.9.5", "1B 00 62 00 04 04 D1 01 00 31 39 38 2E 35 31 2E 31 30 30 2E 32 30 00 E3 2B FF FF FF FF");
        HEX.put("9.9.6", "17 00 69 00 04 07 00 00 00 31 39 38 2E 35 31 2E 31 30 30 2E 32 30 00 E3 2B");
        HEX.put("9.9.7", "07 00 0A 0E 09 10 0E 00 00");
        HEX.put("9.9.8", "03 00 0A 0E 05");
        HEX.put("9.9.9", "03 00 0A 0E 02");
        HEX.put("9.9.10", "63 00 07 0D 01 6D 69 64 77 61 72 73 00 33 00 68 62 7C 73 64 00 45 55 7C 55 53 45 00 00 00"
                + " 00 00 00 6D 61 70 73 3A 6D 69 64 77 61 72 73 2D 32 7C 6D 6F 64 65 73 3A 68 62 2D 32 32 7C 73 64"
                + " 2D 33 7C 72 65 67 69 6F 6E 73 3A 45 55 2D 32 7C 55 53 45 2D 30 7C 00 0A 0A 0A 0A 0A 0A 0A 0A 0A"
                + " 0A 0A 0A 00 00 00 00");
        HEX.put("9.9.11", "3E 00 07 0F 00 80 BB 44 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + " 00 00 00 00 80 BB 44 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + " 01 01");
    }

    /** Alice alone in a midwars group (§9.9 conventions), at 100 % and ready. */
    private static GroupUpdate alice(GroupUpdateType type) {
        GroupUpdate.Member member = new GroupUpdate.Member(1000, "Alice", 1, 0, 0, 0, 0, 1, 0xFFFF, 100, true, false, 1,
                "white", "Default Icon", "", 1, "true|true", false);
        return new GroupUpdate(type, 1000, 0, 1000, 4, 3, "midwars", "hb|sd", "EU|USE", 0, 0, 1, 1, "", "", 5, 1,
                List.of(member));
    }

    static PopularityUpdate smallPopularity(boolean enabled) {
        return new PopularityUpdate(enabled, "midwars", "3", "hb|sd", "EU|USE", "", "", "", "", "",
                "maps:midwars-2|modes:hb-22|sd-3|regions:EU-2|USE-0|", Collections.nCopies(12, 10), 0);
    }

    static CampaignStats defaultCampaignStats() {
        return new CampaignStats(SeasonRecord.unplayed(1500f), SeasonRecord.unplayed(1500f), true, true);
    }

    @Test
    void queueEntryIsOneFrame() throws Exception {
        SpecExamplesTest.assertCombined("9.9.1", HEX, alice(GroupUpdateType.PARTIAL), JoinedQueue.INSTANCE,
                new GroupQueueUpdate(GroupQueueUpdate.AVERAGE_QUEUE_TIME, 116));
        SpecExamplesTest.assertCombined("9.9.2", HEX, alice(GroupUpdateType.PARTIAL), JoinedQueue.INSTANCE,
                new GroupQueueUpdate(GroupQueueUpdate.AVERAGE_QUEUE_TIME, 116), new RejoinQueue(95));
    }

    @Test
    void matchFoundIsOneFrame() throws Exception {
        SpecExamplesTest.assertCombined("9.9.3", HEX, LeftQueue.INSTANCE, alice(GroupUpdateType.FULL),
                new MatchFound("midwars", 5, 3, "hb", "EU", ""), GroupQueueUpdate.of(16));
    }

    @Test
    void whereToConnectAndReminders() {
        SpecExamplesTest.assertClientbound("9.9.4", HEX,
                new AutoMatchConnect(4, 119044, "198.51.100.20", 11235, 0x5A17C3E9L));
        AutoMatchConnect reminder = new AutoMatchConnect(4, 119044, "198.51.100.20", 11235, 0xFFFF_FFFFL);
        SpecExamplesTest.assertClientbound("9.9.5", HEX, reminder);
        assertThat(reminder.isReminder()).isTrue();
        SpecExamplesTest.assertClientbound("9.9.6", HEX, new ServerNotIdle(4, 7, "198.51.100.20", 11235));
    }

    @Test
    void failedToJoinCarriesSecondsOnlyForBans() {
        SpecExamplesTest.assertClientbound("9.9.7", HEX, new GroupJoinFailed(GroupJoinFailed.BANNED, 3600));
        SpecExamplesTest.assertClientbound("9.9.8", HEX, GroupJoinFailed.of(GroupJoinFailed.GROUP_FULL));
        SpecExamplesTest.assertClientbound("9.9.9", HEX, GroupJoinFailed.of(2));
    }

    @Test
    void popularityAndSeasonStats() {
        SpecExamplesTest.assertClientbound("9.9.10", HEX, smallPopularity(true));
        SpecExamplesTest.assertClientbound("9.9.11", HEX, defaultCampaignStats());
    }

    @Test
    void popularityRefusesAByteCountThatDoesNotMatchItsLists() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PopularityUpdate(true, "midwars", "3", "hb",
                "EU", "", "", "", "", "", "maps:midwars-2|modes:hb-22|regions:EU-2|", Collections.nCopies(12, 10), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bytes");
    }

    @Test
    void theVectorsHereAreTheSpecsVectors() throws IOException {
        Path spec = SpecFile.path();
        assumeThat(spec).as("PROTOCOL.md beside the checkout").isNotNull();
        Map<String, String> fromSpec = examplesOf(Files.readString(spec));
        for (Map.Entry<String, String> vector : HEX.entrySet()) {
            assertThat(fromSpec.get(vector.getKey())).as("§" + vector.getKey()).isEqualTo(vector.getValue());
        }
    }

    /** §9.9 "**9.9.N title**" headings, each followed by a fenced block whose lines start with hex bytes. */
    static Map<String, String> examplesOf(String spec) {
        String section = spec.substring(spec.indexOf("### 9.9 Byte-exact examples"), spec.indexOf("## 10. "));
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher heading = Pattern.compile("\\*\\*(9\\.9\\.\\d+)[^*]*\\*\\*\\s*```\\n(.*?)```", Pattern.DOTALL)
                .matcher(section);
        while (heading.find()) {
            examples.put(heading.group(1), SpecExamplesTest.bytesOf(heading.group(2)));
        }
        return examples;
    }
}
