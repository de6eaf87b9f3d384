package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every command listed in docs/protocol.md §6.1 and §6.2 has a record, and no record claims an id the spec does not
 * list. Reads the spec file itself, so a command added to the spec fails this test until it is built.
 */
class SpecCoverageTest {

    static String spec;

    @BeforeAll
    static void readSpec() throws IOException {
        Path path = SpecFile.path();
        assumeThat(path).as("PROTOCOL.md beside the checkout").isNotNull();
        spec = Files.readString(path);
    }

    @Test
    void everyServerToClientCommandOfSection61HasARecord() {
        Set<Integer> listed = tableIds(section("### 6.1 Server → client", "### 6.2 Client → server"));
        assertThat(listed).hasSizeGreaterThan(80);
        assertThat(ids(Clientbound.REGISTRY)).isEqualTo(listed);
    }

    @Test
    void everyClientToServerCommandOfSection62HasARecord() {
        String table = section("### 6.2 Client → server", "### 6.3 Channels");
        Set<Integer> listed = tableIds(table);
        listed.addAll(othersRow(table));
        assertThat(listed).hasSizeGreaterThan(60);
        assertThat(ids(Serverbound.REGISTRY)).isEqualTo(listed);
    }

    private static String section(String from, String to) {
        return SpecFile.section(spec, from, to);
    }

    /** The id in the first column of each table row, e.g. {@code | 0x0C0D | ...} or {@code | 0x03 F | ...}. */
    private static Set<Integer> tableIds(String section) {
        Set<Integer> ids = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (0x[0-9A-Fa-f]{2,4})[ F]*\\|").matcher(section);
        while (row.find()) {
            ids.add(Integer.decode(row.group(1)));
        }
        return ids;
    }

    /** The "others" row of §6.2: single ids and ranges such as {@code 0x0C1B–0x0C1F}. */
    private static Set<Integer> othersRow(String section) {
        Matcher row = Pattern.compile("(?m)^\\| others \\|([^|]*)\\|").matcher(section);
        assertThat(row.find()).as("§6.2 others row").isTrue();
        Set<Integer> ids = new TreeSet<>();
        Matcher id = Pattern.compile("(0x[0-9A-Fa-f]{2,4})(?:[–-](0x[0-9A-Fa-f]{2,4}))?").matcher(row.group(1));
        while (id.find()) {
            int from = Integer.decode(id.group(1));
            int to = id.group(2) == null ? from : Integer.decode(id.group(2));
            for (int i = from; i <= to; i++) {
                ids.add(i);
            }
        }
        return ids;
    }

    private static Set<Integer> ids(PacketRegistry<?> registry) {
        Set<Integer> ids = new TreeSet<>();
        for (PacketCodec<?> codec : registry.codecs()) {
            ids.add(codec.id());
        }
        return ids;
    }
}
