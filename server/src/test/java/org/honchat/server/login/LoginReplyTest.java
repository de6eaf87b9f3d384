package org.honchat.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Account;
import org.honchat.server.store.LoginSession;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §8.2 and the complete example of §8.6, byte for byte. */
class LoginReplyTest {

    /** §8.6, complete example, with its buddy list as this phase sends it (buddies come with their issue). */
    static final String SPEC_EXAMPLE = "a:24:{i:0;b:1;s:10:\"account_id\";s:4:\"1000\";s:8:\"super_id\";s:4:\"1000\";"
            + "s:8:\"nickname\";s:5:\"Alice\";s:5:\"email\";s:17:\"alice@example.org\";s:12:\"account_type\";s:1:\"3\";"
            + "s:5:\"trial\";s:1:\"0\";s:7:\"susp_id\";s:1:\"0\";s:6:\"cookie\";s:12:\"5e3f1a2b9c4d\";"
            + "s:2:\"ip\";s:11:\"203.0.113.7\";s:9:\"auth_hash\";s:40:\"c3e6c413dfcd35fac131580b89ef07ceae4b514a\";"
            + "s:8:\"chat_url\";s:16:\"chat.example.net\";s:9:\"chat_port\";s:5:\"11031\";"
            + "s:9:\"chatrooms\";a:1:{i:0;s:3:\"HoN\";}"
            + "s:10:\"buddy_list\";BUDDIES"
            + "s:12:\"ignored_list\";a:1:{s:5:\"error\";s:17:\"No ignored users.\";}"
            + "s:11:\"banned_list\";a:1:{s:5:\"error\";s:16:\"No banned users.\";}"
            + "s:16:\"clan_member_info\";a:1:{s:5:\"error\";s:20:\"No clan member found\";}"
            + "s:11:\"clan_roster\";a:1:{s:5:\"error\";s:21:\"No clan members found\";}"
            + "s:17:\"selected_upgrades\";a:2:{i:0;s:8:\"cc.white\";i:1;s:15:\"ai.Default Icon\";}"
            + "s:11:\"my_upgrades\";a:2:{i:0;s:8:\"cc.white\";i:1;s:15:\"ai.Default Icon\";}"
            + "s:15:\"leaverthreshold\";s:4:\"0.05\";s:6:\"points\";s:1:\"0\";s:8:\"mmpoints\";i:0;}";

    @Test
    void reproducesTheSpecsCompleteExample() {
        Account alice = new Account(1000, "Alice", AccountType.REGULAR, "alice@example.org", "", "white",
                "Default Icon", 0, Instant.EPOCH, null);
        LoginSession session = new LoginSession("5e3f1a2b9c4d", 1000, "203.0.113.7", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60));
        AuthHash hash = new AuthHash("example-only-secret");
        String authHash = hash.compute(1000, "203.0.113.7", "5e3f1a2b9c4d");
        assertThat(authHash).isEqualTo("c3e6c413dfcd35fac131580b89ef07ceae4b514a");
        String reply = LoginReply.build(alice, session, authHash, new LoginReply.ChatAddress("chat.example.net", 11031),
                ServerConfig.defaults(), null, new LoginReply.Social(List.of(), null, List.of(), 0, List.of("HoN"),
                        List.of()))
                .serialize();
        // an empty buddy list in the { <own id>: {} } form the spec allows
        assertThat(reply).isEqualTo(SPEC_EXAMPLE.replace("BUDDIES", "a:1:{i:1000;a:0:{}}"));
    }

    @Test
    void phpValuesAndKeys() {
        assertThat(Php.serialize(true)).isEqualTo("b:1;");
        assertThat(Php.serialize(42L)).isEqualTo("i:42;");
        assertThat(Php.serialize("Grüße")).isEqualTo("s:7:\"Grüße\";");
        // a decimal string key is an integer key, as PHP writes it; leading zeros keep it a string
        assertThat(Php.serialize(new Php.Array().put("1000", "x").put("0100", "y").put("a", false)))
                .isEqualTo("a:3:{i:1000;s:1:\"x\";s:4:\"0100\";s:1:\"y\";s:1:\"a\";b:0;}");
        assertThat(Php.serialize(Php.Array.list(List.of("a", "b")))).isEqualTo("a:2:{i:0;s:1:\"a\";i:1;s:1:\"b\";}");
    }

    @Test
    void cosmeticsBecomeUpgradeCodes() {
        Account fancy = new Account(7, "Fancy", AccountType.PREMIUM, "", "flag", "goldshield", "Icon:2", 3,
                Instant.EPOCH, null);
        assertThat(LoginReply.selectedUpgrades(fancy)).containsExactly("cs.flag", "cc.goldshield", "ai.Icon:2");
    }
}
