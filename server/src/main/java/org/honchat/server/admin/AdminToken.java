package org.honchat.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.DataDirectory;

/**
 * The admin API's bearer token: generated at first start into the data directory (like the chat secret), readable
 * by its owner only, rotated from the command line ({@code honchat admin token --rotate}). The running server
 * notices a rotation by the file's modification time, so a rotated token works at once and the old one stops.
 */
public final class AdminToken {

    public static final String FILE = "admin-token";

    private final Path file;
    private volatile String token;
    private volatile FileTime loadedAt;

    private AdminToken(Path file) {
        this.file = file;
    }

    /** The token of a data directory, created if there is none yet. */
    public static AdminToken load(Path dataDir) {
        AdminToken token = new AdminToken(dataDir.resolve(FILE));
        try {
            if (!Files.exists(token.file)) {
                write(token.file);
            }
            token.reload();
        } catch (IOException e) {
            throw new ConfigException(token.file + " cannot be read or created: " + e.getMessage(), e);
        }
        return token;
    }

    /** Writes a new token into the data directory and returns it; the old one stops working. */
    public static String rotate(Path dataDir) throws IOException {
        return write(dataDir.resolve(FILE));
    }

    private static String write(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        DataDirectory.writeSecret(file, token + "\n", true);
        return token;
    }

    private void reload() throws IOException {
        loadedAt = Files.getLastModifiedTime(file);
        token = Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** The current token (what the command line sends). */
    public String value() {
        refresh();
        return token;
    }

    /** Whether an {@code Authorization} header carries the current token; compared in constant time. */
    public boolean accepts(String authorization) {
        // RFC 9110: the scheme name is case-insensitive ("bearer", "BEARER")
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        refresh();
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.US_ASCII));
    }

    private void refresh() {
        try {
            if (!Files.getLastModifiedTime(file).equals(loadedAt)) {
                reload();
            }
        } catch (IOException e) {
            // keep the token already loaded; the file comes back or the operator rotates it
        }
    }
}
