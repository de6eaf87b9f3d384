package org.honchat.server.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.net.ChatServer;
import org.honchat.server.store.Database;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.net.HttpListener;
import org.honchat.server.net.HttpResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's port, apart from the public ones: {@code GET /metrics} in Prometheus text form, and the admin API
 * under {@code /api/} (JSON; every request needs the bearer token of {@link AdminToken}). Bound to loopback by
 * default ({@code admin.bindAddress}), so neither is published to the players' network.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);

    /** Prometheus scrape endpoint (README "Security and limits"). */
    public static final String METRICS_PATH = "/metrics";

    /** The admin API's prefix. */
    public static final String API_PATH = AdminApi.API_PREFIX;

    /** Liveness without a token, for a container's HEALTHCHECK or a load balancer. */
    public static final String HEALTH_PATH = "/health";

    private final ServerConfig.AdminConfig config;
    private final Metrics metrics;
    private final AdminToken token;
    private final AdminApi api;
    private final ChatServer chat;
    private final ActivitySampler activity;
    private final HttpListener listener = new HttpListener(65536, Handler::new);
    /** The web console: one page inside the jar, no external resources (README "Operations"). */
    private final String consolePage = consolePage();

    public AdminHttpServer(ServerConfig config, Metrics metrics, AdminToken token, ChatServer chat,
            Database database, ExecutorService workers) {
        this.config = config.admin();
        this.metrics = metrics;
        this.token = token;
        this.chat = chat;
        this.activity = new ActivitySampler(metrics);
        this.api = new AdminApi(chat, database.accounts(), database.channels(), database.matchmaking(),
                config.chat().generalChannelName(), workers, metrics, activity);
    }

    private static String consolePage() {
        try (java.io.InputStream in = AdminHttpServer.class.getResourceAsStream("/console/index.html")) {
            if (in == null) {
                throw new IllegalStateException("/console/index.html is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the console page", e);
        }
    }

    public void start(EventLoopGroup group) throws InterruptedException {
        listener.start(group, config.bindAddress(), config.port());
        if (chat.hubCalls() != null) {
            chat.hubCalls().register("admin", api::answerForwarded);
        }
        group.next().scheduleAtFixedRate(() -> activity.sample(java.time.Instant.now().getEpochSecond()), 1, 1,
                TimeUnit.SECONDS);
        LOG.info("admin port listening on {}:{} ({}, {})", config.bindAddress(), port(), METRICS_PATH, API_PATH);
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            HttpVersion version = request.protocolVersion();
            if (!request.decoderResult().isSuccess()) {
                // a request line or headers over the listener's limits, or not HTTP: answered, then closed
                Throwable cause = request.decoderResult().cause();
                HttpResponseStatus status = cause instanceof TooLongHttpLineException
                        ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                        : cause instanceof TooLongHttpHeaderException
                                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
                // the decoder could not read the version either: answer in HTTP/1.1
                String why = status == HttpResponseStatus.BAD_REQUEST ? "not a valid HTTP request"
                        : status.reasonPhrase() + " (request line at most " + HttpListener.MAX_LINE_BYTES
                                + " bytes, headers at most " + HttpListener.MAX_HEADER_BYTES + ")";
                json(ctx, HttpVersion.HTTP_1_1, AdminApi.answer(status, Map.of("error", why)), false);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.rawPath();
            if (path.startsWith(API_PATH)) {
                api(ctx, request, uri, keepAlive);
                return;
            }
            String page = switch (path) {
                case "/", "/console", "/console/" -> consolePage;
                case METRICS_PATH, HEALTH_PATH -> "";
                default -> null;
            };
            if (page == null) {
                json(ctx, version, AdminApi.notFound("no such page: " + path), keepAlive);
            } else if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                json(ctx, version, new AdminApi.Answer(HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"error\":\""
                        + request.method() + " is not allowed on " + path + " (allowed: GET, HEAD)\"}", "GET, HEAD"),
                        keepAlive);
            } else if (path.equals(HEALTH_PATH)) {
                health(ctx, version, keepAlive);
            } else if (path.equals(METRICS_PATH)) {
                HttpResponses.respond(ctx, version, HttpResponseStatus.OK, metrics.scrape(), keepAlive,
                        "text/plain; version=0.0.4; charset=utf-8");
            } else {
                HttpResponses.respond(ctx, version, HttpResponseStatus.OK, page, keepAlive,
                        "text/html; charset=utf-8");
            }
        }

        /** Unauthenticated, for a container's HEALTHCHECK: 200 when the hub answers within 2 s, else 503. */
        private void health(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive) {
            chat.query(directory -> Boolean.TRUE).orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((up, failure) -> ctx.executor().execute(() -> json(ctx, version, failure == null
                            ? AdminApi.ok(Map.of("status", "up"))
                            : AdminApi.answer(HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("status", "down",
                                    "error", "the chat hub did not answer within 2 s")), keepAlive)));
        }

        private void api(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
                boolean keepAlive) {
            HttpVersion version = request.protocolVersion();
            String caller = String.valueOf(ctx.channel().remoteAddress());
            if (!token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                metrics.adminUnauthorized.increment();
                LOG.debug("admin request from {} without a valid token: {} {}", caller, request.method(),
                        uri.rawPath());
                json(ctx, version, AdminApi.answer(HttpResponseStatus.UNAUTHORIZED,
                        Map.of("error", "a valid bearer token is needed")), keepAlive);
                return;
            }
            String body = request.content().toString(StandardCharsets.UTF_8);
            api.handle(request.method(), uri.rawPath(), uri.rawQuery(), body, caller)
                    .whenComplete((answer, failure) -> ctx.executor().execute(() -> {
                        if (failure != null) {
                            LOG.warn("admin request {} {} failed: {}", request.method(), uri.rawPath(),
                                    failure.toString());
                            json(ctx, version, AdminApi.answer(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                    Map.of("error", "the request failed; see the server log")), keepAlive);
                        } else {
                            json(ctx, version, answer, keepAlive);
                        }
                    }));
        }

        private void json(ChannelHandlerContext ctx, HttpVersion version, AdminApi.Answer answer,
                boolean keepAlive) {
            HttpResponses.respond(ctx, version, answer.status(), answer.json(), keepAlive,
                    "application/json; charset=utf-8", answer.allow());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("admin connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
