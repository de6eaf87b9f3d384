package org.honchat.server.admin;

import static org.honchat.server.admin.AdminApi.answer;
import static org.honchat.server.admin.AdminApi.done;
import static org.honchat.server.admin.AdminApi.notFound;
import static org.honchat.server.admin.AdminApi.ok;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.admin.AdminApi.Answer;
import org.honchat.server.net.ChatServer;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.DuplicateNameException;
import org.honchat.server.store.MatchmakingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's account endpoints: the store's accounts (a worker reads and writes them), with whether each is
 * online and, on disable or delete, its session closed (both on the hub).
 */
final class AdminAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAccounts.class);

    private final ChatServer chat;
    private final AccountStore accounts;
    private final MatchmakingStore matchmaking;
    private final ExecutorService workers;

    AdminAccounts(ChatServer chat, AccountStore accounts, MatchmakingStore matchmaking, ExecutorService workers) {
        this.chat = chat;
        this.accounts = accounts;
        this.matchmaking = matchmaking;
        this.workers = workers;
    }

    /** {@code q}, {@code offset}, {@code limit}: a page of the store's accounts by name, with who is online. */
    CompletableFuture<Answer> page(AdminApi.Request r) {
        String search = r.param("q", "");
        int offset = r.number("offset", 0, 0, Integer.MAX_VALUE);
        int limit = r.number("limit", 50, 1, AdminApi.MAX_PAGE);
        return CompletableFuture.supplyAsync(() -> {
            List<Map<String, Object>> views = new ArrayList<>();
            for (Account a : accounts.search(search, offset, limit)) {
                views.add(accountView(a));
            }
            return new Object[] {accounts.count(search), views};
        }, workers).thenCompose(page -> AdminApi.onHub(chat, actions -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> views = (List<Map<String, Object>>) page[1];
            for (Map<String, Object> view : views) {
                view.put("online", actions.session((String) view.get("name")) != null);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", page[0]);
            body.put("offset", offset);
            body.put("accounts", views);
            return ok(body);
        }));
    }

    CompletableFuture<Answer> accountDetail(String name) {
        return CompletableFuture.supplyAsync(() -> accounts.findByName(name).map(this::accountView), workers)
                .thenCompose(view -> view.isEmpty() ? CompletableFuture.completedFuture(notFound("no account named "
                        + name)) : AdminApi.onHub(chat, actions -> {
                            view.get().put("online", actions.session(name) != null);
                            return ok(view.get());
                        }));
    }

    /** What the console shows of an account: type, times, and the matchmaking ban's time left. Off the hub. */
    private Map<String, Object> accountView(Account a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", a.id());
        view.put("name", a.name());
        view.put("type", a.type().name().toLowerCase(Locale.ROOT));
        view.put("created", a.created().toString());
        view.put("lastSeen", a.lastSeen() == null ? null : a.lastSeen().toString());
        view.put("lastLogin", accounts.lastLogin(a.id()).map(Instant::toString).orElse(null));
        long banLeft = matchmaking.matchmakingBan(a.id()).map(until -> Duration.between(Instant.now(), until)
                .toSeconds()).filter(left -> left > 0).orElse(0L);
        view.put("matchmakingBanSecondsLeft", banLeft);
        return view;
    }

    CompletableFuture<Answer> createAccount(String name, String password, String typeName, String caller) {
        String problem = AccountNames.problem(name);
        if (problem != null) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", problem));
        }
        if (password.isEmpty()) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", "password must not be empty"));
        }
        AccountType type = typeName.isEmpty() ? AccountType.REGULAR : accountType(typeName);
        return CompletableFuture.supplyAsync(() -> {
            try {
                Account created = accounts.create(name, type, Credentials.forPassword(password, new SecureRandom()),
                        Instant.now());
                LOG.info("admin {}: created account {} ({})", caller, created.name(), typeName(type));
                return ok(Map.of("id", created.id(), "name", created.name(), "type", typeName(type)));
            } catch (DuplicateNameException e) {
                return answer(HttpResponseStatus.CONFLICT, Map.of("error", e.getMessage()));
            }
        }, workers);
    }

    /** A disabled account back in use, as {@code type} (default regular). */
    CompletableFuture<Answer> enable(String name, String typeName, String caller) {
        AccountType type = typeName.isEmpty() ? AccountType.REGULAR : accountType(typeName);
        if (type == AccountType.DISABLED) {
            throw new IllegalArgumentException("enable takes a type other than disabled");
        }
        return CompletableFuture.supplyAsync(() -> {
            Account account = accounts.findByName(name).orElse(null);
            if (account == null) {
                return notFound("no account named " + name);
            }
            accounts.setType(account.id(), type);
            LOG.info("admin {}: enabled account {} as {}", caller, account.name(), typeName(type));
            return ok(Map.of("enabled", account.name(), "type", typeName(type)));
        }, workers);
    }

    /** A matchmaking ban of {@code minutes} (0 lifts it); the account's groups are refused from its next login. */
    CompletableFuture<Answer> matchmakingBan(String name, long minutes, String caller) {
        if (minutes < 0 || minutes > 5_256_000) {
            throw new IllegalArgumentException("minutes must be 0 (lift) to 5256000 (ten years)");
        }
        return CompletableFuture.supplyAsync(() -> {
            Account account = accounts.findByName(name).orElse(null);
            if (account == null) {
                return notFound("no account named " + name);
            }
            Instant until = minutes == 0 ? null : Instant.now().plusSeconds(minutes * 60);
            matchmaking.setMatchmakingBan(account.id(), until);
            LOG.info("admin {}: {} {}", caller, account.name(), until == null ? "matchmaking ban lifted"
                    : "banned from matchmaking for " + minutes + " minutes");
            return ok(Map.of("account", account.name(), "matchmakingBanSecondsLeft", minutes * 60));
        }, workers);
    }

    private static AccountType accountType(String name) {
        for (AccountType type : AccountType.values()) {
            if (typeName(type).equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("type must be one of regular, premium, staff, disabled, server");
    }

    private static String typeName(AccountType type) {
        return switch (type) {
            case GAME_MASTER -> "gm";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Disables the account in the store, then closes its session at once (§3.11 logout for a game client). */
    CompletableFuture<Answer> disable(String name, String caller) {
        CompletableFuture<Account> stored = CompletableFuture.supplyAsync(() -> {
            Account account = accounts.findByName(name).orElse(null);
            if (account != null) {
                accounts.setType(account.id(), AccountType.DISABLED);
            }
            return account;
        }, workers);
        return stored.thenCompose(account -> {
            if (account == null) {
                return CompletableFuture.completedFuture(notFound("no account named " + name));
            }
            LOG.info("admin {}: disabled account {}", caller, account.name());
            return AdminApi.onHub(chat, actions -> ok(Map.of("disabled", account.name(), "sessionClosed",
                    actions.kick(account.id()))));
        });
    }

    /** Deletes the account from the store, then closes its session at once. */
    CompletableFuture<Answer> delete(String name, String caller) {
        CompletableFuture<Account> deleted = CompletableFuture.supplyAsync(() -> {
            Account account = accounts.findByName(name).orElse(null);
            return account != null && accounts.delete(account.id()) ? account : null;
        }, workers);
        return deleted.thenCompose(account -> {
            if (account == null) {
                return CompletableFuture.completedFuture(notFound("no account named " + name));
            }
            LOG.info("admin {}: deleted account {}", caller, account.name());
            return AdminApi.onHub(chat, actions -> ok(Map.of("deleted", account.name(), "sessionClosed",
                    actions.kick(account.id()))));
        });
    }
}
