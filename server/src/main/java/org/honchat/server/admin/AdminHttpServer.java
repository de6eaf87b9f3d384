package org.honchat.server.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.metrics.Metrics;
import org.honchat.server.net.HttpResponses;
import org.honchat.server.net.Transports;
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
    private static final int READ_TIMEOUT_SECONDS = 30;

    private final ServerConfig.AdminConfig config;
    private final Metrics metrics;
    private Channel channel;

    public AdminHttpServer(ServerConfig.AdminConfig config, Metrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public void start(EventLoopGroup group) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast("read-timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("aggregate", new HttpObjectAggregator(8192))
                                .addLast("admin", new Handler());
                    }
                });
        channel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        LOG.info("admin port listening on {}:{} ({})", config.bindAddress(), port(), METRICS_PATH);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
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
