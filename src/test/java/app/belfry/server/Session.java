package app.belfry.server;

/**
 * One signed-in session, as the sign-in response describes it.
 *
 * @param userId       the server-assigned id ({@code user.id})
 * @param token        the bearer token ({@code token})
 * @param cookieHeader the session cookie as a {@code Cookie} request header value, {@code name=value}
 * @param setCookie    the raw {@code Set-Cookie} header, for checking its attributes
 */
record Session(String userId, String email, String token, String cookieHeader, String setCookie) {

    /** The personal room of this user, {@code user:{id}}. */
    String userChannel() {
        return "user:" + userId;
    }

    /** A sub-channel of this user, {@code user:{id}:name}. */
    String subChannel(String name) {
        return userChannel() + ":" + name;
    }
}
