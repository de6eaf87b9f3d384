package org.honchat.server.admin;

import static org.honchat.server.admin.AdminApi.answer;
import static org.honchat.server.admin.AdminApi.done;
import static org.honchat.server.admin.AdminApi.notFound;
import static org.honchat.server.admin.AdminApi.ok;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.server.admin.AdminApi.Answer;
import org.honchat.server.domain.core.ChannelNames;
import org.honchat.server.domain.operator.OperatorActions;
import org.honchat.server.net.ChatServer;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.ChannelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's permanent-channel endpoints: each change is made live on the hub and kept in the store (a
 * worker), in the order that leaves the two agreeing when the store refuses.
 */
final class AdminChannels {

    private static final Logger LOG = LoggerFactory.getLogger(AdminChannels.class);

    private final ChatServer chat;
    private final AccountStore accounts;
    private final ChannelStore channels;
    private final String generalChannelName;
    private final ExecutorService workers;

    AdminChannels(ChatServer chat, AccountStore accounts, ChannelStore channels, String generalChannelName,
            ExecutorService workers) {
        this.chat = chat;
        this.accounts = accounts;
        this.channels = channels;
        this.generalChannelName = generalChannelName;
        this.workers = workers;
    }

    /**
     * A permanent channel, open at once (joinable with the PERMANENT flag): the hub picks the next free id, the
     * store keeps it under that id; if the store refuses, the hub's channel is taken back. With {@code admin} (an
     * account name) that account is its first administrator; without, the first player to join becomes it (§6.3
     * step 12).
     */
    CompletableFuture<Answer> createChannel(String rawName, String topic, String password, String admin,
            String caller) {
        String name = ChannelNames.normalize(rawName);
        String problem = name.isEmpty() ? "'" + rawName + "' is not a channel name"
                : ChannelNames.reservedProblem(name, generalChannelName);
        if (problem == null && topic.codePointCount(0, topic.length()) > 140) {
            problem = "a topic has at most 140 characters";
        }
        if (problem != null) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", problem));
        }
        CompletableFuture<Account> administrator = admin.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> accounts.findByName(admin).orElse(null), workers);
        return administrator.thenCompose(account -> {
            if (!admin.isEmpty() && account == null) {
                return CompletableFuture.completedFuture(notFound("no account named '" + admin + "'"));
            }
            return openPermanent(name, topic, password, account, caller);
        });
    }

    private CompletableFuture<Answer> openPermanent(String name, String topic, String password, Account admin,
            String caller) {
        return chat.query(d -> chat.domain().operators().openPermanent(name, topic, password)).thenCompose(id -> {
            if (id < 0) {
                return CompletableFuture.completedFuture(answer(HttpResponseStatus.CONFLICT,
                        Map.of("error", "a channel named '" + name + "' exists")));
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    boolean stored = channels.create(name, ChannelFlags.PERMANENT, topic, password, id - 1).id() == id;
                    if (stored && admin != null) {
                        channels.setAdmin(id, admin.id(), AdminLevel.ADMINISTRATOR);
                    }
                    return stored;
                } catch (RuntimeException e) {
                    LOG.warn("admin {}: channel {} could not be stored: {}", caller, name, e.toString());
                    return false;
                }
            }, workers).thenCompose(stored -> {
                if (!stored) {
                    return AdminApi.onHub(chat, actions -> {
                        actions.abandonPermanent(id);
                        return answer(HttpResponseStatus.CONFLICT, Map.of("error",
                                "the store refused channel '" + name + "' (a stored channel of that name exists?)"));
                    });
                }
                LOG.info("admin {}: created permanent channel {} '{}'{}", caller, id, name,
                        admin == null ? "" : " with administrator " + admin.name());
                if (admin == null) {
                    return CompletableFuture.completedFuture(ok(Map.of("id", id, "name", name)));
                }
                return AdminApi.onHub(chat, actions -> {
                    actions.setAdmin(name, admin.id(), AdminLevel.ADMINISTRATOR);
                    return ok(Map.of("id", id, "name", name, "admin", admin.name()));
                });
            });
        });
    }

    /**
     * A permanent channel deleted from the store; live it goes at once when empty, else when its last member
     * leaves.
     */
    CompletableFuture<Answer> deleteChannel(String rawName, String caller) {
        String name = ChannelNames.normalize(rawName);
        return chat.query(d -> chat.domain().operators().permanentId(name)).thenCompose(id -> {
            if (id < 0) {
                return CompletableFuture.completedFuture(notFound("no permanent channel named '" + name + "'"));
            }
            return CompletableFuture.supplyAsync(() -> channels.delete(id), workers).thenCompose(deleted ->
                    AdminApi.onHub(chat, actions -> {
                        actions.abandonPermanent(id);
                        LOG.info("admin {}: deleted permanent channel {} '{}'", caller, id, name);
                        return ok(Map.of("deleted", name));
                    }));
        });
    }

    /** Topic and/or password of a permanent channel, live for its members and in the store. */
    CompletableFuture<Answer> changeChannel(String rawName, String topic, String password, String caller) {
        String name = ChannelNames.normalize(rawName);
        if (topic != null && topic.codePointCount(0, topic.length()) > 140) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", "a topic has at most 140 characters"));
        }
        return chat.query(d -> chat.domain().operators().changePermanent(name, topic, password)).thenCompose(s -> {
            if (s == null) {
                return CompletableFuture.completedFuture(notFound("no permanent channel named '" + name + "'"));
            }
            return CompletableFuture.supplyAsync(() -> {
                channels.updateSettings(s.id(), s.flags(), s.topic(), s.password());
                LOG.info("admin {}: changed permanent channel {} '{}'{}{}", caller, s.id(), name,
                        topic != null ? " (topic)" : "", password != null ? " (password)" : "");
                return ok(Map.of("id", s.id(), "topic", s.topic(), "password", !s.password().isEmpty()));
            }, workers);
        });
    }

    /** An account's admin level in a permanent channel, live (0x2F to its members) and in the store. */
    CompletableFuture<Answer> setAdmin(String rawName, String accountName, String levelName,
            String caller) {
        String name = ChannelNames.normalize(rawName);
        AdminLevel level = OperatorActions.levelNamed(levelName);
        if (level == null) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", "unknown level '" + levelName
                    + "' (none, officer, leader or administrator)"));
        }
        return CompletableFuture.supplyAsync(() -> accounts.findByName(accountName), workers).thenCompose(account -> {
            if (account.isEmpty()) {
                return CompletableFuture.completedFuture(notFound("no account named '" + accountName + "'"));
            }
            long accountId = account.get().id();
            return chat.query(d -> chat.domain().operators().setAdmin(name, accountId, level)).thenCompose(id -> {
                if (id < 0) {
                    return CompletableFuture.completedFuture(notFound("no permanent channel named '" + name + "'"));
                }
                return CompletableFuture.supplyAsync(() -> {
                    channels.setAdmin(id, accountId, level);
                    LOG.info("admin {}: {} is {} in channel {} '{}'", caller, account.get().name(),
                            level.name().toLowerCase(Locale.ROOT), id, name);
                    return ok(Map.of("channel", name, "account", account.get().name(), "level",
                            level.name().toLowerCase(Locale.ROOT)));
                }, workers);
            });
        });
    }
}
