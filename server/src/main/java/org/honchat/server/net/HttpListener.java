package org.honchat.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * One HTTP listener (the login service, the admin port): whole requests of at most {@code maxRequestBytes} of body,
 * {@value #MAX_LINE_BYTES} of request line and {@value #MAX_HEADER_BYTES} of headers, a read timeout, and a handler
 * per connection. A body over the limit is answered 413 with a JSON reason and the connection closed; a request line
 * or headers over theirs reach the handler as a request whose decoder result failed, for it to answer 414 or 431.
 */
public final class HttpListener implements AutoCloseable {

    private static final int READ_TIMEOUT_SECONDS = 30;
    public static final int MAX_LINE_BYTES = 4096;
    public static final int MAX_HEADER_BYTES = 8192;

    private final int maxRequestBytes;
    private final Supplier<ChannelHandler> handler;
    private Channel channel;

    public HttpListener(int maxRequestBytes, Supplier<ChannelHandler> handler) {
        this.maxRequestBytes = maxRequestBytes;
        this.handler = handler;
    }

    public void start(EventLoopGroup group, String bindAddress, int port) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast("read-timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast("http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                                .addLast("aggregate", new BoundedAggregator(maxRequestBytes))
                                .addLast("handler", handler.get());
                    }
                });
        channel = bootstrap.bind(bindAddress, port).sync().channel();
    }

    /** Netty's aggregator, with a 413 that says why in JSON instead of an empty body. */
    private static final class BoundedAggregator extends HttpObjectAggregator {

        BoundedAggregator(int maxContentLength) {
            super(maxContentLength);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (!(oversized instanceof HttpRequest request)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            HttpResponses.respond(ctx, request.protocolVersion(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "{\"error\":\"the request body is larger than " + maxContentLength() + " bytes\"}", false,
                    "application/json; charset=utf-8");
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops listening; a second call does nothing. */
    @Override
    public synchronized void close() {
        Channel open = channel;
        if (open != null && open.isOpen()) {
            open.close().syncUninterruptibly();
        }
    }
}
