package app.belfry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A daemon a test started (a bus, a keyring): its log for failure messages, and a stop that waits for it. */
abstract class ChildDaemon implements AutoCloseable {

    private final Process process;
    private final Path log;

    ChildDaemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** What the daemon wrote, for a failure's message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
