package org.honchat.server.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.DataDirectory;

/**
 * The auth hash of docs/protocol.md §3.5, shared by the login service and the chat server:
 * {@code lowercase_hex(SHA1(UTF8(decimal(account_id) + ip + cookie + SECRET)))}.
 */
public final class AuthHash {

    static final String SECRET_FILE = DataDirectory.SECRETS.get(0);

    private final String secret;

    public AuthHash(String secret) {
        this.secret = secret;
    }

    /** The configured secret, or the one in the data directory, generated at first start (32 bytes as hex). */
    public static AuthHash load(String configured, Path dataDir) {
        if (configured != null && !configured.isEmpty()) {
            return new AuthHash(configured);
        }
        Path file = dataDir.resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return new AuthHash(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            DataDirectory.writeSecret(file, secret + "\n", false);
            return new AuthHash(secret);
        } catch (IOException e) {
            throw new ConfigException("chat.secret is empty and " + file + " cannot be read or created: "
                    + e.getMessage(), e);
        }
    }

    public String compute(long accountId, String ip, String cookie) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((accountId + ip + cookie + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** §3.5: the received hash ASCII-lower-cased and compared in constant time. */
    public boolean matches(long accountId, String ip, String cookie, String received) {
        byte[] expected = compute(accountId, ip, cookie).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = received.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
