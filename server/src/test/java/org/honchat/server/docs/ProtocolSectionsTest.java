package org.honchat.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: every section number ({@code §3.2}, {@code §9.4.1}) that the sources, the tests, the
 * README or the other docs cite is a heading of docs/protocol.md, so a reader without the original specification can
 * follow each one (the heading spells the number as cited, "### §3.2 ..."). A citation of a new section fails here
 * until docs/protocol.md explains it.
 */
class ProtocolSectionsTest {

    private static final Pattern CITED = Pattern.compile("§(\\d+(?:\\.\\d+)*)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,4} §(\\d+(?:\\.\\d+)*) ");
    private static final Set<String> EXTENSIONS = Set.of("java", "md", "yaml", "yml", "sql", "html", "sh", "xml",
            "json", "c");

    @Test
    void everyCitedSectionIsAHeadingOfDocsProtocolMd() throws IOException {
        Path root = root();
        String reference = Files.readString(root.resolve("docs").resolve("protocol.md"));
        Set<String> headings = new TreeSet<>();
        Matcher heading = HEADING.matcher(reference);
        while (heading.find()) {
            headings.add(heading.group(1));
        }
        Map<String, String> missing = new TreeMap<>();
        int cited = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(ProtocolSectionsTest::source).toList()) {
                Matcher m = CITED.matcher(Files.readString(file));
                while (m.find()) {
                    cited++;
                    if (!headings.contains(m.group(1))) {
                        missing.putIfAbsent("§" + m.group(1), root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(cited).as("citations found (is the walk reading the sources?)").isGreaterThan(500);
        assertThat(headings).as("docs/protocol.md's numbered headings").contains("1.1", "6.3", "8.9", "9.4.1", "10");
        assertThat(missing).as("sections cited (first file citing each) without a heading in docs/protocol.md")
                .isEmpty();
    }

    private static boolean source(Path file) {
        String path = file.toString().replace('\\', '/');
        if (path.contains("/target/") || path.contains("/.git/") || path.contains("/node_modules/")) {
            return false;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the checkout");
    }
}
