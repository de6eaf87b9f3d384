package org.honchat.testkit.login;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The client half of S2's SRP login (docs/protocol.md §8.3, §8.5), computed the way each known client computes it.
 * Written apart from the server's implementation, from the spec and from the clients' sources, so that tests of
 * one check the other.
 */
public final class SrpClient {

    static final BigInteger N = new BigInteger(
            "DA950C6C97918CAE89E4F5ECB32461032A217D740064BC12FC0723CD204BD02A7AE29B53F3310C13BA998B7910F8B6A14112CBC67BDD2427E"
            + "DF494CB8BCA68510C0AAEE5346BD320845981546873069B337C073B9A9369D500873D647D261CCED571826E54C6089E7D5085DC2AF01FD861"
            + "AE44C8E64BCA3EA4DCE942C5F5B89E5496C2741A9E7E9F509C261D104D11DD4494577038B33016E28D118AE4FD2E85D9C3557A2346FAECED3"
            + "EDBE0F4D694411686BA6E65FEE43A772DC84D394ADAE5A14AF33817351D29DE074740AA263187AB18E3A25665EACAA8267C16CDE064B1D5AF"
            + "0588893C89C1556D6AEF644A3BA6BA3F7DEC2F3D6FDC30AE43FBD6D144BB", 16);
    static final BigInteger G = BigInteger.TWO;
    private static final int WIDTH = 256;

    /** Which client's arithmetic to follow. */
    public enum Flavor {
        /** The formulas of §8.5 exactly, as the 4.10 game client computes them. */
        GAME_CLIENT,
        /** honpurple's csrp: A left-aligned in u; proof printed as an upper-case number (no leading zero bytes). */
        HONPURPLE,
        /** pyHoNBot's pysrp: A and B unpadded in u, S unpadded in K, the inner digest of x as a number. */
        PYHONBOT
    }

    private final Flavor flavor;
    private final byte[] identity;
    private final BigInteger a;
    private final BigInteger bigA;
    private byte[] m;
    private byte[] key;

    public SrpClient(Flavor flavor, String login, SecureRandom random) {
        this(flavor, login, randomA(random));
    }

    public SrpClient(Flavor flavor, String login, BigInteger a) {
        this.flavor = flavor;
        this.identity = login.getBytes(StandardCharsets.UTF_8);
        this.a = a;
        this.bigA = G.modPow(a, N);
    }

    private static BigInteger randomA(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new BigInteger(1, bytes);
    }

    public BigInteger publicA() {
        return bigA;
    }

    /** A as the client sends it in {@code pre_auth}: the minimal bytes in hex. */
    public String publicAHex() {
        return HexFormat.of().formatHex(minimal(bigA));
    }

    /** §8.3: {@code p} from the plain password and {@code salt2}. */
    public static String srpPassword(String password, String salt2) {
        String inner = hex(md5(hex(md5(password)) + salt2 + "[!~esTo0}"));
        return hex(sha256((inner + "taquzaph_?98phab&junaj=z=kuChusu").getBytes(StandardCharsets.UTF_8)));
    }

    /** Answers the server's challenge; returns the proof as this client writes it in {@code srpAuth}. */
    public String proof(String password, String salt2, String saltHex, String bigBHex) {
        String p = srpPassword(password, salt2);
        byte[] salt = minimal(new BigInteger(saltHex, 16));
        BigInteger bigB = new BigInteger(bigBHex, 16);
        BigInteger k = num(sha256(pad(N), pad(G)));
        byte[] inner = sha256(identity, ":".getBytes(StandardCharsets.UTF_8), p.getBytes(StandardCharsets.UTF_8));
        if (flavor == Flavor.PYHONBOT) {
            inner = minimal(num(inner));
        }
        BigInteger x = num(sha256(salt, inner));
        BigInteger u;
        switch (flavor) {
            case HONPURPLE:
                u = num(sha256(Arrays.copyOf(minimal(bigA), WIDTH), pad(bigB)));
                break;
            case PYHONBOT:
                u = num(sha256(minimal(bigA), minimal(bigB)));
                break;
            default:
                u = num(sha256(pad(bigA), pad(bigB)));
        }
        BigInteger base = bigB.subtract(k.multiply(G.modPow(x, N))).mod(N);
        BigInteger s = base.modPow(a.add(u.multiply(x)), N);
        key = flavor == Flavor.PYHONBOT ? sha256(minimal(s)) : sha256(pad(s));
        byte[] xor = sha256(pad(N));
        byte[] hg = sha256(pad(G));
        for (int i = 0; i < xor.length; i++) {
            xor[i] ^= hg[i];
        }
        m = sha256(xor, sha256(identity), salt, minimal(bigA), minimal(bigB), key);
        if (flavor == Flavor.HONPURPLE) {
            return HexFormat.of().formatHex(minimal(num(m))).toUpperCase(Locale.ROOT);
        }
        return HexFormat.of().formatHex(m);
    }

    /** The {@code M2} the server must answer with, as lower-case hex. */
    public String expectedServerProof() {
        return HexFormat.of().formatHex(sha256(minimal(bigA), m, key));
    }

    static byte[] pad(BigInteger value) {
        byte[] raw = minimal(value);
        byte[] padded = new byte[WIDTH];
        System.arraycopy(raw, 0, padded, WIDTH - raw.length, raw.length);
        return padded;
    }

    static byte[] minimal(BigInteger value) {
        byte[] raw = value.toByteArray();
        return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    static BigInteger num(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    static byte[] sha256(byte[]... parts) {
        return digest("SHA-256", parts);
    }

    static byte[] md5(String text) {
        return digest("MD5", text.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
