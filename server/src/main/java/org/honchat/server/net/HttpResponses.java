package org.honchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The one way the HTTP listeners (login service, admin port) answer: a whole body, keep-alive or close. */
public final class HttpResponses {

    private HttpResponses() {
    }

    public static void respond(ChannelHandlerContext ctx, HttpVersion version, HttpResponseStatus status,
            String body, boolean keepAlive, String contentType) {
        respond(ctx, version, status, body, keepAlive, contentType, null);
    }

    /** The same with an {@code Allow} header (a 405 names the methods the path takes); {@code allow} may be null. */
    public static void respond(ChannelHandlerContext ctx, HttpVersion version, HttpResponseStatus status,
            String body, boolean keepAlive, String contentType, String allow) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, content);
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
