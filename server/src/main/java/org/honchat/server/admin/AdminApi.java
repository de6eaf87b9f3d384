package org.honchat.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.server.config.Version;
import org.honchat.server.domain.core.ChannelNames;
import org.honchat.server.domain.core.Text;
import org.honchat.server.domain.operator.OperatorActions;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.net.ChatServer;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.ChannelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API (JSON over HTTP on the admin port, README "Operations"): status, sessions, kick, account disable,
 * channels, broadcast. Reads of the chat state run on the hub; store writes on a worker; nothing blocks the
 * admin port's event loop. Every state-changing call is logged once at INFO with the caller's address.
 */
public final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: HTTP status and JSON body. */
    public record Answer(HttpResponseStatus status, String json, String allow) {

        Answer(HttpResponseStatus status, String json) {
            this(status, json, null);
        }
    }

    /** Where the API's paths start. */
    static final String API_PREFIX = "/api/";

    private final ChatServer chat;
    private final AccountStore accounts;
    private final ChannelStore channels;
    private final String generalChannelName;
    private final ExecutorService workers;
    private final Metrics metrics;
    private final ActivitySampler activity;
    private final Instant started = Instant.now();
    private final String version;

    AdminApi(ChatServer chat, AccountStore accounts, ChannelStore channels, String generalChannelName,
            ExecutorService workers, Metrics metrics, ActivitySampler activity) {
        this.chat = chat;
        this.accounts = accounts;
        this.channels = channels;
        this.generalChannelName = generalChannelName;
        this.workers = workers;
        this.metrics = metrics;
        this.activity = activity;
        this.version = Version.current();
    }

    /** A request the routes see: the path's decoded name segment (or null), the query's {@code q}, the body. */
    record Request(String name, String query, String body, String caller) {
    }

    /** One endpoint: method, path pattern under {@code /api/} ({@code *} is one encoded name), handler. */
    private record Route(HttpMethod method, String pattern, Function<Request, CompletableFuture<Answer>> handler) {

        boolean matches(String[] segments) {
            String[] parts = pattern.split("/");
            if (parts.length != segments.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("*") ? segments[i].isEmpty() : !parts[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Every endpoint of the admin API (README "The admin API"); a path with no route for its method is 405. */
    private final List<Route> routes = List.of(
            new Route(HttpMethod.GET, "status", r -> status()),
            new Route(HttpMethod.GET, "history", r -> history()),
            new Route(HttpMethod.GET, "sessions", r -> onHub(actions -> ok(Map.of("sessions",
                    actions.sessions(r.query() == null ? "" : r.query()))))),
            new Route(HttpMethod.GET, "sessions/*", r -> onHub(actions -> found(actions.session(r.name()),
                    "no session of " + r.name()))),
            new Route(HttpMethod.POST, "sessions/*/kick", r -> kick(r.name(), r.caller())),
            new Route(HttpMethod.POST, "accounts/*/disable", r -> disable(r.name(), r.caller())),
            new Route(HttpMethod.DELETE, "accounts/*", r -> delete(r.name(), r.caller())),
            new Route(HttpMethod.GET, "channels", r -> onHub(actions -> ok(Map.of("channels", actions.channels())))),
            new Route(HttpMethod.POST, "channels", r -> createChannel(field(r.body(), "name"),
                    field(r.body(), "topic"), field(r.body(), "password"), field(r.body(), "admin"), r.caller())),
            new Route(HttpMethod.GET, "channels/*", r -> onHub(actions -> found(actions.channel(r.name()),
                    "no channel " + r.name()))),
            new Route(HttpMethod.PUT, "channels/*", r -> changeChannel(r.name(), optionalField(r.body(), "topic"),
                    optionalField(r.body(), "password"), r.caller())),
            new Route(HttpMethod.DELETE, "channels/*", r -> deleteChannel(r.name(), r.caller())),
            new Route(HttpMethod.POST, "channels/*/admins", r -> setAdmin(r.name(), field(r.body(), "account"),
                    field(r.body(), "level"), r.caller())),
            new Route(HttpMethod.POST, "broadcast", r -> broadcast(field(r.body(), "message"), r.caller())));

    /**
     * Routes one authenticated request. {@code rawPath} is the path as sent (still percent-encoded), so a name
     * holding {@code /} ({@code %2F}) stays one segment; {@code caller} is the peer's address, for the log.
     */
    CompletableFuture<Answer> handle(HttpMethod method, String rawPath, String query, String body, String caller) {
        String[] segments = rawPath.substring(API_PREFIX.length()).split("/", -1);
        List<Route> forPath = routes.stream().filter(route -> route.matches(segments)).toList();
        if (forPath.isEmpty()) {
            return done(HttpResponseStatus.NOT_FOUND, Map.of("error", "no such endpoint: " + rawPath));
        }
        Route route = forPath.stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
        if (route == null) {
            String allowed = forPath.stream().map(r -> r.method().name()).collect(Collectors.joining(", "));
            return CompletableFuture.completedFuture(new Answer(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    json(Map.of("error", method + " is not allowed on " + rawPath + " (allowed: " + allowed + ")")),
                    allowed));
        }
        if (chat.hubElsewhere()) {
            return viaHubNode(method, rawPath, query, body, caller);
        }
        try {
            String name = null;
            String[] parts = route.pattern().split("/");
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("*")) {
                    name = PathSegments.decode(segments[i]);
                }
            }
            return route.handler().apply(new Request(name, query, body, caller));
        } catch (IllegalArgumentException e) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
        }
    }

    private CompletableFuture<Answer> history() {
        return done(HttpResponseStatus.OK, Map.of("samples", activity.history()));
    }

    private CompletableFuture<Answer> kick(String name, String caller) {
        return onHub(actions -> {
            boolean kicked = actions.kick(name);
            if (kicked) {
                LOG.info("admin {}: kicked {}", caller, name);
            }
            return kicked ? ok(Map.of("kicked", name)) : notFound("no session of " + name);
        });
    }

    /** {@code 0x39} from {@code Server Message}, at most what fits its frame (§1.4 rule 3). */
    private CompletableFuture<Answer> broadcast(String message, String caller) {
        if (message.isBlank()) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", "message must not be empty"));
        }
        int bytes = Text.utf8Length(message);
        if (bytes > OperatorActions.BROADCAST_MAX_BYTES) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", "message is " + bytes + " bytes of UTF-8; "
                    + "a broadcast has at most " + OperatorActions.BROADCAST_MAX_BYTES + " (one 0x39 frame)",
                    "limitBytes", OperatorActions.BROADCAST_MAX_BYTES));
        }
        return onHub(actions -> {
            int sent = actions.broadcast(message);
            LOG.info("admin {}: broadcast to {} sessions ({} bytes)", caller, sent, bytes);
            return ok(Map.of("sessions", sent));
        });
    }

    private CompletableFuture<Answer> status() {
        return onHub(actions -> {
            ActivitySampler.Sample now = activity.latest();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("version", version);
            status.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
            status.put("sessions", actions.onlineCount());
            status.put("channels", actions.channelCount());
            status.put("connections", metrics.connectionsOpen().get());
            status.put("messagesPerSecond", now.messagesPerSecond());
            status.put("loginsPerSecond", now.loginsPerSecond());
            status.put("matchServers", metrics.matchServersConnected().get());
            status.put("queuedGroups", metrics.queuedGroups().get());
            status.put("broadcastLimitBytes", OperatorActions.BROADCAST_MAX_BYTES);
            if (chat.coordinator() != null) {
                // cluster mode: the answer comes from the node that holds the hub; connections are that node's
                Map<String, Object> cluster = new LinkedHashMap<>();
                cluster.put("hubNode", chat.coordinator().nodeId());
                cluster.put("nodes", chat.coordinator().liveNodes().stream().map(node -> Map.of("nodeId",
                        node.nodeId(), "sessions", node.sessions(), "chat", node.chatHost() + ":" + node.chatPort()))
                        .toList());
                status.put("cluster", cluster);
            }
            return ok(status);
        });
    }

    /** Disables the account in the store, then closes its session at once (§3.11 logout for a game client). */
    private CompletableFuture<Answer> disable(String name, String caller) {
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
            return onHub(actions -> ok(Map.of("disabled", account.name(), "sessionClosed",
                    actions.kick(account.id()))));
        });
    }

    /**
     * A permanent channel, open at once (joinable with the PERMANENT flag): the hub picks the next free id, the
     * store keeps it under that id; if the store refuses, the hub's channel is taken back. With {@code admin} (an
     * account name) that account is its first administrator; without, the first player to join becomes it (§6.3
     * step 12).
     */
    private CompletableFuture<Answer> createChannel(String rawName, String topic, String password, String admin,
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
                    return onHub(actions -> {
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
                return onHub(actions -> {
                    actions.setAdmin(name, admin.id(), AdminLevel.ADMINISTRATOR);
                    return ok(Map.of("id", id, "name", name, "admin", admin.name()));
                });
            });
        });
    }

    /** A permanent channel deleted from the store; live it goes at once when empty, else when its last member leaves. */
    private CompletableFuture<Answer> deleteChannel(String rawName, String caller) {
        String name = ChannelNames.normalize(rawName);
        return chat.query(d -> chat.domain().operators().permanentId(name)).thenCompose(id -> {
            if (id < 0) {
                return CompletableFuture.completedFuture(notFound("no permanent channel named '" + name + "'"));
            }
            return CompletableFuture.supplyAsync(() -> channels.delete(id), workers).thenCompose(deleted ->
                    onHub(actions -> {
                        actions.abandonPermanent(id);
                        LOG.info("admin {}: deleted permanent channel {} '{}'", caller, id, name);
                        return ok(Map.of("deleted", name));
                    }));
        });
    }

    /** Topic and/or password of a permanent channel, live for its members and in the store. */
    private CompletableFuture<Answer> changeChannel(String rawName, String topic, String password, String caller) {
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
    private CompletableFuture<Answer> setAdmin(String rawName, String accountName, String levelName,
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

    /** Deletes the account from the store, then closes its session at once. */
    private CompletableFuture<Answer> delete(String name, String caller) {
        CompletableFuture<Account> deleted = CompletableFuture.supplyAsync(() -> {
            Account account = accounts.findByName(name).orElse(null);
            return account != null && accounts.delete(account.id()) ? account : null;
        }, workers);
        return deleted.thenCompose(account -> {
            if (account == null) {
                return CompletableFuture.completedFuture(notFound("no account named " + name));
            }
            LOG.info("admin {}: deleted account {}", caller, account.name());
            return onHub(actions -> ok(Map.of("deleted", account.name(), "sessionClosed",
                    actions.kick(account.id()))));
        });
    }

    /**
     * Cluster mode: the sessions and channels live on the node that holds the hub, so the request is answered
     * there (docs/cluster.md); this node has already checked the token.
     */
    private CompletableFuture<Answer> viaHubNode(HttpMethod method, String path, String query, String body,
            String caller) {
        return chat.hubCalls().call("admin", method.name(), path, query == null ? "" : query,
                body == null ? "" : body, caller + " via node " + chat.coordinator().nodeId())
                .thenApply(encoded -> {
                    int newline = encoded.indexOf('\n');
                    return new Answer(HttpResponseStatus.valueOf(Integer.parseInt(encoded.substring(0, newline))),
                            encoded.substring(newline + 1));
                })
                .exceptionally(failure -> answer(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        Map.of("error", "the node that holds the hub did not answer: " + failure.getMessage())));
    }

    /** On the node that holds the hub: answers another node's forwarded request. */
    CompletableFuture<String> answerForwarded(List<String> request) {
        return handle(HttpMethod.valueOf(request.get(0)), request.get(1),
                request.get(2).isEmpty() ? null : request.get(2), request.get(3), request.get(4))
                .thenApply(answer -> answer.status().code() + "\n" + answer.json());
    }

    private CompletableFuture<Answer> onHub(java.util.function.Function<OperatorActions, Answer> work) {
        return chat.query(directory -> work.apply(chat.domain().operators()));
    }

    private static Answer found(Object view, String missing) {
        return view == null ? notFound(missing) : ok(view);
    }

    static Answer ok(Object body) {
        return answer(HttpResponseStatus.OK, body);
    }

    static Answer notFound(String error) {
        return answer(HttpResponseStatus.NOT_FOUND, Map.of("error", error));
    }

    static CompletableFuture<Answer> done(HttpResponseStatus status, Object body) {
        return CompletableFuture.completedFuture(answer(status, body));
    }

    static Answer answer(HttpResponseStatus status, Object body) {
        return new Answer(status, json(body));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + body, e);
        }
    }

    /** A string field of a JSON object body; null when absent. */
    private static String optionalField(String body, String name) {
        JsonNode value = object(body).get(name);
        return value == null || value.isNull() ? null : text(value, name);
    }

    /** A string field of a JSON object body; "" when absent; a field of another type is a mistake (400). */
    private static String field(String body, String name) {
        JsonNode value = object(body).get(name);
        return value == null || value.isNull() ? "" : text(value, name);
    }

    private static String text(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asText();
    }

    private static JsonNode object(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
    }

}
