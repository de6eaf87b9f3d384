package org.honchat.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.ChannelStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.DuplicateNameException;
import org.honchat.server.store.MatchmakingStore;
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
    private final MatchmakingStore matchmaking;
    private final ChannelStore channels;
    private final String generalChannelName;
    private final ExecutorService workers;
    private final Metrics metrics;
    private final ActivitySampler activity;
    private final Instant started = Instant.now();
    private final String version;

    AdminApi(ChatServer chat, AccountStore accounts, ChannelStore channels, MatchmakingStore matchmaking,
            String generalChannelName, ExecutorService workers, Metrics metrics, ActivitySampler activity) {
        this.chat = chat;
        this.accounts = accounts;
        this.matchmaking = matchmaking;
        this.channels = channels;
        this.generalChannelName = generalChannelName;
        this.workers = workers;
        this.metrics = metrics;
        this.activity = activity;
        this.version = Version.current();
    }

    /** A request the routes see: the path's decoded name segment (or null), the query's parameters, the body. */
    record Request(String name, Map<String, String> params, String body, String caller) {

        String param(String key, String fallback) {
            String value = params.get(key);
            return value == null ? fallback : value;
        }

        /** A whole-number parameter within bounds; a bad one is the client's mistake (400). */
        int number(String key, int fallback, int min, int max) {
            String value = params.get(key);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(key + " must be " + min + "-" + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number");
            }
        }
    }

    /** One endpoint: method, path pattern under {@code /api/} ({@code *} is one encoded name), handler. */
    private record Route(HttpMethod method, String pattern, Function<Request, CompletableFuture<Answer>> handler,
            boolean local) {

        Route(HttpMethod method, String pattern, Function<Request, CompletableFuture<Answer>> handler) {
            this(method, pattern, handler, false);
        }

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
            new Route(HttpMethod.GET, "history", r -> history(r.param("range", "5m"))),
            new Route(HttpMethod.GET, "sessions", this::sessions),
            new Route(HttpMethod.GET, "sessions/*", r -> sessionDetail(r.name())),
            new Route(HttpMethod.POST, "sessions/*/kick", r -> kick(r.name(), r.caller())),
            new Route(HttpMethod.GET, "accounts", this::accounts),
            new Route(HttpMethod.POST, "accounts", r -> createAccount(field(r.body(), "name"),
                    field(r.body(), "password"), field(r.body(), "type"), r.caller())),
            new Route(HttpMethod.GET, "accounts/*", r -> accountDetail(r.name())),
            new Route(HttpMethod.POST, "accounts/*/disable", r -> disable(r.name(), r.caller())),
            new Route(HttpMethod.POST, "accounts/*/enable", r -> enable(r.name(), field(r.body(), "type"),
                    r.caller())),
            new Route(HttpMethod.POST, "accounts/*/mm-ban", r -> matchmakingBan(r.name(), number(r.body(),
                    "minutes"), r.caller())),
            new Route(HttpMethod.DELETE, "accounts/*", r -> delete(r.name(), r.caller())),
            new Route(HttpMethod.GET, "matchmaking", r -> matchmakingView()),
            // what this node knows of the cluster: answered here, not by the hub node
            new Route(HttpMethod.GET, "cluster", r -> clusterView(), true),
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
    CompletableFuture<Answer> handle(HttpMethod method, String rawPath, String rawQuery, String body,
            String caller) {
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
        if (chat.hubElsewhere() && !route.local()) {
            return viaHubNode(method, rawPath, rawQuery, body, caller);
        }
        try {
            Map<String, String> params = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                new QueryStringDecoder("?" + rawQuery).parameters().forEach((k, v) -> params.put(k, v.get(0)));
            }
            String name = null;
            String[] parts = route.pattern().split("/");
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("*")) {
                    name = PathSegments.decode(segments[i]);
                }
            }
            return route.handler().apply(new Request(name, params, body, caller));
        } catch (IllegalArgumentException e) {
            return done(HttpResponseStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
        }
    }

    /** {@code range=5m} (one point a second) or {@code 1h} (one point every 10 s). */
    private CompletableFuture<Answer> history(String range) {
        ActivitySampler.Range chosen = switch (range) {
            case "5m" -> ActivitySampler.Range.FIVE_MINUTES;
            case "1h" -> ActivitySampler.Range.ONE_HOUR;
            default -> throw new IllegalArgumentException("range must be 5m or 1h");
        };
        return done(HttpResponseStatus.OK, Map.of("range", range, "stepSeconds", chosen.stepSeconds,
                "samples", activity.history(chosen)));
    }

    /** The largest page an API list answers with. */
    static final int MAX_PAGE = 500;

    private static final Map<String, Comparator<OperatorActions.SessionView>> SESSION_ORDER = Map.of(
            "name", Comparator.comparing(v -> v.name().toLowerCase(Locale.ROOT)),
            "client", Comparator.comparing(OperatorActions.SessionView::clientKind),
            "address", Comparator.comparing(OperatorActions.SessionView::address),
            "status", Comparator.comparing(OperatorActions.SessionView::status),
            "connected", Comparator.comparingLong(OperatorActions.SessionView::connectedSinceMillis));

    /**
     * {@code q} (name contains, any case), {@code sort} (name, client, address, status, connected), {@code order}
     * (asc, desc), {@code offset}, {@code limit} (at most {@value #MAX_PAGE}): one page and the total. The hub only
     * filters; the sort and the page are cut on a worker, so 20,000 sessions cost the hub a filter pass.
     */
    private CompletableFuture<Answer> sessions(Request r) {
        String search = r.param("q", "");
        Comparator<OperatorActions.SessionView> order = SESSION_ORDER.get(r.param("sort", "name"));
        if (order == null) {
            throw new IllegalArgumentException("sort must be one of name, client, address, status, connected");
        }
        String direction = r.param("order", "asc");
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc");
        }
        int offset = r.number("offset", 0, 0, Integer.MAX_VALUE);
        int limit = r.number("limit", MAX_PAGE, 1, MAX_PAGE);
        Comparator<OperatorActions.SessionView> sorted = direction.equals("asc") ? order : order.reversed();
        return chat.query(d -> chat.domain().operators().sessions(search)).thenApplyAsync(all -> {
            List<OperatorActions.SessionView> page = all.stream().sorted(sorted.thenComparingLong(
                    OperatorActions.SessionView::accountId)).skip(offset).limit(limit).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", all.size());
            body.put("offset", offset);
            body.put("sessions", page);
            return ok(body);
        }, workers);
    }

    /** One session, with its matchmaking group if it is in one. */
    private CompletableFuture<Answer> sessionDetail(String name) {
        return onHub(actions -> {
            OperatorActions.SessionView view = actions.session(name);
            if (view == null) {
                return notFound("no session of " + name);
            }
            Map<String, Object> body = new LinkedHashMap<>(JSON.convertValue(view, Map.class));
            body.put("group", chat.domain().matchmaking().groupOf(view.accountId()));
            return ok(body);
        });
    }

    /** {@code q}, {@code offset}, {@code limit}: a page of the store's accounts by name, with who is online. */
    private CompletableFuture<Answer> accounts(Request r) {
        String search = r.param("q", "");
        int offset = r.number("offset", 0, 0, Integer.MAX_VALUE);
        int limit = r.number("limit", 50, 1, MAX_PAGE);
        return CompletableFuture.supplyAsync(() -> {
            List<Map<String, Object>> views = new ArrayList<>();
            for (Account a : accounts.search(search, offset, limit)) {
                views.add(accountView(a));
            }
            return new Object[] {accounts.count(search), views};
        }, workers).thenCompose(page -> onHub(actions -> {
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

    private CompletableFuture<Answer> accountDetail(String name) {
        return CompletableFuture.supplyAsync(() -> accounts.findByName(name).map(this::accountView), workers)
                .thenCompose(view -> view.isEmpty() ? CompletableFuture.completedFuture(notFound("no account named "
                        + name)) : onHub(actions -> {
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

    private CompletableFuture<Answer> createAccount(String name, String password, String typeName, String caller) {
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
    private CompletableFuture<Answer> enable(String name, String typeName, String caller) {
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
    private CompletableFuture<Answer> matchmakingBan(String name, long minutes, String caller) {
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

    /** Groups, match servers, managers, recent matches (from the hub) and the average wait. */
    private CompletableFuture<Answer> matchmakingView() {
        return onHub(actions -> {
            Map<String, Object> body = new LinkedHashMap<>(JSON.convertValue(
                    chat.domain().matchmaking().view(System.currentTimeMillis()), Map.class));
            body.put("averageWaitSeconds", metrics.averageWaitSeconds().get());
            return ok(body);
        });
    }

    /** Cluster mode: the live nodes, which holds the hub, and how old the node list is. */
    private CompletableFuture<Answer> clusterView() {
        if (chat.coordinator() == null) {
            return done(HttpResponseStatus.OK, Map.of("enabled", false));
        }
        return CompletableFuture.supplyAsync(this::clusterNodes, workers);
    }

    private Answer clusterNodes() {
        var coordinator = chat.coordinator();
        Map<String, Long> ages = coordinator.heartbeatAgesMillis();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (var node : coordinator.liveNodes()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("nodeId", node.nodeId());
            view.put("sessions", node.sessions());
            view.put("chat", node.chatHost() + ":" + node.chatPort());
            view.put("hub", node.nodeId().equals(coordinator.hubNode() == null ? null
                    : coordinator.hubNode().nodeId()));
            view.put("heartbeatAgeMillis", ages.get(node.nodeId()));
            nodes.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", true);
        body.put("thisNode", coordinator.nodeId());
        body.put("nodeListAgeMillis", coordinator.liveNodesAgeMillis());
        body.put("nodes", nodes);
        return ok(body);
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
    private CompletableFuture<Answer> viaHubNode(HttpMethod method, String path, String rawQuery, String body,
            String caller) {
        return chat.hubCalls().call("admin", method.name(), path, rawQuery == null ? "" : rawQuery,
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

    /** A whole-number field of a JSON object body; a missing or other field is the client's mistake (400). */
    private static long number(String body, String name) {
        JsonNode value = object(body).get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return value.asLong();
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
