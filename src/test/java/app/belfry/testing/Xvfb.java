package app.belfry.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** A real X server for a test's child processes: Xvfb on a display it picks itself. Required on CI. */
public final class Xvfb implements AutoCloseable {

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Starts one, or skips the test where Xvfb (or another command named) is not installed; fails on CI then. */
    public static Xvfb start(String... alsoNeeded) throws IOException {
        boolean available = onPath("Xvfb");
        for (String command : alsoNeeded) {
            available &= onPath(command);
        }
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs Xvfb (and " + String.join(", ", alsoNeeded) + ") for this test");
        }
        Assumptions.assumeTrue(available, "Xvfb (and " + String.join(", ", alsoNeeded)
                + ") is not installed: apt-get install xvfb " + String.join(" ", alsoNeeded));
        // -displayfd: Xvfb picks a free display itself and writes its number once it is ready for clients.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten",
                "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            xvfb.destroyForcibly();
            throw new AssertionError("Xvfb did not start: " + number);
        }
        return new Xvfb(xvfb, ":" + number.strip());
    }

    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** The value for {@code DISPLAY}. */
    public String display() {
        return display;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
