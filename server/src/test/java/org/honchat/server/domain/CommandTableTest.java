package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.honchat.protocol.SpecFile;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.server.domain.CommandTable.Command;
import org.honchat.server.domain.CommandTable.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command table against PROTOCOL.md itself: the "F" column of §6.2 and the list of §4.9 are the flood flags,
 * the ids §3.2 accepts before login are the before-login rows, "Staff only" rows are staff only, the "others" row is
 * ignored, and every row cites a section the spec has. Reads the spec file, so a change there fails here first.
 */
class CommandTableTest {

    private static String spec;
    private static final CommandTable TABLE = new DomainHarness().domain.commands();

    @BeforeAll
    static void readSpec() throws IOException {
        Path path = SpecFile.path();
        assumeThat(path).as("PROTOCOL.md beside the checkout").isNotNull();
        spec = Files.readString(path);
    }

    private static String section(String from, String to) {
        return SpecFile.section(spec, from, to);
    }

    private static Set<Integer> ids(String text) {
        Set<Integer> ids = new TreeSet<>();
        Matcher id = Pattern.compile("0x[0-9A-Fa-f]{2,4}").matcher(text);
        while (id.find()) {
            ids.add(Integer.decode(id.group()));
        }
        return ids;
    }

    private static Set<Integer> rows(java.util.function.Predicate<Command> which) {
        Set<Integer> ids = new TreeSet<>();
        for (Command row : TABLE.rows()) {
            if (which.test(row)) {
                ids.add(row.id());
            }
        }
        return ids;
    }

    @Test
    void everyRegistryCommandHasExactlyOneRow() {
        for (PacketCodec<?> codec : Serverbound.REGISTRY.codecs()) {
            assertThat(TABLE.row(codec.id())).as(codec.toString()).isNotNull();
        }
        assertThat(TABLE.rows()).hasSameSizeAs(Serverbound.REGISTRY.codecs());
    }

    @Test
    void theOperatorsMessageRateCountsTheFiveMessageCommands() {
        // channel message 0x03, whisper 0x08, clan whisper 0x13, IM 0x1C, whisper to buddies 0x20
        assertThat(TABLE.rows().stream().filter(CommandTable.Command::message).map(CommandTable.Command::id))
                .containsExactlyInAnyOrder(0x03, 0x08, 0x13, 0x1C, 0x20);
    }

    @Test
    void floodFlagsAreTheFColumnOfSection62AndTheListOfSection49() {
        String table = section("### 6.2 Client → server", "### 6.3 Channels");
        Set<Integer> markedF = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (0x[0-9A-Fa-f]{2,4}) F \\|").matcher(table);
        while (row.find()) {
            markedF.add(Integer.decode(row.group(1)));
        }
        String rule = section("### 4.9 Flood control", "### 4.10");
        Set<Integer> listed = ids(rule.substring(rule.indexOf("These commands add 1"), rule.indexOf("The counter decays")));
        assertThat(markedF).hasSizeGreaterThan(10).isEqualTo(listed);
        assertThat(rows(Command::flood)).isEqualTo(markedF);
    }

    @Test
    void beforeLoginRowsAreTheIdsSection32Accepts() {
        String rule = section("* **Accepted ids.**", "Any other id, a second");
        assertThat(ids(rule)).containsExactlyInAnyOrder(0x0C00, 0x2A00, 0x2A01);
        assertThat(rows(Command::beforeLogin)).isEqualTo(ids(rule));
        assertThat(rows(c -> c.route() == Route.CONNECTION)).isEqualTo(ids(rule));
    }

    @Test
    void staffOnlyRowsAreTheOnesSection62MarksStaffOnly() {
        Set<Integer> marked = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (0x[0-9A-Fa-f]{2,4})[ F]*\\|.*\\*\\*Staff only\\.\\*\\*").matcher(
                section("### 6.2 Client → server", "### 6.3 Channels"));
        while (row.find()) {
            marked.add(Integer.decode(row.group(1)));
        }
        assertThat(marked).containsExactly(0x39);
        assertThat(rows(Command::staffOnly)).isEqualTo(marked);
    }

    @Test
    void theOthersRowIsAcceptedAndIgnored() {
        Matcher others = Pattern.compile("(?m)^\\| others \\|([^|]*)\\|").matcher(spec);
        assertThat(others.find()).isTrue();
        Matcher range = Pattern.compile("(0x[0-9A-Fa-f]{2,4})(?:[–-](0x[0-9A-Fa-f]{2,4}))?").matcher(others.group(1));
        while (range.find()) {
            int from = Integer.decode(range.group(1));
            int to = range.group(2) == null ? from : Integer.decode(range.group(2));
            for (int id = from; id <= to; id++) {
                assertThat(TABLE.row(id).route()).as("0x%04X", id).isEqualTo(Route.IGNORED);
            }
        }
    }

    @Test
    void everyRowCitesASectionOfTheSpecAndHubRowsHaveAHandler() {
        for (Command row : TABLE.rows()) {
            assertThat(spec).as("%s cites §%s", row.name(), row.section())
                    .containsPattern("(?m)^#{3,4} " + Pattern.quote(row.section()) + " ");
            assertThat(row.handler() != null).as(row.name()).isEqualTo(row.route() == Route.HUB);
        }
    }
}
