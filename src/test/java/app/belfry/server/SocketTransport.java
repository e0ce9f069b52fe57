package app.belfry.server;

/** The two Engine.IO transports; every socket test runs once over each, with no upgrade between them. */
enum SocketTransport {
    WEBSOCKET("websocket"),
    POLLING("polling");

    private final String engineName;

    SocketTransport(String engineName) {
        this.engineName = engineName;
    }

    /** The value for {@code IO.Options.transports}: this transport alone. */
    String[] only() {
        return new String[] {engineName};
    }
}
