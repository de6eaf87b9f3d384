package org.honchat.server.login;

import java.util.ArrayList;
import java.util.List;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Account;
import org.honchat.server.store.LoginSession;

/**
 * The login reply of PROTOCOL.md §8.6, keys in the order of the spec's complete example. Values the spec marks
 * "PHP string" are strings even where they look numeric (honpurple parses them with {@code atoi}). Buddies and
 * clans come with their issue; until then their keys carry the spec's "none" forms.
 */
final class LoginReply {

    private LoginReply() {
    }

    static Php.Array build(Account account, LoginSession session, String authHash, String chatHost,
            ServerConfig config, String serverProof) {
        String id = Long.toString(account.id());
        List<String> upgrades = selectedUpgrades(account);
        Php.Array reply = new Php.Array()
                .put(0, true)
                .put("account_id", id)
                .put("super_id", id)
                .put("nickname", account.name())
                .put("email", account.email())
                .put("account_type", Integer.toString(account.type().code()))
                .put("trial", "0")
                .put("susp_id", "0")
                .put("cookie", session.cookie())
                .put("ip", session.clientIp())
                .put("auth_hash", authHash)
                .put("chat_url", chatHost)
                .put("chat_port", Integer.toString(config.login().chatPort()))
                .put("chatrooms", Php.Array.list(List.of(config.chat().generalChannelName())))
                .put("buddy_list", new Php.Array().put(id, new Php.Array()))
                .put("ignored_list", new Php.Array().put("error", "No ignored users."))
                .put("banned_list", new Php.Array().put("error", "No banned users."))
                .put("clan_member_info", new Php.Array().put("error", "No clan member found"))
                .put("clan_roster", new Php.Array().put("error", "No clan members found"))
                .put("selected_upgrades", Php.Array.list(upgrades))
                .put("my_upgrades", Php.Array.list(upgrades))
                .put("leaverthreshold", "0.05")
                .put("points", "0")
                .put("mmpoints", 0);
        if (serverProof != null) {
            reply.put("proof", serverProof);
        }
        return reply;
    }

    /** §5: the cosmetics as upgrade codes with their prefixes. */
    static List<String> selectedUpgrades(Account account) {
        List<String> codes = new ArrayList<>(3);
        if (!account.chatSymbol().isEmpty()) {
            codes.add("cs." + account.chatSymbol());
        }
        codes.add("cc." + account.nameColour());
        codes.add("ai." + account.accountIcon());
        return codes;
    }
}
