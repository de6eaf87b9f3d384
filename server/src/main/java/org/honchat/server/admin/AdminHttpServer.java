package org.honchat.server.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.net.HttpListener;
import org.honchat.server.net.HttpResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's port, apart from the public ones: {@code GET /metrics} in Prometheus text form. Bound to loopback
 * by default ({@code admin.bindAddress}), so the figures are not published to the players' network.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);

    /** Prometheus scrape endpoint (README "Security and limits"). */
    public static final String METRICS_PATH = "/metrics";

    private final ServerConfig.AdminConfig config;
    private final Metrics metrics;
    private final HttpListener listener = new HttpListener(8192, Handler::new);

    public AdminHttpServer(ServerConfig.AdminConfig config, Metrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public void start(EventLoopGroup group) throws InterruptedException {
        listener.start(group, config.bindAddress(), config.port());
        LOG.info("admin port listening on {}:{} ({})", config.bindAddress(), port(), METRICS_PATH);
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
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = new QueryStringDecoder(request.uri()).path();
            if (request.decoderResult().isSuccess() && request.method() == HttpMethod.GET
                    && METRICS_PATH.equals(path)) {
                HttpResponses.respond(ctx, request.protocolVersion(), HttpResponseStatus.OK, metrics.scrape(),
                        keepAlive, "text/plain; version=0.0.4; charset=utf-8");
            } else {
                HttpResponses.respond(ctx, request.protocolVersion(), HttpResponseStatus.NOT_FOUND, "", keepAlive,
                        "text/plain; charset=utf-8");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("admin connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
