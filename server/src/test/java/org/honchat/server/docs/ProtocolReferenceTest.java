package org.honchat.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.honchat.protocol.Packet;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.serverbound.IgnoredCommand;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.link.ManagerPackets;
import org.honchat.protocol.link.MatchServerPackets;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.protocol.wire.WireType;
import org.honchat.server.InMemoryStores;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.ChatDomain;
import org.honchat.server.domain.CommandTable;
import org.honchat.server.domain.core.LocalDirectory;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.hub.HubOutbox;
import org.honchat.server.metrics.Metrics;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md's command tables are generated from the code: every command of the two registries with its id,
 * S2 name and layout (field types from the codec, field names from the record), who sends each server-to-client
 * command (the server classes that build it, read from the compiled classes), and how the server handles each
 * client-to-server command (its command-table row). The test fails when the file is stale; run it with
 * {@code -Dhonchat.updateDocs=true} to rewrite the generated part.
 */
class ProtocolReferenceTest {

    static final String BEGIN = "<!-- BEGIN GENERATED COMMAND TABLES: ProtocolReferenceTest -->";
    static final String END = "<!-- END GENERATED COMMAND TABLES -->";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.honchat.protocol", "org.honchat.server");

    @Test
    void theCommandTablesOfDocsProtocolMdAreCurrent() throws IOException {
        Path file = docsFile();
        String text = Files.readString(file);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the generated-section markers", file).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String generated = render();
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("honchat.updateDocs")) {
            Files.writeString(file, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end));
            return;
        }
        assertThat(current).as("docs/protocol.md is stale: run ./mvnw -B -pl server -am test "
                + "-Dtest=ProtocolReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dhonchat.updateDocs=true")
                .isEqualTo(generated);
    }

    private static Path docsFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("protocol.md");
            if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
    }

    static String render() {
        Map<PacketCodec<?>, Class<?>> records = records();
        StringBuilder out = new StringBuilder("\n\n### Server to client\n\n");
        out.append("| Id | S2 name | Payload | Sent by |\n|---|---|---|---|\n");
        for (PacketCodec<?> codec : sorted(Clientbound.REGISTRY)) {
            out.append(row(codec, records.get(codec), senders(records.get(codec))));
        }
        out.append("\n### Client to server\n\nRoute: `hub` = a chat rule on the hub thread, `connection` = the "
                + "connection itself (handshake, keep-alive), `ignored` = accepted and ignored. F = counted by flood "
                + "control; before login = accepted before the session is authenticated.\n\n");
        out.append("| Id | S2 name | Payload | Handling |\n|---|---|---|---|\n");
        CommandTable table = commandTable();
        List<Integer> ignored = new ArrayList<>();
        for (PacketCodec<?> codec : sorted(Serverbound.REGISTRY)) {
            if (records.get(codec) == IgnoredCommand.class) {
                ignored.add(codec.id());
                continue;
            }
            out.append(row(codec, records.get(codec), handling(table.row(codec.id()))));
        }
        out.append("\nAccepted and ignored, payload not read (§6.2 \"others\"): ");
        List<String> ids = new ArrayList<>();
        for (int id : ignored) {
            ids.add(String.format("`0x%04X`", id));
        }
        out.append(String.join(", ", ids)).append(".\n");
        link(out, "Match-server link (port 11032, §9.5): match server to chat", MatchServerPackets.FROM_MATCH_SERVER,
                records);
        link(out, "Match-server link: chat to match server", MatchServerPackets.TO_MATCH_SERVER, records);
        link(out, "Manager link (port 11033, §9.6): manager to chat", ManagerPackets.FROM_MANAGER, records);
        link(out, "Manager link: chat to manager", ManagerPackets.TO_MANAGER, records);
        return out.append("\n").toString();
    }

    private static void link(StringBuilder out, String title, PacketRegistry<?> registry,
            Map<PacketCodec<?>, Class<?>> records) {
        out.append("\n### ").append(title).append("\n\n| Id | Name | Payload |\n|---|---|---|\n");
        for (PacketCodec<?> codec : sorted(registry)) {
            out.append(String.format("| `0x%04X` | %s | %s |%n", codec.id(), codec.name(),
                    payload(codec, records.get(codec))));
        }
    }

    private static List<PacketCodec<?>> sorted(PacketRegistry<?> registry) {
        List<PacketCodec<?>> codecs = new ArrayList<>(registry.codecs());
        codecs.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return codecs;
    }

    private static String row(PacketCodec<?> codec, Class<?> record, String last) {
        return String.format("| `0x%04X` | %s | %s | %s |%n", codec.id(), codec.name(), payload(codec, record), last);
    }

    /** The fields in order: their wire types from the codec, their names from the record. */
    static String payload(PacketCodec<?> codec, Class<?> record) {
        if (codec.layout() != null) {
            return codec.layout().replace("|", "\\|");
        }
        List<WireType<?>> fields = codec.fields();
        if (fields.isEmpty()) {
            return "—";
        }
        RecordComponent[] names = record.getRecordComponents();
        if (names.length != fields.size()) {
            throw new IllegalStateException(codec + ": " + fields.size() + " fields, " + record + " has "
                    + names.length + " components");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            parts.add(fields.get(i).describe() + " " + names[i].getName());
        }
        return String.join(", ", parts).replace("|", "\\|");
    }

    private static String handling(CommandTable.Command row) {
        StringBuilder text = new StringBuilder(row.route().name().toLowerCase());
        if (row.flood()) {
            text.append(", F");
        }
        if (row.beforeLogin()) {
            text.append(", before login");
        }
        if (row.staffOnly()) {
            text.append(", staff only");
        }
        return text.append(", §").append(row.section()).toString();
    }

    /** The server classes that build or use a server-to-client record: who sends it. */
    private static String senders(Class<?> record) {
        Set<String> senders = new TreeSet<>();
        for (JavaAccess<?> access : CLASSES.get(record).getAccessesToSelf()) {
            JavaClass origin = access.getOriginOwner();
            while (origin.getEnclosingClass().isPresent()) {
                origin = origin.getEnclosingClass().get();
            }
            if (origin.getPackageName().startsWith("org.honchat.server")) {
                senders.add("`" + origin.getPackageName().substring("org.honchat.server.".length()) + "."
                        + origin.getSimpleName() + "`");
            }
        }
        return senders.isEmpty() ? "not sent in this phase" : String.join(", ", senders);
    }

    /** Every command record, by its codec (ids repeat across the two directions). */
    private static Map<PacketCodec<?>, Class<?>> records() {
        Map<PacketCodec<?>, Class<?>> byCodec = new java.util.IdentityHashMap<>();
        for (JavaClass type : CLASSES) {
            if (!type.getPackageName().startsWith("org.honchat.protocol.")
                    || !type.isAssignableTo(Packet.class) || !type.reflect().isRecord()) {
                continue;
            }
            Class<?> record = type.reflect();
            try {
                Field field = record.getField("CODEC");
                if (Modifier.isStatic(field.getModifiers())) {
                    byCodec.put((PacketCodec<?>) field.get(null), record);
                }
            } catch (NoSuchFieldException | IllegalAccessException e) {
                // IgnoredCommand has one codec per id rather than one CODEC
                if (record == IgnoredCommand.class) {
                    IgnoredCommand.codecs().forEach(codec -> byCodec.put(codec, record));
                }
            }
        }
        return byCodec;
    }

    private static CommandTable commandTable() {
        InMemoryStores stores = new InMemoryStores();
        LocalDirectory directory = new LocalDirectory();
        StoreGateway store = new StoreGateway(stores, null, stores, Runnable::run, Runnable::run, Runnable::run);
        HubOutbox outbox = new HubOutbox(null, directory);
        org.honchat.server.domain.matchmaking.Matchmaking matchmaking = new org.honchat.server.domain.matchmaking
                .Matchmaking(ServerConfig.defaults(), outbox, directory, java.time.Clock.systemUTC(),
                        (delay, task) -> { }, new java.util.SplittableRandom(1),
                        new org.honchat.server.domain.matchmaking.FirstComeBroker(), Runnable::run, Runnable::run,
                        new Metrics());
        return new ChatDomain(ServerConfig.defaults().chat(), outbox, directory, store, java.time.Clock.systemUTC(),
                (delay, task) -> { }, matchmaking, List.of(), new Metrics()).commands();
    }
}
