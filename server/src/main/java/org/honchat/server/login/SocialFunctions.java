package org.honchat.server.login;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;

/**
 * The login-service functions for chat features, docs/protocol.md §8.8: those the 4.10 client calls ({@code remove_buddy2},
 * {@code set_rank}, {@code clan_list}) and those honpurple calls ({@code nick2id}, {@code new_buddy},
 * {@code remove_buddy}, {@code get_all_stats}). The buddy changes go through the chat server ({@link ChatBridge}),
 * so online sessions hear of them as of the chat commands. Runs on the login service's worker threads.
 */
final class SocialFunctions {

    static final String OK = "a:1:{i:0;b:1;}";

    private final AccountStore accounts;
    private final LoginCookies cookies;
    private final SocialStore social;
    private final Clock clock;
    private volatile ChatBridge chat;

    SocialFunctions(AccountStore accounts, LoginCookies cookies, SocialStore social, Clock clock) {
        this.accounts = accounts;
        this.cookies = cookies;
        this.social = social;
        this.clock = clock;
    }

    void connectChat(ChatBridge bridge) {
        this.chat = bridge;
    }

    /** §8.8 remove_buddy2: the relation goes in both directions; the client then sends 0x0E. */
    String removeBuddy(LoginRequest request) {
        Optional<Account> account = cookies.account(request.param("cookie"));
        long buddyId = parseId(request.param("buddy_id"));
        if (account.isEmpty() || buddyId <= 0
                || (!request.param("account_id").isEmpty() && parseId(request.param("account_id")) != account.get().id())) {
            return LoginService.FAILURE;
        }
        social.removeBuddy(account.get().id(), buddyId);
        return new Php.Array().put("remove_buddy", "OK").put("notification", new Php.Array()
                .put(1, social.nextNotificationId()).put(2, social.nextNotificationId())).serialize();
    }

    /**
     * §8.8 set_rank: {@code Officer} or {@code Member} by the leader; {@code Remove} by oneself, the leader, or an
     * officer for a plain member (§6.8). The client then sends 0x15, 0x16 or 0x17.
     */
    String setRank(LoginRequest request) {
        Optional<Account> account = cookies.account(request.param("cookie"));
        long targetId = parseId(request.param("target_id"));
        if (account.isEmpty() || targetId <= 0) {
            return LoginService.FAILURE;
        }
        Optional<Social.Membership> mine = social.membership(account.get().id());
        Optional<Social.Membership> theirs = social.membership(targetId);
        if (mine.isEmpty() || theirs.isEmpty() || mine.get().clan().id() != theirs.get().clan().id()
                || (!request.param("clan_id").isEmpty() && parseId(request.param("clan_id")) != mine.get().clan().id())) {
            return LoginService.FAILURE;
        }
        ClanRank myRank = mine.get().rank();
        ClanRank targetRank = theirs.get().rank();
        boolean leader = myRank == ClanRank.LEADER && targetId != account.get().id();
        switch (request.param("rank")) {
            case "Officer":
                if (!leader || targetRank != ClanRank.MEMBER) {
                    return LoginService.FAILURE;
                }
                social.setRank(targetId, ClanRank.OFFICER);
                break;
            case "Member":
                if (!leader || targetRank != ClanRank.OFFICER) {
                    return LoginService.FAILURE;
                }
                social.setRank(targetId, ClanRank.MEMBER);
                break;
            case "Remove":
                boolean allowed = targetId == account.get().id() || myRank == ClanRank.LEADER
                        || (myRank == ClanRank.OFFICER && targetRank == ClanRank.MEMBER);
                if (!allowed) {
                    return LoginService.FAILURE;
                }
                social.removeMember(targetId);
                break;
            default:
                return LoginService.FAILURE;
        }
        return new Php.Array().put("set_rank", "Member updated.").serialize();
    }

    /** §8.8 clan_list: the roster of a clan, as in the login reply. */
    String clanList(LoginRequest request) {
        long clanId = parseId(request.param("clan_id"));
        Optional<Social.Clan> clan = clanId > 0 ? social.clan(clanId) : Optional.empty();
        Social.Membership view = clan.map(c -> new Social.Membership(c, ClanRank.MEMBER, Instant.EPOCH)).orElse(null);
        return new Php.Array().put("clan_roster",
                LoginReply.roster(view, clan.map(c -> social.members(c.id())).orElse(List.of()))).serialize();
    }

    /** §8.8 failure form of the honpurple functions: {@code a:2:{i:0;b:0;s:5:"error";s:N:"text";}}. */
    static String error(String text) {
        return new Php.Array().put(0, false).put("error", text).serialize();
    }

    /**
     * §8.8 nick2id: each name of {@code nickname[]} looked up bare and case-insensitively; the stored nickname maps
     * to the account id (a PHP string), in request order, then {@code vested_threshold} and {@code 0}.
     */
    String nickToId(LoginRequest request) {
        List<String> names = new ArrayList<>(request.list("nickname"));
        if (names.isEmpty() && !request.param("nickname").isEmpty()) {
            names.add(request.param("nickname"));
        }
        Php.Array reply = new Php.Array();
        for (String name : names) {
            accounts.findByName(AccountNames.bare(name))
                    .ifPresent(account -> reply.put(account.name(), Long.toString(account.id())));
        }
        if (reply.size() == 0) {
            return error("Nicknames not found");
        }
        return reply.put("vested_threshold", 5).put(0, true).serialize();
    }

    /** §8.8 new_buddy and remove_buddy: a valid cookie of {@code account_id}, and an existing {@code buddy_id}. */
    private Optional<long[]> buddyPair(LoginRequest request) {
        Optional<Account> account = cookies.account(request.param("cookie"));
        long buddyId = parseId(request.param("buddy_id"));
        if (account.isEmpty() || account.get().id() != parseId(request.param("account_id")) || buddyId <= 0
                || accounts.findById(buddyId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {account.get().id(), buddyId});
    }

    /** §8.8 new_buddy (honpurple): what chat 0x0D does for the pair, through the chat server. */
    String newBuddy(LoginRequest request) {
        Optional<long[]> pair = buddyPair(request);
        if (pair.isEmpty()) {
            return error("Invalid account or cookie");
        }
        Boolean accepted = await(chat().requestBuddy(pair.get()[0], pair.get()[1]));
        return Boolean.TRUE.equals(accepted) ? OK : error("Could not add this buddy");
    }

    /** §8.8 remove_buddy (honpurple): as chat 0x0E, pending requests too; success also when nothing was there. */
    String removeBuddyOfHonpurple(LoginRequest request) {
        Optional<long[]> pair = buddyPair(request);
        if (pair.isEmpty()) {
            return error("Invalid account or cookie");
        }
        await(chat().removeBuddy(pair.get()[0], pair.get()[1]));
        return OK;
    }

    /**
     * §8.8 get_all_stats: the 44 keys of each known account of {@code account_id[]} (statistics are 0 in this
     * phase), and the clan of those in one.
     */
    String allStats(LoginRequest request) {
        List<String> ids = new ArrayList<>(request.list("account_id"));
        if (ids.isEmpty() && !request.param("account_id").isEmpty()) {
            ids.add(request.param("account_id"));
        }
        Php.Array stats = new Php.Array();
        Php.Array clans = new Php.Array();
        for (String text : ids) {
            Optional<Account> found = accounts.findById(parseId(text));
            if (found.isEmpty()) {
                continue;
            }
            Account account = found.get();
            Php.Array entry = new Php.Array().put("account_id", Long.toString(account.id()))
                    .put("nickname", account.name()).put("level", "1");
            for (String key : ZERO_STATS) {
                entry.put(key, "0");
            }
            boolean online = Boolean.TRUE.equals(await(chat().isOnline(account.id())));
            entry.put("create_date", dateTime(account.created()))
                    .put("last_login", dateTime(accounts.lastLogin(account.id()).orElse(null)))
                    .put("last_activity", dateTime(online ? clock.instant() : account.lastSeen()));
            stats.put(account.id(), entry);
            social.membership(account.id()).ifPresent(m -> clans.put(account.id(), new Php.Array()
                    .put("name", m.clan().name()).put("tag", m.clan().tag())
                    .put("rank", LoginReply.rankName(m.rank()))));
        }
        if (stats.size() == 0) {
            return error("No stats found");
        }
        return new Php.Array().put("all_stats", stats).put("clan_info", clans).serialize();
    }

    /** §8.8 get_all_stats: the statistics keys between {@code level} and {@code create_date}, in order. */
    private static final List<String> ZERO_STATS = List.of("acc_exp", "acc_wins", "acc_losses", "acc_games_played",
            "acc_concedes", "acc_concedevotes", "acc_kicked", "acc_discos", "acc_pub_skill", "acc_herokills",
            "acc_deaths", "acc_buybacks", "acc_herodmg", "acc_heroexp", "acc_heroassists", "acc_denies",
            "acc_exp_denied", "acc_teamcreepkills", "acc_teamcreepdmg", "acc_teamcreepexp", "acc_neutralcreepkills",
            "acc_neutralcreepdmg", "acc_neutralcreepexp", "acc_razed", "acc_bdmg", "acc_bdmgexp", "acc_gold",
            "acc_herokillsgold", "acc_teamcreepgold", "acc_neutralcreepgold", "acc_bgold", "acc_goldlost2death",
            "acc_gold_spent", "acc_secs", "acc_secs_dead", "acc_actions", "acc_consumables", "acc_wards");

    private static final java.time.format.DateTimeFormatter DATE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private static String dateTime(Instant when) {
        return when == null ? "" : DATE_TIME.format(when);
    }

    private ChatBridge chat() {
        ChatBridge bridge = chat;
        if (bridge == null) {
            throw new IllegalStateException("the chat server is not running");
        }
        return bridge;
    }

    /** Waits for the chat server's answer on this worker thread (the hub answers in microseconds). */
    private static <T> T await(java.util.concurrent.CompletableFuture<T> answer) {
        try {
            return answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the chat server", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the chat server did not answer: " + e, e);
        }
    }

    private static long parseId(String text) {
        try {
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
