package org.honchat.server.admin;

import static org.honchat.server.admin.JsonBody.field;
import static org.honchat.server.admin.JsonBody.number;
import static org.honchat.server.admin.JsonBody.optionalField;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
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
import org.honchat.server.config.Version;
import org.honchat.server.domain.core.Text;
import org.honchat.server.domain.operator.OperatorActions;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.net.ChatServer;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.ChannelStore;
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
    private final ExecutorService workers;
    private final Metrics metrics;
    private final ActivitySampler activity;
    private final Instant started = Instant.now();
    private final String version;
    private final List<Route> routes;
    private final AdminAccounts accountEndpoints;
    private final AdminChannels channelEndpoints;

    AdminApi(ChatServer chat, AccountStore accounts, ChannelStore channels, MatchmakingStore matchmaking,
            String generalChannelName, ExecutorService workers, Metrics metrics, ActivitySampler activity) {
        this.chat = chat;
        this.workers = workers;
        this.metrics = metrics;
        this.activity = activity;
        this.version = Version.current();
        this.accountEndpoints = new AdminAccounts(chat, accounts, matchmaking, workers);
        this.channelEndpoints = new AdminChannels(chat, accounts, channels, generalChannelName, workers);
        this.routes = table();
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
    private List<Route> table() {
        return List.of(
            new Route(HttpMethod.GET, "status", r -> status()),
            new Route(HttpMethod.GET, "history", r -> history(r.param("range", "5m"))),
            new Route(HttpMethod.GET, "sessions", this::sessions),
            new Route(HttpMethod.GET, "sessions/*", r -> sessionDetail(r.name())),
            new Route(HttpMethod.POST, "sessions/*/kick", r -> kick(r.name(), r.caller())),
            new Route(HttpMethod.GET, "accounts", r -> accountEndpoints.page(r)),
            new Route(HttpMethod.POST, "accounts", r -> accountEndpoints.createAccount(field(r.body(), "name"),
                    field(r.body(), "password"), field(r.body(), "type"), r.caller())),
            new Route(HttpMethod.GET, "accounts/*", r -> accountEndpoints.accountDetail(r.name())),
            new Route(HttpMethod.POST, "accounts/*/disable", r -> accountEndpoints.disable(r.name(), r.caller())),
            new Route(HttpMethod.POST, "accounts/*/enable", r -> accountEndpoints.enable(r.name(),
                    field(r.body(), "type"), r.caller())),
            new Route(HttpMethod.POST, "accounts/*/mm-ban", r -> accountEndpoints.matchmakingBan(r.name(),
                    number(r.body(), "minutes"), r.caller())),
            new Route(HttpMethod.DELETE, "accounts/*", r -> accountEndpoints.delete(r.name(), r.caller())),
            new Route(HttpMethod.GET, "matchmaking", r -> matchmakingView()),
            // what this node knows of the cluster: answered here, not by the hub node
            new Route(HttpMethod.GET, "cluster", r -> clusterView(), true),
            new Route(HttpMethod.GET, "channels", r -> onHub(actions -> ok(Map.of("channels", actions.channels())))),
            new Route(HttpMethod.POST, "channels", r -> channelEndpoints.createChannel(field(r.body(), "name"),
                    field(r.body(), "topic"), field(r.body(), "password"), field(r.body(), "admin"), r.caller())),
            new Route(HttpMethod.GET, "channels/*", r -> onHub(actions -> found(actions.channel(r.name()),
                    "no channel " + r.name()))),
            new Route(HttpMethod.PUT, "channels/*", r -> channelEndpoints.changeChannel(r.name(),
                    optionalField(r.body(), "topic"), optionalField(r.body(), "password"), r.caller())),
            new Route(HttpMethod.DELETE, "channels/*", r -> channelEndpoints.deleteChannel(r.name(), r.caller())),
            new Route(HttpMethod.POST, "channels/*/admins", r -> channelEndpoints.setAdmin(r.name(),
                    field(r.body(), "account"), field(r.body(), "level"), r.caller())),
            new Route(HttpMethod.POST, "broadcast", r -> broadcast(field(r.body(), "message"), r.caller())));
    }

    /**
     * Routes one authenticated request. {@code rawPath} is the path as sent (still percent-encoded), so a name
     * holding {@code /} ({@code %2F}) stays one segment; {@code caller} is the peer's address, for the log.
     */
    CompletableFuture<Answer> handle(HttpMethod method, String rawPath, String rawQuery, String body,
            String caller) {
        // decoded once, first: a malformed query is answered before anything runs
        Map<String, String> params = new LinkedHashMap<>();
        try {
            if (rawQuery != null && !rawQuery.isEmpty()) {
                new QueryStringDecoder("?" + rawQuery).parameters().forEach((k, v) -> params.put(k, v.get(0)));
            }
        } catch (IllegalArgumentException e) {
            return done(HttpResponseStatus.BAD_REQUEST,
                    Map.of("error", "the query string is not valid percent-encoding"));
        }
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

    private CompletableFuture<Answer> onHub(Function<OperatorActions, Answer> work) {
        return onHub(chat, work);
    }

    /** {@code work} on the hub's operator actions (the hub's thread), its result when done. */
    static <T> CompletableFuture<T> onHub(ChatServer chat, Function<OperatorActions, T> work) {
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
}
