package org.honchat.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.InMemoryStores;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Credentials;
import org.honchat.testkit.login.Php;
import org.honchat.testkit.login.SrpClient;
import org.honchat.testkit.login.SrpClient.Flavor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/protocol.md §8.5: fixed vectors computed independently by {@code tools/srp_vectors.py} (Python's hashlib and
 * integers, from the spec's formulas alone), then many logins per client flavor with random salts and ephemeral
 * keys, then each rounding difference of §10 item 7 forced on purpose.
 */
class SrpTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void matchesIndependentVectorForAlice() {
        assertVector("Alice", "hunter2", "aB3dE5fG7hJ9kL1m",
                "e868ce3d67067c62654563ef28e49102a9501d95c1f0a4760adb30f7cd516d1b",
                "9f" + "01".repeat(31), "0123456789abcdef".repeat(4), "fedcba9876543210".repeat(4),
                "b095e782fa685c9386611f062e2961fed50b65235e7b8e9b283f91b2ff98da20",
                "1d0ca2bc7e4d851cb0076e9341b69911af57498ab3eec4c1ef070d3a8669ac2c",
                "3d1e08b838d12a46904a7b9479b59a401adde824aa0dd49602d9411a0bedd98c");
    }

    @Test
    void matchesIndependentVectorForBob() {
        assertVector("bob_THE_builder", "correct horse battery staple", "ZZZZyyyyXXXX0000",
                "58671648f6d009e30348eeec16e93a2770b744d88ad37e7bf15cbcb290020e4e",
                "c0ffee".repeat(10) + "0102", "1".repeat(64), "2".repeat(64),
                "9e21a77b02e15b3d02ca033a849284596d1713faad050a37cc0137c4eb9fc48b",
                "d892b351f0ae0bc7a82da4f706eccb27be9733f8e423ea9f4b6ed0f8ae492b82",
                "fd80995a816526833f7240aaf16b150a978dad3552443797a4b5bc95e1ce8b29");
    }

    private void assertVector(String login, String password, String salt2, String p, String saltHex, String aHex,
            String bHex, String u, String m, String m2) {
        assertThat(Credentials.srpPassword(Credentials.md5Hex(password), salt2)).isEqualTo(p);
        assertThat(Srp.K.toString(16)).isEqualTo("8fb8e38d31efac5f7565f1baf705e21e369722228c8813c5dfa2f1885019072b");
        byte[] identity = login.getBytes(StandardCharsets.UTF_8);
        byte[] salt = HexFormat.of().parseHex(saltHex);
        BigInteger v = Srp.G.modPow(Srp.x(salt, identity, p, Srp.XForm.FULL), Srp.N);
        BigInteger a = Srp.G.modPow(new BigInteger(aHex, 16), Srp.N);
        BigInteger b = new BigInteger(bHex, 16);
        BigInteger bigB = Srp.publicB(v, b);
        assertThat(Srp.scramblers(a, bigB).get(0).toString(16)).isEqualTo(u);
        Srp.Challenge challenge = new Srp.Challenge(identity, salt, a, b, bigB, v);
        byte[] serverProof = Srp.verify(challenge, HexFormat.of().parseHex(m));
        assertThat(serverProof).isNotNull();
        assertThat(HexFormat.of().formatHex(serverProof)).isEqualTo(m2);
        // one bit off is refused
        byte[] wrong = HexFormat.of().parseHex(m);
        wrong[31] ^= 1;
        assertThat(Srp.verify(challenge, wrong)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void everyLoginOfEveryClientFlavorSucceeds(Flavor flavor) {
        InMemoryStores store = new InMemoryStores();
        LoginService service = service(store);
        int logins = 300;
        for (int i = 0; i < logins; i++) {
            // a fresh account each time: random salt2, so random p and inner digest, plus random salt, a and b
            String name = "user" + i;
            String password = "pw" + random.nextInt();
            store.create(name, AccountType.REGULAR, Credentials.forPassword(password, random), java.time.Instant.now());
            assertLogin(service, flavor, name, password, new SrpClient(flavor, name, random));
        }
    }

    @Test
    void pyHoNBotLogsInWhenTheInnerDigestStartsWithZero() {
        InMemoryStores store = new InMemoryStores();
        LoginService service = service(store);
        Credentials credentials = Credentials.forPassword("secret", random);
        // find a login whose inner digest H(I | ":" | p) starts with a zero byte (1 in 256)
        String name = null;
        for (int i = 0; name == null; i++) {
            String candidate = "zero" + i;
            if (Srp.innerDigestHasLeadingZero(candidate.getBytes(StandardCharsets.UTF_8), credentials.srpPassword())) {
                name = candidate;
            }
        }
        store.create(name, AccountType.REGULAR, credentials, java.time.Instant.now());
        for (Flavor flavor : Flavor.values()) {
            assertLogin(service, flavor, name, "secret", new SrpClient(flavor, name, random));
        }
    }

    @Test
    void shortPublicValuesAndShortProofsAreAccepted() {
        // A with a leading zero byte: honpurple aligns it left in u, pyHoNBot leaves it unpadded
        for (Flavor flavor : Flavor.values()) {
            InMemoryStores store = new InMemoryStores();
            LoginService service = service(store);
            store.create("Shorty", AccountType.REGULAR, Credentials.forPassword("pw", random), java.time.Instant.now());
            SrpClient client;
            do {
                client = new SrpClient(flavor, "Shorty", random);
            } while (client.publicA().bitLength() > 8 * 255);
            assertLogin(service, flavor, "Shorty", "pw", client);
        }
    }

    @Test
    void shortSharedSecretAndShortBAreAcceptedFromPyHoNBot() {
        byte[] identity = "Sam".getBytes(StandardCharsets.UTF_8);
        Credentials credentials = Credentials.forPassword("pw", random);
        boolean shortS = false;
        boolean shortB = false;
        for (int attempt = 0; attempt < 5000 && !(shortS && shortB); attempt++) {
            SrpClient client = new SrpClient(Flavor.PYHONBOT, "Sam", random);
            Srp.Challenge c = Srp.challenge(identity, credentials.srpPassword(), client.publicA(),
                    Srp.innerDigestHasLeadingZero(identity, credentials.srpPassword())
                            ? Srp.XForm.STRIPPED : Srp.XForm.FULL, random);
            BigInteger s = c.a().multiply(c.verifier().modPow(Srp.scramblers(c.a(), c.bigB()).get(0), Srp.N))
                    .mod(Srp.N).modPow(c.b(), Srp.N);
            boolean sIsShort = s.bitLength() <= 8 * 255;
            boolean bIsShort = c.bigB().bitLength() <= 8 * 255;
            if (!sIsShort && !bIsShort) {
                continue;
            }
            String proof = client.proof("pw", credentials.salt2(), HexFormat.of().formatHex(c.salt()),
                    c.bigB().toString(16));
            byte[] serverProof = Srp.verify(c, HexFormat.of().parseHex(proof));
            assertThat(serverProof).as("S short %s, B short %s", sIsShort, bIsShort).isNotNull();
            assertThat(HexFormat.of().formatHex(serverProof)).isEqualTo(client.expectedServerProof());
            shortS |= sIsShort;
            shortB |= bIsShort;
        }
        assertThat(shortS).as("a short S came up").isTrue();
        assertThat(shortB).as("a short B came up").isTrue();
    }

    @Test
    void honpurpleProofWithoutItsLeadingZeroByteIsAccepted() {
        InMemoryStores store = new InMemoryStores();
        LoginService service = service(store);
        store.create("Purple", AccountType.REGULAR, Credentials.forPassword("pw", random), java.time.Instant.now());
        for (int attempt = 0; attempt < 5000; attempt++) {
            SrpClient client = new SrpClient(Flavor.HONPURPLE, "Purple", random);
            Map<Object, Object> challenge = preAuth(service, Flavor.HONPURPLE, "Purple", client);
            String proof = client.proof("pw", (String) challenge.get("salt2"), (String) challenge.get("salt"),
                    (String) challenge.get("B"));
            Map<Object, Object> reply = srpAuth(service, Flavor.HONPURPLE, "Purple", proof);
            assertThat(reply.get(0L)).isEqualTo(true);
            if (proof.length() < 64) {
                return; // M started with a zero byte and was sent as 62 hex digits: accepted
            }
        }
        throw new AssertionError("no proof with a leading zero byte in 5000 logins");
    }

    @Test
    void wrongPasswordFailsForEveryFlavor() {
        InMemoryStores store = new InMemoryStores();
        LoginService service = service(store);
        store.create("Victim", AccountType.REGULAR, Credentials.forPassword("right", random), java.time.Instant.now());
        for (Flavor flavor : Flavor.values()) {
            SrpClient client = new SrpClient(flavor, "Victim", random);
            Map<Object, Object> challenge = preAuth(service, flavor, "Victim", client);
            String proof = client.proof("wrong", (String) challenge.get("salt2"), (String) challenge.get("salt"),
                    (String) challenge.get("B"));
            assertThat(srpAuth(service, flavor, "Victim", proof)).containsEntry(0L, false)
                    .containsEntry("auth", "Invalid Nickname or Password.");
        }
    }

    private static LoginService service(InMemoryStores store) {
        // a high failure limit: these tests make many attempts from one address on purpose
        ServerConfig config = ServerConfig.defaults().with("login.chatUrl", "chat.example.net",
                "login.rateLimit.failuresPerName", "1000000", "login.rateLimit.failuresPerIp", "1000000",
                "login.rateLimit.windowSeconds", "60");
        return new LoginService(config, store, store, store, store, new AuthHash("test-secret-0123456789"),
                new SecureRandom(), Clock.systemUTC());
    }

    private static void assertLogin(LoginService service, Flavor flavor, String login, String password,
            SrpClient client) {
        Map<Object, Object> challenge = preAuth(service, flavor, login, client);
        assertThat(challenge).containsEntry(0L, true).containsEntry("vested_threshold", 5L);
        String salt = (String) challenge.get("salt");
        assertThat(salt).hasSize(64).matches("[0-9a-f]+").doesNotStartWith("00");
        assertThat(((String) challenge.get("B")).length() % 2).isZero();
        String proof = client.proof(password, (String) challenge.get("salt2"), salt, (String) challenge.get("B"));
        Map<Object, Object> reply = srpAuth(service, flavor, login, proof);
        assertThat(reply).as("%s login of %s", flavor, login).containsEntry(0L, true);
        assertThat(reply.get("proof")).isEqualTo(client.expectedServerProof());
    }

    private static Map<Object, Object> preAuth(LoginService service, Flavor flavor, String login, SrpClient client) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("f", "pre_auth");
        params.put("login", login);
        params.put("A", client.publicAHex());
        if (flavor == Flavor.GAME_CLIENT) {
            params.put("SysInfo", "4.10.1.0");
        }
        return Php.array(service.handle(request(flavor, params)));
    }

    private static Map<Object, Object> srpAuth(LoginService service, Flavor flavor, String login, String proof) {
        return Php.array(service.handle(request(flavor, Map.of("f", "srpAuth", "login", login, "proof", proof))));
    }

    /** Where each client puts f (§8.1): only pyHoNBot in the body. */
    private static LoginRequest request(Flavor flavor, Map<String, String> params) {
        return new LoginRequest(params, "203.0.113.7", "chat.example.net", flavor == Flavor.PYHONBOT);
    }
}
