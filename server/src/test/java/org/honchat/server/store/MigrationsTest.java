package org.honchat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A released migration never changes, not even a comment: Flyway checks every applied migration's checksum at each
 * start, and a changed one stops every server whose database has it (docs/operations.md "Upgrade"). A change to the
 * schema is a new migration; add its file and its digest here.
 */
class MigrationsTest {

    private static final Map<String, String> RELEASED = Map.of(
            "V1__accounts_and_sessions.sql", "276713ae5651c90affd4f0a8f33c9ba41d434b5bafed1e82389d4cd40d137e74",
            "V2__permanent_channels.sql", "c90edaca0a656613674bf4bbb09e40b518c54211339c0e15cc623dc5dc5afc8f",
            "V3__buddies_and_clans.sql", "cdb3e8f5ec62974638980c9011711bb8ec1b31671d16a2bcf2b37d71da87d91c",
            "V4__matchmaking.sql", "3ee96177084b706f0b03aba9b2285ce5e308e3eb0c65f02ae66ddbf7deb97875",
            "V5__saved_channels_ignored_last_login.sql",
            "2f9c8066cdf18bbce3adfb89ce605bca6550bca7106f7a533f45d5227a60d0c7");

    @Test
    void everyReleasedMigrationIsByteForByteWhatWasReleased() throws Exception {
        for (Map.Entry<String, String> migration : RELEASED.entrySet()) {
            assertThat(sha256("/db/migration/" + migration.getKey())).as(migration.getKey())
                    .isEqualTo(migration.getValue());
        }
    }

    private static String sha256(String resource) throws IOException, java.security.NoSuchAlgorithmException {
        try (InputStream in = MigrationsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
