package app.belfry.desktop;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The system's appearance on macOS: {@code defaults read -g AppleInterfaceStyle} prints {@code Dark} when it is dark
 * and, when it is light, finds no such key and exits with status 1. Read at start and again whenever Belfry's
 * window gets the focus ({@link #recheck}): a change made in System Settings is seen when the user comes back, at the
 * cost of one short process then, and of nothing while Belfry sits in the background.
 *
 * <p>Threads: each reading runs on the background executor, one at a time, and reports to the listener there.
 */
public final class DefaultsColorScheme implements SystemColorScheme {

    private static final System.Logger LOG = System.getLogger(DbusPopupSink.LOGGER_NAME);

    static final List<String> COMMAND = List.of("defaults", "read", "-g", "AppleInterfaceStyle");
    /** A reading that takes longer than this is given up: the setting stays what it was. */
    static final long TIMEOUT_SECONDS = 2;

    /** Runs a command to its end; {@link #runProcess} is the real one, tests give a fake. */
    interface CommandRunner {
        Result run(List<String> command) throws IOException, InterruptedException;
    }

    /** A command's exit status and what it printed. */
    record Result(int exitStatus, String output) {
    }

    private final CommandRunner runner;
    private final Executor background;
    private final Consumer<Boolean> dark;
    /** True while a reading is on its way: focus comes and goes in bursts, one reading answers them all. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean failureSaid = new AtomicBoolean();
    private volatile boolean closed;

    private DefaultsColorScheme(CommandRunner runner, Executor background, Consumer<Boolean> dark) {
        this.runner = runner;
        this.background = background;
        this.dark = dark;
    }

    /** Reads now, on the background executor, and again at each {@link #recheck}. */
    static DefaultsColorScheme start(CommandRunner runner, Executor background, Consumer<Boolean> dark) {
        DefaultsColorScheme scheme = new DefaultsColorScheme(runner, background, dark);
        scheme.recheck();
        return scheme;
    }

    @Override
    public void recheck() {
        if (closed || !reading.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                read();
            } finally {
                reading.set(false);
            }
        });
    }

    private void read() {
        try {
            Result result = runner.run(COMMAND);
            if (result.exitStatus() == 0 || result.exitStatus() == 1) {
                dark.accept(result.exitStatus() == 0 && result.output().strip().equalsIgnoreCase("Dark")); // not shown
            } else {
                failed("defaults exited with status " + result.exitStatus()); // not shown: for the log
            }
        } catch (IOException e) {
            failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String why) {
        if (failureSaid.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "macOS'' appearance cannot be read ({0}): the theme \"Same as the system\" stays as "
                    + "it was", why);
        }
    }

    /** Starts the command, waits for it (at most {@link #TIMEOUT_SECONDS}) and reads what it printed. */
    static Result runProcess(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            String late = " did not end within "; // not shown: for the log
            throw new IOException(String.join(" ", command) + late + TIMEOUT_SECONDS + " s");
        }
        // A word or nothing: it fits the pipe's buffer, so the process could end before this is read.
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closed = true;
    }
}
