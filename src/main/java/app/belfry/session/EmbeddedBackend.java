package app.belfry.session;

/** The demo's backend, started in-process: where it listens, a token of its demo user, and how to stop it. */
public interface EmbeddedBackend extends AutoCloseable {

    String url();

    /** A bearer token of the demo user, issued in-process (no HTTP sign-in). */
    String demoToken();

    @Override
    void close();

    /** Starts one; may take a second, so it runs on a background thread. */
    @FunctionalInterface
    interface Starter {
        EmbeddedBackend start() throws Exception;
    }
}
