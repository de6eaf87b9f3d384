package org.honchat.protocol;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds PROTOCOL.md: the {@code honchat.spec} property (set by the build), else {@code ../shared} upwards. */
final class SpecFile {

    private SpecFile() {
    }

    /** The spec's path, or {@code null} when this checkout has no spec beside it. */
    static Path path() {
        String configured = System.getProperty("honchat.spec");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("PROTOCOL.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
