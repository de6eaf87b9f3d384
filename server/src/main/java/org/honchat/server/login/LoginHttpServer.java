package org.honchat.server.login;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.net.HttpListener;
import org.honchat.server.net.HttpResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP {@code /client_requester.php} (docs/protocol.md §8.1): GET and POST, parameters from the query string and a
 * urlencoded body (the body wins), request targets in origin or absolute form, HTTP/1.0 and 1.1. Every answer is
 * status 200, {@code text/html; charset=UTF-8}, one PHP-serialized value. The login work runs on {@code workers},
 * never on the event loop.
 */
public final class LoginHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoginHttpServer.class);

    public static final String PATH = "/client_requester.php";
    /** docs/protocol.md §9.7: match servers and managers. */
    public static final String SERVER_PATH = "/server_requester.php";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final LoginService service;
    private final ExecutorService workers;
    private final HttpListener listener = new HttpListener(MAX_REQUEST_BYTES, Handler::new);

    public LoginHttpServer(ServerConfig config, LoginService service, ExecutorService workers) {
        this.config = config;
        this.service = service;
        this.workers = workers;
    }

    public void start(EventLoopGroup group) throws InterruptedException {
        listener.start(group, config.http().bindAddress(), config.http().port());
        LOG.info("login service listening on {}:{}{}", config.http().bindAddress(), port(), PATH);
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
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, request.protocolVersion(), HttpResponseStatus.BAD_REQUEST, "", false);
                return;
            }
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST) {
                respond(ctx, request.protocolVersion(), HttpResponseStatus.METHOD_NOT_ALLOWED, "", HttpUtil.isKeepAlive(request));
                return;
            }
            String target = originForm(request.uri());
            QueryStringDecoder query = new QueryStringDecoder(target, StandardCharsets.UTF_8);
            // §8.1: runs of "/" count as one (honpurple asks for //client_requester.php after a trailing "/")
            String path = query.path().replaceAll("/+", "/");
            boolean servers = SERVER_PATH.equals(path);
            if (!PATH.equals(path) && !servers) {
                respond(ctx, request.protocolVersion(), HttpResponseStatus.NOT_FOUND, "", HttpUtil.isKeepAlive(request));
                return;
            }
            Map<String, String> params = new HashMap<>();
            Map<String, Map<String, String>> arrays = new LinkedHashMap<>();
            putFirst(params, arrays, query.parameters());
            Map<String, List<String>> body = new QueryStringDecoder(
                    request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
            putFirst(params, arrays, body);
            Map<String, List<String>> lists = new HashMap<>();
            arrays.forEach((name, values) -> lists.put(name, List.copyOf(values.values())));
            LoginRequest login = new LoginRequest(params, lists, clientIp(ctx), requestHost(request, ctx),
                    body.containsKey("f"));
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpVersion version = request.protocolVersion();
            request.retain();
            try {
                workers.execute(() -> {
                    String answer;
                    try {
                        answer = servers ? service.handleServer(login) : service.handle(login);
                    } catch (RuntimeException e) {
                        LOG.warn("login function '{}' failed: {}", login.param("f"), e.toString());
                        answer = LoginService.FAILURE;
                    } finally {
                        request.release();
                    }
                    String body0 = answer;
                    ctx.executor().execute(() -> respond(ctx, version, HttpResponseStatus.OK, body0, keepAlive));
                });
            } catch (RejectedExecutionException busy) {
                request.release();
                respond(ctx, request.protocolVersion(), HttpResponseStatus.SERVICE_UNAVAILABLE, "", false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("login connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** {@code name[]} and {@code name[N]} (§8.1 array parameters): the list {@code name}, in order of appearance. */
    private static final java.util.regex.Pattern ARRAY = java.util.regex.Pattern.compile("(.+)\\[(\\d*)\\]");

    /**
     * Adds one source of parameters: a plain name keeps its first value (a later source replaces it, so the body
     * wins over the query); an array name adds its values to its list, an index replacing the same index.
     */
    private static void putFirst(Map<String, String> target, Map<String, Map<String, String>> arrays,
            Map<String, List<String>> source) {
        source.forEach((name, values) -> {
            java.util.regex.Matcher array = ARRAY.matcher(name);
            if (array.matches()) {
                Map<String, String> list = arrays.computeIfAbsent(array.group(1), n -> new LinkedHashMap<>());
                for (String value : values) {
                    list.put(array.group(2).isEmpty() ? "#" + list.size() : array.group(2), value);
                }
            } else if (!values.isEmpty()) {
                target.put(name, values.get(0));
            }
        });
    }

    /** §8.1: honpurple sends {@code GET http://host:port/client_requester.php?...}; route on the path. */
    static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.indexOf('/') > scheme) {
            int path = uri.indexOf('/', scheme + 3);
            return path < 0 ? "/" : uri.substring(path);
        }
        return uri;
    }

    private static String clientIp(ChannelHandlerContext ctx) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        return remote.getAddress().getHostAddress();
    }

    /** The host the client used (Host header without its port), else the address it connected to. */
    static String requestHost(FullHttpRequest request, ChannelHandlerContext ctx) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null && !host.isBlank()) {
            host = host.strip();
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                return close > 0 ? host.substring(0, close + 1) : host;
            }
            int colon = host.indexOf(':');
            return colon < 0 ? host : host.substring(0, colon);
        }
        return ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
    }

    private static void respond(ChannelHandlerContext ctx, HttpVersion version, HttpResponseStatus status,
            String body, boolean keepAlive) {
        HttpResponses.respond(ctx, version, status, body, keepAlive, "text/html; charset=UTF-8");
    }
}
