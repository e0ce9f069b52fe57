package app.belfry.server;

/** Which channels a user may join (docs/PROTOCOL.md, "Rooms and channels"). */
final class ChannelAccess {

    static final String BROADCAST = "broadcast";

    private ChannelAccess() {
    }

    /** {@code user:{id}}, {@code broadcast} and {@code user:{id}:*} with a non-empty rest; nothing else. */
    static boolean mayJoin(String userId, String channel) {
        if (channel == null || channel.isEmpty()) {
            return false;
        }
        if (BROADCAST.equals(channel)) {
            return true;
        }
        String own = "user:" + userId;
        return channel.equals(own) || (channel.startsWith(own + ":") && channel.length() > own.length() + 1);
    }

    /**
     * The user a channel belongs to: the id in {@code user:{id}} or {@code user:{id}:…}; null for
     * {@code broadcast} and for anything else.
     */
    static String ownerOf(String channel) {
        if (channel == null || !channel.startsWith("user:")) {
            return null;
        }
        String rest = channel.substring("user:".length());
        int colon = rest.indexOf(':');
        String id = colon < 0 ? rest : rest.substring(0, colon);
        if (id.isEmpty() || (colon >= 0 && colon == rest.length() - 1)) {
            return null;
        }
        return id;
    }
}
