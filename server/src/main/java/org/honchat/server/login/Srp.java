package org.honchat.server.login;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * S2's SRP-6a variant, docs/protocol.md §8.5, server side. Besides S2's exact formulas it accepts the proofs that the
 * two bot clients compute where their SRP code rounds differently (§10 item 7), read from their sources:
 * <ul>
 *   <li>honpurple (csrp): hashes {@code A} left-aligned, not left-padded, in {@code u}; prints the proof without its
 *       leading zero bytes;</li>
 *   <li>pyHoNBot (pysrp): hashes {@code A} and {@code B} unpadded in {@code u}; hashes {@code S} unpadded in
 *       {@code K}; drops a leading zero byte of the inner digest in {@code x}.</li>
 * </ul>
 * The {@code u} and {@code K} variants are checked after the fact; {@code x} fixes the verifier, so it is chosen
 * when the challenge is made ({@link XForm}).
 */
public final class Srp {

    static final BigInteger N = new BigInteger(
            "DA950C6C97918CAE89E4F5ECB32461032A217D740064BC12FC0723CD204BD02A7AE29B53F3310C13BA998B7910F8B6A14112CBC67BDD2427E"
            + "DF494CB8BCA68510C0AAEE5346BD320845981546873069B337C073B9A9369D500873D647D261CCED571826E54C6089E7D5085DC2AF01FD861"
            + "AE44C8E64BCA3EA4DCE942C5F5B89E5496C2741A9E7E9F509C261D104D11DD4494577038B33016E28D118AE4FD2E85D9C3557A2346FAECED3"
            + "EDBE0F4D694411686BA6E65FEE43A772DC84D394ADAE5A14AF33817351D29DE074740AA263187AB18E3A25665EACAA8267C16CDE064B1D5AF"
            + "0588893C89C1556D6AEF644A3BA6BA3F7DEC2F3D6FDC30AE43FBD6D144BB", 16);
    static final BigInteger G = BigInteger.TWO;

    /** PAD() width: the size of N in bytes. */
    static final int WIDTH = 256;

    static final BigInteger K = num(sha256(pad(N), pad(G)));

    /** H(PAD(N)) XOR H(PAD(g)), the first part of M. */
    private static final byte[] N_XOR_G = xor(sha256(pad(N)), sha256(pad(G)));

    private static final int DIGEST = 32;

    private Srp() {
    }

    /** How {@code x} treats a leading zero byte of the inner digest {@code H(I | ":" | p)}. */
    public enum XForm {
        /** §8.5: the inner digest as its full 32 bytes (S2, the 4.10 client, honpurple). */
        FULL,
        /** pyHoNBot: the inner digest as a number, so a leading zero byte is dropped. */
        STRIPPED
    }

    /** What {@code f=pre_auth} keeps for {@code f=srpAuth} (§8.5 step 6). */
    public record Challenge(byte[] identity, byte[] salt, BigInteger a, BigInteger b, BigInteger bigB,
            BigInteger verifier) {
    }

    /**
     * §8.5 pre_auth steps 3-5: a fresh salt whose first byte is non-zero, the verifier for the identity as received,
     * and {@code B}. Returns {@code null} when {@code A mod N = 0} or A does not fit PAD().
     */
    public static Challenge challenge(byte[] identity, String srpPassword, BigInteger a, XForm form,
            SecureRandom random) {
        if (!acceptableA(a)) {
            return null;
        }
        byte[] salt = new byte[32];
        do {
            random.nextBytes(salt);
        } while (salt[0] == 0);
        BigInteger v = G.modPow(x(salt, identity, srpPassword, form), N);
        while (true) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            BigInteger b = num(secret);
            BigInteger bigB = publicB(v, b);
            if (bigB.signum() != 0 && b.signum() != 0) {
                return new Challenge(identity.clone(), salt, a, b, bigB, v);
            }
        }
    }

    static boolean acceptableA(BigInteger a) {
        return a.signum() > 0 && a.compareTo(N) < 0;
    }

    static BigInteger publicB(BigInteger v, BigInteger b) {
        return K.multiply(v).add(G.modPow(b, N)).mod(N);
    }

    /** {@code x = H(s | H(I | ":" | p))}, with the inner digest in the given form. */
    static BigInteger x(byte[] salt, byte[] identity, String srpPassword, XForm form) {
        byte[] inner = sha256(identity, ":".getBytes(StandardCharsets.UTF_8),
                srpPassword.getBytes(StandardCharsets.UTF_8));
        if (form == XForm.STRIPPED) {
            inner = bytes(num(inner));
        }
        return num(sha256(salt, inner));
    }

    /** Whether the inner digest of this identity and password starts with a zero byte (where the forms differ). */
    public static boolean innerDigestHasLeadingZero(byte[] identity, String srpPassword) {
        return sha256(identity, ":".getBytes(StandardCharsets.UTF_8), srpPassword.getBytes(StandardCharsets.UTF_8))[0]
                == 0;
    }

    /**
     * §8.5 srpAuth steps 2-4: checks the client's proof against every known form and returns the server proof
     * {@code M2} for the form that matched, or {@code null}. All candidates are compared in constant time.
     */
    public static byte[] verify(Challenge c, byte[] proof) {
        if (proof == null || proof.length != DIGEST) {
            return null;
        }
        byte[] matchedM = null;
        byte[] matchedK = null;
        for (BigInteger u : scramblers(c.a(), c.bigB())) {
            BigInteger s = c.a().multiply(c.verifier().modPow(u, N)).mod(N).modPow(c.b(), N);
            for (byte[] key : List.of(sha256(pad(s)), sha256(bytes(s)))) {
                byte[] m = proofM(c.identity(), c.salt(), c.a(), c.bigB(), key);
                if (MessageDigest.isEqual(m, proof) && matchedM == null) {
                    matchedM = m;
                    matchedK = key;
                }
            }
        }
        return matchedM == null ? null : serverProof(c.a(), matchedM, matchedK);
    }

    /** The distinct {@code u} values the known clients compute; the §8.5 form first. {@code u = 0} is refused. */
    static List<BigInteger> scramblers(BigInteger a, BigInteger bigB) {
        List<BigInteger> forms = new ArrayList<>(3);
        BigInteger standard = num(sha256(pad(a), pad(bigB)));
        if (standard.signum() == 0) {
            return forms;
        }
        forms.add(standard);
        BigInteger leftAligned = num(sha256(leftAligned(a), pad(bigB)));
        BigInteger unpadded = num(sha256(bytes(a), bytes(bigB)));
        for (BigInteger u : List.of(leftAligned, unpadded)) {
            if (u.signum() != 0 && !forms.contains(u)) {
                forms.add(u);
            }
        }
        return forms;
    }

    /** {@code M = H(H(PAD(N)) XOR H(PAD(g)) | H(I) | s | bytes(A) | bytes(B) | K)}. */
    static byte[] proofM(byte[] identity, byte[] salt, BigInteger a, BigInteger bigB, byte[] key) {
        return sha256(N_XOR_G, sha256(identity), bytes(num(salt)), bytes(a), bytes(bigB), key);
    }

    /** {@code M2 = H(bytes(A) | M | K)}. */
    static byte[] serverProof(BigInteger a, byte[] m, byte[] key) {
        return sha256(bytes(a), m, key);
    }

    /** PAD(x): big-endian, left-padded with zeros to 256 bytes. */
    static byte[] pad(BigInteger value) {
        byte[] minimal = bytes(value);
        if (minimal.length > WIDTH) {
            throw new IllegalArgumentException("value does not fit " + WIDTH + " bytes");
        }
        byte[] padded = new byte[WIDTH];
        System.arraycopy(minimal, 0, padded, WIDTH - minimal.length, minimal.length);
        return padded;
    }

    /** honpurple's {@code u} input for A: its minimal bytes first, then zeros up to 256 bytes. */
    static byte[] leftAligned(BigInteger value) {
        return Arrays.copyOf(bytes(value), WIDTH);
    }

    /** bytes(x): minimal big-endian bytes, no leading zero byte. */
    static byte[] bytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            return Arrays.copyOfRange(raw, 1, raw.length);
        }
        return raw;
    }

    static BigInteger num(byte[] bigEndian) {
        return new BigInteger(1, bigEndian);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] xor(byte[] left, byte[] right) {
        byte[] out = new byte[left.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (left[i] ^ right[i]);
        }
        return out;
    }
}
