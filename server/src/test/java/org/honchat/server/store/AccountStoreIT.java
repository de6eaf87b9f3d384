package org.honchat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.TestDatabases;
import org.honchat.server.config.ServerConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDBC stores against a real database: embedded H2, and PostgreSQL when one is configured (CI). */
class AccountStoreIT {

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabases.kinds();
    }

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final SecureRandom random = new SecureRandom();

    @ParameterizedTest
    @MethodSource("databases")
    void accountsAreUniqueCaseInsensitivelyAndFoundByBareName(String kind) {
        try (Database db = Database.open(TestDatabases.config(kind, dir))) {
            AccountStore accounts = db.accounts();
            Account alice = accounts.create("Alice", AccountType.REGULAR, Credentials.forPassword("pw", random), now);
            assertThat(alice.id()).isGreaterThanOrEqualTo(1000);
            assertThat(alice.created()).isEqualTo(now);
            assertThat(alice.lastSeen()).isNull();
            assertThat(alice.nameColour()).isEqualTo("white");
            assertThat(alice.accountIcon()).isEqualTo("Default Icon");
            assertThatThrownBy(() -> accounts.create("ALICE", AccountType.REGULAR,
                    Credentials.forPassword("x", random), now)).isInstanceOf(DuplicateNameException.class);
            assertThat(accounts.findByName("aLiCe")).contains(alice);
            assertThat(accounts.findByName("[KON]alice")).contains(alice);
            assertThat(accounts.findById(alice.id())).contains(alice);
            assertThat(accounts.findByName("nobody")).isEmpty();
            assertThatThrownBy(() -> accounts.create("no spaces", AccountType.REGULAR,
                    Credentials.forPassword("x", random), now)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void credentialsTypeLastSeenAndDeletion(String kind) {
        try (Database db = Database.open(TestDatabases.config(kind, dir))) {
            AccountStore accounts = db.accounts();
            SessionStore sessions = db.sessions();
            Credentials first = Credentials.forPassword("one", random);
            Account bob = accounts.create("Bob", AccountType.PREMIUM, first, now);
            assertThat(accounts.credentials(bob.id())).contains(first);
            Credentials second = Credentials.forPassword("two", random);
            assertThat(accounts.setCredentials(bob.id(), second)).isTrue();
            assertThat(accounts.credentials(bob.id())).contains(second);
            assertThat(accounts.setType(bob.id(), AccountType.STAFF)).isTrue();
            accounts.recordLastSeen(bob.id(), now.plusSeconds(5));
            Account updated = accounts.findById(bob.id()).orElseThrow();
            assertThat(updated.type()).isEqualTo(AccountType.STAFF);
            assertThat(updated.lastSeen()).isEqualTo(now.plusSeconds(5));

            sessions.create(new LoginSession("c".repeat(32), bob.id(), "203.0.113.7", now, now.plusSeconds(60)));
            assertThat(accounts.delete(bob.id())).isTrue();
            assertThat(accounts.findById(bob.id())).isEmpty();
            assertThat(accounts.credentials(bob.id())).isEmpty();
            assertThat(sessions.find("c".repeat(32))).as("sessions go with their account").isEmpty();
            assertThat(accounts.delete(bob.id())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sessionsExpireAndSurviveAReopen(String kind) {
        ServerConfig config = TestDatabases.config(kind, dir);
        long id;
        try (Database db = Database.open(config)) {
            id = db.accounts().create("Carol", AccountType.REGULAR, Credentials.forPassword("pw", random), now).id();
            SessionStore sessions = db.sessions();
            sessions.create(new LoginSession("a".repeat(32), id, "127.0.0.1", now, now.plusSeconds(3600)));
            sessions.create(new LoginSession("b".repeat(32), id, "127.0.0.1", now.minusSeconds(7200),
                    now.minusSeconds(10)));
            assertThat(sessions.deleteExpired(now)).isEqualTo(1);
            assertThat(sessions.find("b".repeat(32))).isEmpty();
        }
        try (Database db = Database.open(config)) {
            LoginSession kept = db.sessions().find("a".repeat(32)).orElseThrow();
            assertThat(kept.accountId()).isEqualTo(id);
            assertThat(kept.validAt(now)).isTrue();
            assertThat(kept.validAt(now.plusSeconds(3600))).isFalse();
            assertThat(db.accounts().list()).extracting(Account::name).containsExactly("Carol");
            assertThat(db.sessions().delete("a".repeat(32))).isTrue();
            assertThat(db.sessions().delete("a".repeat(32))).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void createAllWritesEveryAccountOrNone(String kind) {
        try (Database db = Database.open(TestDatabases.config(kind, dir))) {
            AccountStore accounts = db.accounts();
            accounts.create("Taken", AccountType.REGULAR, Credentials.forPassword("pw", random), now);
            List<NewAccount> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                batch.add(new NewAccount("imp" + i, i % 2 == 0 ? AccountType.REGULAR : AccountType.PREMIUM,
                        Credentials.forPassword("pw" + i, random)));
            }
            List<NewAccount> withTaken = new java.util.ArrayList<>(batch);
            withTaken.add(new NewAccount("TAKEN", AccountType.REGULAR, Credentials.forPassword("x", random)));
            assertThatThrownBy(() -> accounts.createAll(withTaken, now)).isInstanceOf(DuplicateNameException.class)
                    .hasMessageContaining("'TAKEN'");
            assertThat(accounts.list()).hasSize(1);
            List<NewAccount> twice = List.of(batch.get(0),
                    new NewAccount("IMP0", AccountType.REGULAR, Credentials.forPassword("x", random)));
            assertThatThrownBy(() -> accounts.createAll(twice, now)).isInstanceOf(DuplicateNameException.class);
            assertThat(accounts.list()).hasSize(1);

            assertThat(accounts.createAll(batch, now)).isEqualTo(2000);
            assertThat(accounts.list()).hasSize(2001);
            Account last = accounts.findByName("IMP1999").orElseThrow();
            assertThat(last.type()).isEqualTo(AccountType.PREMIUM);
            assertThat(last.created()).isEqualTo(now);
            assertThat(accounts.credentials(last.id())).contains(batch.get(1999).credentials());

            // last-seen times in one batch
            java.util.Map<Long, Instant> seen = new java.util.HashMap<>();
            for (Account a : accounts.list()) {
                seen.put(a.id(), now.plusSeconds(a.id() % 100));
            }
            accounts.recordLastSeen(seen);
            assertThat(accounts.list()).allSatisfy(a -> assertThat(a.lastSeen()).isEqualTo(seen.get(a.id())));
        }
    }
}
