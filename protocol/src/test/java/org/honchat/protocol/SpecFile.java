package org.honchat.protocol;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds PROTOCOL.md: the {@code honchat.spec} property (set by the build), else {@code ../shared} upwards. */
public final class SpecFile {

    private SpecFile() {
    }

    /**
     * The spec's path, or {@code null} when this checkout has no spec beside it. In CI ({@code CI=true}) the spec is
     * always beside the checkout, so a missing spec fails instead of skipping the tests that read it.
     */
    public static Path path() {
        Path found = find();
        if (found == null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but PROTOCOL.md is not beside the checkout (../shared)");
        }
        return found;
    }

    /** The part of {@code spec} from the heading {@code from} up to the next {@code to}; fails if either is absent. */
    public static String section(String spec, String from, String to) {
        int start = spec.indexOf(from);
        int end = start < 0 ? -1 : spec.indexOf(to, start);
        if (start < 0 || end < 0) {
            throw new AssertionError("PROTOCOL.md has no section from '" + from + "' to '" + to + "'");
        }
        return spec.substring(start, end);
    }

    private static Path find() {
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
