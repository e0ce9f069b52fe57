package app.belfry.server;

import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Makes every namespace CONNECT packet carry an auth object.
 *
 * <p>netty-socketio 2.0.13 calls a namespace's auth listeners only when the CONNECT packet has data; a client that
 * authenticates by cookie alone (the guide's default) or sends nothing at all would otherwise be let in without
 * any check. A bare {@code 40/notifications,} becomes {@code 40/notifications,{}}, so that the auth listener
 * always decides, and a refusal always reaches the client as {@code connect_error}.
 */
@ChannelHandler.Sharable
final class ConnectPacketNormalizer extends ChannelInboundHandlerAdapter {

    private static final byte RECORD_SEPARATOR = 0x1e;
    /** A CONNECT packet is short; anything longer is not a bare one and is left alone without decoding. */
    private static final int MAX_INSPECTED = 512;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage packets && mayHoldBareConnect(packets.getContent())) {
            String text = packets.getContent().toString(StandardCharsets.UTF_8);
            String fixed = normalize(text);
            if (!fixed.equals(text)) {
                ByteBuf content = Unpooled.wrappedBuffer(fixed.getBytes(StandardCharsets.UTF_8));
                msg = new PacketsMessage(packets.getClient(), content, packets.getTransport());
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean mayHoldBareConnect(ByteBuf content) {
        int length = content.readableBytes();
        if (length < 2 || length > MAX_INSPECTED) {
            return false;
        }
        int start = content.readerIndex();
        for (int i = start; i < start + length - 1; i++) {
            boolean packetStart = i == start || content.getByte(i - 1) == RECORD_SEPARATOR;
            if (packetStart && content.getByte(i) == '4' && content.getByte(i + 1) == '0') {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code {}} to each CONNECT packet (type 4, subtype 0) to a namespace that carries no data. */
    static String normalize(String payload) {
        String[] packets = payload.split(String.valueOf((char) RECORD_SEPARATOR), -1);
        for (int i = 0; i < packets.length; i++) {
            String packet = packets[i];
            if (!packet.startsWith("40/")) {
                continue;
            }
            int comma = packet.indexOf(',');
            if (comma < 0) {
                packets[i] = packet + ",{}";
            } else if (comma == packet.length() - 1) {
                packets[i] = packet + "{}";
            }
        }
        return String.join(String.valueOf((char) RECORD_SEPARATOR), packets);
    }
}
