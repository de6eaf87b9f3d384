package org.honchat.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * One HTTP listener (the login service, the admin port): whole requests of at most {@code maxRequestBytes}, a read
 * timeout, and a handler per connection.
 */
public final class HttpListener implements AutoCloseable {

    private static final int READ_TIMEOUT_SECONDS = 30;

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
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("aggregate", new HttpObjectAggregator(maxRequestBytes))
                                .addLast("handler", handler.get());
                    }
                });
        channel = bootstrap.bind(bindAddress, port).sync().channel();
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
}
