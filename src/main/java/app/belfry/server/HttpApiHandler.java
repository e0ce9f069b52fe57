package app.belfry.server;

import app.belfry.model.Events;
import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The small HTTP API beside Socket.IO on the same port: sign-in, sign-out, publishing, health; and the origin
 * check for browser requests to anything this server serves. Requests for other paths pass on to netty-socketio.
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(HttpApiHandler.class.getName());
    static final int MAX_TITLE = 200;
    static final int MAX_MESSAGE = 10_000;

    private final ServerOptions options;
    private final String adminToken;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final Publisher publisher;
    private final NotificationsNamespace sockets;
    private final NotificationCodec codec = new NotificationCodec();

    /** A reply: status and JSON body. */
    private record Reply(HttpResponseStatus status, Object body, String setCookie) {
        Reply(HttpResponseStatus status, Object body) {
            this(status, body, null);
        }
    }

    HttpApiHandler(ServerOptions options, String adminToken, UserDirectory users, SessionRegistry sessions,
            Publisher publisher, NotificationsNamespace sockets) {
        this.options = options;
        this.adminToken = adminToken;
        this.users = users;
        this.sessions = sessions;
        this.publisher = publisher;
        this.sockets = sockets;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        boolean api = path.startsWith("/api/");
        if (origin != null && !options.allowsOrigin(origin)) {
            LOG.log(Level.INFO, "Refused a request from origin {0} to {1}", origin, path);
            try {
                send(ctx, request, new Reply(HttpResponseStatus.FORBIDDEN, message("Origin not allowed")), null);
            } finally {
                ReferenceCountUtil.release(request);
            }
            return;
        }
        if (!api) {
            ctx.fireChannelRead(msg); // netty-socketio echoes an allowed origin itself
            return;
        }
        try {
            Reply reply = HttpMethod.OPTIONS.equals(request.method()) && origin != null
                    ? new Reply(HttpResponseStatus.NO_CONTENT, null)
                    : route(request, path);
            send(ctx, request, reply, origin);
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private Reply route(FullHttpRequest request, String path) {
        HttpMethod method = request.method();
        return switch (path) {
            case "/api/health" -> method.equals(HttpMethod.GET)
                    ? new Reply(HttpResponseStatus.OK, Map.of("ok", true)) : notAllowed();
            case Events.SIGN_IN_PATH -> method.equals(HttpMethod.POST) ? signIn(request) : notAllowed();
            case Events.SIGN_OUT_PATH -> method.equals(HttpMethod.POST) ? signOut(request) : notAllowed();
            case "/api/notifications" -> method.equals(HttpMethod.POST) ? publish(request) : notAllowed();
            default -> new Reply(HttpResponseStatus.NOT_FOUND, message("Not found: " + path));
        };
    }

    private Reply signIn(FullHttpRequest request) {
        Optional<JsonNode> body = jsonObject(request);
        if (body.isEmpty() || !body.get().path("email").isTextual() || !body.get().path("password").isTextual()) {
            return new Reply(HttpResponseStatus.BAD_REQUEST,
                    message("Expected a JSON body {\"email\": string, \"password\": string}"));
        }
        String email = body.get().get("email").asText();
        Optional<User> user = users.authenticate(email, body.get().get("password").asText());
        if (user.isEmpty()) {
            LOG.log(Level.INFO, "Failed sign-in for {0}", email);
            return new Reply(HttpResponseStatus.UNAUTHORIZED, message("Invalid email or password"));
        }
        SessionRegistry.Session session = sessions.create(user.get());
        LOG.log(Level.INFO, "User {0} signed in", user.get().id());
        Map<String, Object> userJson = Map.of("id", user.get().id(), "email", user.get().email(),
                "name", user.get().name());
        String cookie = Events.SESSION_COOKIE + "=" + session.token() + "; HttpOnly; SameSite=Lax; Path=/"
                + secureAttribute();
        return new Reply(HttpResponseStatus.OK, Map.of("token", session.token(), "user", userJson), cookie);
    }

    private Reply signOut(FullHttpRequest request) {
        String token = bearer(request).or(() -> NotificationsNamespace.sessionCookie(
                request.headers().get(HttpHeaderNames.COOKIE))).orElse(null);
        if (token == null) {
            return new Reply(HttpResponseStatus.UNAUTHORIZED, message("Authentication required"));
        }
        sessions.remove(token).ifPresent(session -> {
            LOG.log(Level.INFO, "User {0} signed out", session.user().id());
            sockets.endSession(token);
        });
        String expired = Events.SESSION_COOKIE + "=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0" + secureAttribute();
        return new Reply(HttpResponseStatus.OK, Map.of("success", true), expired);
    }

    /** Over HTTPS, the session cookie is for HTTPS only: a browser then never sends it in the clear. */
    private String secureAttribute() {
        return options.tls() != null ? "; Secure" : "";
    }

    private Reply publish(FullHttpRequest request) {
        String given = bearer(request).orElse("");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                adminToken.getBytes(StandardCharsets.UTF_8))) {
            return new Reply(HttpResponseStatus.UNAUTHORIZED, message("Admin token required"));
        }
        Optional<JsonNode> parsed = jsonObject(request);
        if (parsed.isEmpty()) {
            return badRequest("Expected a JSON object body");
        }
        JsonNode body = parsed.get();
        int targets = (body.has("userId") ? 1 : 0) + (body.has("email") ? 1 : 0) + (body.has("channel") ? 1 : 0);
        if (targets != 1) {
            return badRequest("Give exactly one of userId, email or channel");
        }
        Optional<NotificationType> type = body.path("type").isTextual()
                ? NotificationType.fromWire(body.get("type").asText()) : Optional.empty();
        if (type.isEmpty()) {
            return badRequest("type must be one of info, success, warning, error");
        }
        if (!body.path("title").isTextual() || body.get("title").asText().isBlank()
                || body.get("title").asText().length() > MAX_TITLE) {
            return badRequest("title must be a non-empty string of at most " + MAX_TITLE + " characters");
        }
        JsonNode messageNode = body.path("message");
        if (!messageNode.isMissingNode() && !messageNode.isTextual() || messageNode.asText("").length() > MAX_MESSAGE) {
            return badRequest("message must be a string of at most " + MAX_MESSAGE + " characters");
        }
        String title = body.get("title").asText();
        String text = messageNode.isTextual() ? messageNode.asText() : "";
        Publisher.Target target;
        try {
            target = target(body);
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
        Notification notification = publisher.publish(target, type.get(), title, text);
        return new Reply(HttpResponseStatus.CREATED, codec.toMap(notification));
    }

    private Publisher.Target target(JsonNode body) {
        if (body.has("userId")) {
            String id = body.get("userId").asText("");
            return Publisher.Target.user(users.byId(id)
                    .orElseThrow(() -> new IllegalArgumentException("No user with id " + id)));
        }
        if (body.has("email")) {
            String email = body.get("email").asText("");
            return Publisher.Target.user(users.byEmail(email)
                    .orElseThrow(() -> new IllegalArgumentException("No user with email " + email)));
        }
        String channel = body.get("channel").asText("");
        if (ChannelAccess.BROADCAST.equals(channel)) {
            return Publisher.Target.everyone();
        }
        String owner = ChannelAccess.ownerOf(channel);
        if (owner == null) {
            throw new IllegalArgumentException("channel must be broadcast, user:{id} or user:{id}:{name}");
        }
        User user = users.byId(owner).orElseThrow(() -> new IllegalArgumentException("No user with id " + owner));
        return Publisher.Target.channel(user, channel);
    }

    private static Optional<JsonNode> jsonObject(FullHttpRequest request) {
        try {
            JsonNode node = NotificationCodec.mapper().readTree(request.content().toString(StandardCharsets.UTF_8));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> bearer(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.empty();
    }

    private static Reply notAllowed() {
        return new Reply(HttpResponseStatus.METHOD_NOT_ALLOWED, message("Method not allowed"));
    }

    private static Reply badRequest(String text) {
        return new Reply(HttpResponseStatus.BAD_REQUEST, message(text));
    }

    private static ObjectNode message(String text) {
        return NotificationCodec.mapper().createObjectNode().put("message", text);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, Reply reply, String origin) {
        byte[] body;
        try {
            body = reply.body() == null ? new byte[0] : NotificationCodec.mapper().writeValueAsBytes(reply.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reply", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                Unpooled.wrappedBuffer(body));
        if (body.length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (reply.setCookie() != null) {
            response.headers().set(HttpHeaderNames.SET_COOKIE, reply.setCookie());
        }
        if (origin != null) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization");
            response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
