package org.honchat.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The password material of docs/protocol.md §8.3: {@code salt2} (16 characters {@code [A-Za-z0-9]}, fixed at
 * registration) and the SRP password {@code p}, a 64-character lower-case hex string. The plain password is
 * never kept.
 */
public record Credentials(String salt2, String srpPassword) {

    private static final String SALT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String INNER_CONSTANT = "[!~esTo0}";
    private static final String OUTER_CONSTANT = "taquzaph_?98phab&junaj=z=kuChusu";

    public Credentials {
        Objects.requireNonNull(salt2, "salt2");
        Objects.requireNonNull(srpPassword, "srpPassword");
    }

    /** New credentials for a plain password, with a fresh {@code salt2}. */
    public static Credentials forPassword(String password, SecureRandom random) {
        String salt2 = randomSalt2(random);
        return new Credentials(salt2, srpPassword(md5Hex(password), salt2));
    }

    /** Whether {@code salt2} has the §8.3 form: 16 characters {@code [A-Za-z0-9]}. */
    public static boolean isSalt2(String salt2) {
        return salt2.length() == 16 && salt2.chars().allMatch(c -> SALT_ALPHABET.indexOf(c) >= 0);
    }

    private static String randomSalt2(SecureRandom random) {
        StringBuilder salt2 = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            salt2.append(SALT_ALPHABET.charAt(random.nextInt(SALT_ALPHABET.length())));
        }
        return salt2.toString();
    }

    /**
     * New credentials from {@code md5hex(password)} alone (an account migrated from a server that kept only that),
     * with a fresh {@code salt2}: §8.3 needs nothing more.
     */
    public static Credentials forPasswordMd5(String passwordMd5Hex, SecureRandom random) {
        String salt2 = randomSalt2(random);
        return new Credentials(salt2, srpPassword(passwordMd5Hex.toLowerCase(java.util.Locale.ROOT), salt2));
    }

    /**
     * §8.3: {@code p = hex(SHA256(md5hex(passwordMd5Hex + salt2 + "[!~esTo0}") + "taquzaph_?98phab&junaj=z=kuChusu"))};
     * {@code passwordMd5Hex} is {@code md5hex(password)}, which {@code f=auth} receives as is (§8.4).
     */
    /**
     * Whether the lowercase or uppercase hex MD5 of a password ({@code f=auth}, {@code server_requester.php}) is this
     * account's password; compared in constant time.
     */
    public boolean matchesMd5(String passwordMd5Hex) {
        String candidate = srpPassword(passwordMd5Hex.toLowerCase(java.util.Locale.ROOT), salt2);
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
                srpPassword.getBytes(StandardCharsets.US_ASCII));
    }

    public static String srpPassword(String passwordMd5Hex, String salt2) {
        String inner = md5Hex(passwordMd5Hex + salt2 + INNER_CONSTANT);
        return HexFormat.of().formatHex(digest("SHA-256", inner + OUTER_CONSTANT));
    }

    public static String md5Hex(String text) {
        return HexFormat.of().formatHex(digest("MD5", text));
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
