package app.belfry.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Answers a client's WebSocket ping with a pong carrying the same data, as RFC 6455 (5.5.2) requires of every
 * endpoint. netty-socketio drops ping frames unanswered (its issue #946), so a client that checks its path with pings
 * (Belfry does, to notice a dead one within seconds) would take the backend for gone.
 */
@ChannelHandler.Sharable
final class WebSocketPong extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content())); // the pong takes the ping's buffer over
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
