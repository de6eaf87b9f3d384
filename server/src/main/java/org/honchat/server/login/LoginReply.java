package org.honchat.server.login;

import java.util.ArrayList;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Account;
import org.honchat.server.store.LoginSession;

/**
 * The login reply of docs/protocol.md §8.6, keys in the order of the spec's complete example. Values the spec marks
 * "PHP string" are strings even where they look numeric (honpurple parses them with {@code atoi}). Buddies and
 * clans, saved channels and the ignore list come from the shared store; the ban list, which nothing fills, carries
 * the spec's "none" form.
 */
final class LoginReply {

    private LoginReply() {
    }

    /** What the reply shows of an account's buddies and clan (§8.6). */
    record Social(List<Buddy> buddies, org.honchat.server.store.Social.Membership membership,
            List<org.honchat.server.store.Social.ClanMember> roster, long creatorId, List<String> chatrooms,
            List<Ignored> ignored) {
    }

    /** One ignored account (§8.9): its id and stored name. */
    record Ignored(long accountId, String name) {
    }

    /** One buddy: its name and clan tag ("" if none). */
    record Buddy(long accountId, String name, String clanTag) {
    }

    static final DateTimeFormatter JOIN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Where the client is told to connect for chat: {@code chat_url} and {@code chat_port} (§8.6). */
    record ChatAddress(String host, int port) {
    }

    /** §8.6 / §8.9: the ignored accounts in the order added; never an empty array (the client reads entry 0). */
    private static Php.Array ignoredList(String id, List<Ignored> ignored) {
        if (ignored.isEmpty()) {
            return new Php.Array().put("error", "No ignored users.");
        }
        Php.Array entries = new Php.Array();
        for (int i = 0; i < ignored.size(); i++) {
            entries.put(i, new Php.Array().put("ignored_id", Long.toString(ignored.get(i).accountId()))
                    .put("nickname", ignored.get(i).name()));
        }
        return new Php.Array().put(id, entries);
    }

    static Php.Array build(Account account, LoginSession session, String authHash, ChatAddress chat,
            ServerConfig config, String serverProof, Social social) {
        String id = Long.toString(account.id());
        List<String> upgrades = selectedUpgrades(account);
        Php.Array buddies = new Php.Array();
        for (int i = 0; i < social.buddies().size(); i++) {
            Buddy buddy = social.buddies().get(i);
            buddies.put(i, new Php.Array().put("buddy_id", Long.toString(buddy.accountId()))
                    .put("nickname", buddy.name()).put("clan_tag", buddy.clanTag()).put("group", "")
                    .put("status", "2"));
        }
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
                .put("chat_url", chat.host())
                .put("chat_port", Integer.toString(chat.port()))
                .put("chatrooms", Php.Array.list(social.chatrooms()))
                .put("buddy_list", new Php.Array().put(id, buddies))
                .put("ignored_list", ignoredList(id, social.ignored()))
                .put("banned_list", new Php.Array().put("error", "No banned users."))
                .put("clan_member_info", memberInfo(account, social))
                .put("clan_roster", roster(social.membership(), social.roster()))
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

    /** §8.6 clan_member_info: the member's own clan entry, or the one error form honpurple expects. */
    static Php.Array memberInfo(Account account, Social social) {
        org.honchat.server.store.Social.Membership m = social.membership();
        if (m == null) {
            return new Php.Array().put("error", "No clan member found");
        }
        return new Php.Array().put("clan_id", Long.toString(m.clan().id())).put("name", m.clan().name())
                .put("tag", m.clan().tag()).put("rank", rankName(m.rank()))
                .put("account_id", Long.toString(account.id())).put("creator", Long.toString(social.creatorId()))
                .put("join_date", JOIN_DATE.format(m.joined()));
    }

    /** §8.6 clan_roster, keyed by member id; also the answer of {@code f=clan_list} (§8.8). */
    static Php.Array roster(org.honchat.server.store.Social.Membership membership,
            List<org.honchat.server.store.Social.ClanMember> members) {
        if (membership == null || members.isEmpty()) {
            return new Php.Array().put("error", "No clan members found");
        }
        Php.Array roster = new Php.Array();
        for (org.honchat.server.store.Social.ClanMember member : members) {
            roster.put(Long.toString(member.accountId()), new Php.Array()
                    .put("account_id", Long.toString(member.accountId())).put("nickname", member.name())
                    .put("clan_id", Long.toString(membership.clan().id())).put("rank", rankName(member.rank()))
                    .put("message", "").put("join_date", JOIN_DATE.format(member.joined())));
        }
        return roster;
    }

    /** §4.7: the rank as the login reply writes it. */
    static String rankName(ClanRank rank) {
        switch (rank) {
            case LEADER:
                return "Leader";
            case OFFICER:
                return "Officer";
            default:
                return "Member";
        }
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
