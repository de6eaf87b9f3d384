package org.honchat.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The data directory and the secrets in it (docs/operations.md "Secrets"): the directory is created {@code 0700},
 * every secret file {@code 0600} from its first byte (never written first and tightened after), and a start on a
 * directory whose secrets others can read puts the modes right and says which files it changed.
 */
public final class DataDirectory {

    /** The generated secrets a data directory may hold: the auth-hash secret, the H2 password, the admin token. */
    public static final List<String> SECRETS = List.of("chat-secret", "db-password", "admin-token");

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates {@code dir} (and missing parents) if it does not exist; the directory itself owner-only. */
    public static Path create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, attribute(DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: fine, its modes are checked by tighten()
        }
        return dir;
    }

    /**
     * Writes a new secret file readable by its owner only; fails if it exists ({@code replace} false) or replaces it
     * atomically ({@code replace} true), so a reader never sees a half-written or world-readable secret.
     */
    public static void writeSecret(Path file, String content, boolean replace) throws IOException {
        create(file.toAbsolutePath().getParent());
        if (!replace) {
            Files.writeString(Files.createFile(file, attribute(SECRET)), content, StandardCharsets.UTF_8);
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.writeString(Files.createFile(temporary, attribute(SECRET)), content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Puts the modes right: the directory {@code 0700}, each secret {@code 0600}. Returns one line per file it had to
     * change ("chat-secret was rw-r--r--"), empty when everything was already private or the file system has no
     * POSIX modes.
     */
    public static List<String> tighten(Path dir) throws IOException {
        List<String> changed = new ArrayList<>();
        if (!posix(dir)) {
            return changed;
        }
        fix(dir, DIRECTORY, "the data directory " + dir, changed);
        for (String name : SECRETS) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                fix(file, SECRET, name, changed);
            }
        }
        return changed;
    }

    private static void fix(Path path, Set<PosixFilePermission> wanted, String label, List<String> changed)
            throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
        if (!now.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            changed.add(label + " was " + PosixFilePermissions.toString(now) + ", now "
                    + PosixFilePermissions.toString(wanted));
        }
    }

    private static boolean posix(Path dir) {
        return Files.exists(dir) && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
        return Path.of(".").getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
