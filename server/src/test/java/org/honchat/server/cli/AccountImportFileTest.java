package org.honchat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.NewAccount;
import org.junit.jupiter.api.Test;

class AccountImportFileTest {

    private static final String SRP_P = "0123456789abcdef".repeat(4);

    private final SecureRandom random = new SecureRandom();

    @Test
    void readsTheThreeCredentialFormsTypesCommentsAndWindowsLineEnds() {
        AccountImportFile.Parsed parsed = AccountImportFile.parse(List.of(
                "# exported 2026-11-24",
                "",
                "Alice\tplain:pass word, with spaces",
                "Bob\tmd5:" + Credentials.md5Hex("bobpw").toUpperCase() + "\tpremium\r",
                "Carol\tsrp:AbCdEfGh12345678:" + SRP_P.toUpperCase() + "\tstaff",
                "   "), Set.of(), random);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.accounts()).extracting(NewAccount::name).containsExactly("Alice", "Bob", "Carol");
        assertThat(parsed.accounts()).extracting(NewAccount::type)
                .containsExactly(AccountType.REGULAR, AccountType.PREMIUM, AccountType.STAFF);
        // §8.3: whichever form, p is what the plain password gives with the stored salt2
        Credentials alice = parsed.accounts().get(0).credentials();
        assertThat(alice.srpPassword()).isEqualTo(Credentials.srpPassword(
                Credentials.md5Hex("pass word, with spaces"), alice.salt2()));
        Credentials bob = parsed.accounts().get(1).credentials();
        assertThat(Credentials.isSalt2(bob.salt2())).isTrue();
        assertThat(bob.srpPassword()).isEqualTo(Credentials.srpPassword(Credentials.md5Hex("bobpw"), bob.salt2()));
        assertThat(parsed.accounts().get(2).credentials()).isEqualTo(new Credentials("AbCdEfGh12345678", SRP_P));
    }

    @Test
    void everyBadLineIsReportedWithItsNumberAndNothingElseIsKept() {
        AccountImportFile.Parsed parsed = AccountImportFile.parse(List.of(
                "Good\tplain:pw",
                "NoTab plain:pw",
                "x\tplain:pw",
                "Has Space\tplain:pw",
                "EmptyPw\tplain:",
                "BadMd5\tmd5:1234",
                "BadSrp\tsrp:short:" + SRP_P,
                "BadPrefix\tsha1:abcd",
                "BadType\tplain:pw\temperor",
                "TooMany\tplain:pw\tregular\textra",
                "GOOD\tplain:other",
                "Existing\tplain:pw"), Set.of("existing"), random);

        assertThat(parsed.problems()).containsExactly(
                "line 2: expected NAME<TAB>CREDENTIAL[<TAB>TYPE], found 1 field (fields are separated by tabs)",
                "line 3: an account name has 2 to 16 characters, 'x' has 1",
                "line 4: an account name may hold only letters A-Z, digits and '_': 'Has Space'",
                "line 5: the password must not be empty",
                "line 6: md5: wants 32 hex digits, found '1234'",
                "line 7: srp: wants SALT2:P, 16 letters or digits then 64 hex digits",
                "line 8: the credential starts with plain:, md5: or srp:",
                "line 9: unknown account type 'emperor' (regular, premium, staff, disabled or server)",
                "line 10: expected NAME<TAB>CREDENTIAL[<TAB>TYPE], found 4 fields",
                "line 11: 'GOOD' is already on line 1",
                "line 12: an account named 'Existing' already exists");
    }
}
