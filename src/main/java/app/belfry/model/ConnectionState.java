package app.belfry.model;

/** The guide's {@code SocketConnectionState}. */
public enum ConnectionState {
    CONNECTING("connecting"),
    CONNECTED("connected"),
    DISCONNECTED("disconnected"),
    ERROR("error");

    private final String wireName;

    ConnectionState(String wireName) {
        this.wireName = wireName;
    }

    /** The guide's name for this state, as printed by the headless mode. */
    public String wireName() {
        return wireName;
    }
}
