package app.belfry.model;

/** Every event name and fixed string of the wire contract, in one place. */
public final class Events {

    /** The Socket.IO namespace of the notifications feature. */
    public static final String NAMESPACE = "/notifications";

    // client -> server
    public static final String SUBSCRIBE_CHANNEL = "subscribe:channel";
    public static final String UNSUBSCRIBE_CHANNEL = "unsubscribe:channel";
    public static final String MARK_READ = "mark:read";
    /** Extension: mark up to {@link #MAX_BATCH} ids read in one event. */
    public static final String MARK_READ_BATCH = "mark:read:batch";

    // server -> client
    public static final String NOTIFICATION_NEW = "notification:new";
    public static final String NOTIFICATION_UPDATED = "notification:updated";
    public static final String ERROR = "error";

    /** The most ids one {@link #MARK_READ_BATCH} may carry. */
    public static final int MAX_BATCH = 100;

    /** Client events a connection may send in a rolling minute, unless the backend says otherwise. */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 100;

    // HTTP paths (better-auth's, which the guide's backend uses)
    public static final String SIGN_IN_PATH = "/api/auth/sign-in/email";
    public static final String SIGN_OUT_PATH = "/api/auth/sign-out";
    public static final String SESSION_COOKIE = "better-auth.session_token";

    // handshake auth fields
    public static final String AUTH_TOKEN = "token";
    /** Extension: the newest {@code createdAt} the client holds, for catch-up. */
    public static final String AUTH_SINCE = "since";

    private Events() {
    }
}
