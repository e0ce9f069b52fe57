package app.belfry;

import app.belfry.net.NetworkSettings;
import app.belfry.net.TrustedCertificates;
import app.belfry.model.Theme;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Belfry's command line, with {@code BELFRY_SERVER}, {@code BELFRY_TOKEN} and {@code BELFRY_CA_FILE} from the
 * environment as fallbacks, the password for {@code --email} from {@code BELFRY_PASSWORD} (never from the command
 * line, where other users of the machine could read it), and the proxy variables ({@link NetworkSettings#VARIABLES}). With no server, Belfry runs on its embedded reference backend (the demo).
 *
 * <p>Everything comes from the arguments and the environment map given to {@link #parse}: the launcher passes the
 * process's, a QA test passes its own, and nothing else is read.
 */
public record LaunchOptions(String server, String token, String email, String password, boolean demo,
        int maxNotifications, boolean debug, boolean headless, String dataDir, Command command,
        NetworkSettings network, boolean keepGiven, boolean minimized, Theme theme) {

    /** What to do besides running; {@code AUTOSTART_ON} and {@code AUTOSTART_OFF} are {@code --autostart on|off}. */
    public enum Command { RUN, HELP, VERSION, SMOKE_TEST, AUTOSTART_ON, AUTOSTART_OFF }

    /** How many notifications Belfry keeps by default; the dropdown shows the newest hundred, as the guide's. */
    public static final int DEFAULT_MAX_NOTIFICATIONS = 1_000;
    /** The most it keeps: search and "Mark all read" stay quick over this many. */
    public static final int MOST_NOTIFICATIONS = 10_000;

    public static final String USAGE = """
            Usage: belfry [options]
              (no options)              run on the embedded demo backend
              --server URL              the notifications backend (or BELFRY_SERVER)
              --token TOKEN             sign in with a bearer token (or BELFRY_TOKEN)
              --email EMAIL             sign in with email; the password comes from BELFRY_PASSWORD
                                        (headless) or the sign-in view
              --demo                    run on the embedded demo backend even if a server is set
              --keep N                  how many notifications to keep and search (default 1000, at
                                        most 10000); the dropdown shows the newest 100
              --max-notifications N     the same as --keep (its earlier name)
              --headless                no window: JSON lines on stdout, commands on stdin
              --ca-file PEM             also trust the certificate authorities in this PEM file (or
                                        BELFRY_CA_FILE); the system's and Java's are always trusted
              --proxy URL|none          the HTTP proxy, http://[user:password@]host:port, or none to go
                                        direct (default: HTTPS_PROXY/HTTP_PROXY/ALL_PROXY and NO_PROXY
                                        as curl reads them, else the system's proxy settings)
              --theme light|dark|system the colours: light, dark, or the system's setting, followed as it
                                        changes (default: system)
              --data-dir DIR            keep history, unsent actions and settings in DIR (default: the
                                        platform's application data folder; the demo keeps nothing)
              --debug                   log socket.io's own traffic (never a secret)
              --minimized               start in the tray, without the window (shown all the same
                                        where there is no tray); how start at login starts Belfry
              --autostart on|off        start Belfry at login, minimized, or no longer: writes or removes
                                        the login entry, says where, and exits (the installed app only)
              --version                 print the version
              --smoke-test              start on the demo backend, wait for the first notification on screen,
                                        print the start-up times, and exit (0, or 1 with the reason)
              --help                    this text
            Headless commands on stdin: read ID | read-all | subscribe CHANNEL | unsubscribe CHANNEL | retry | quit
            """;

    public LaunchOptions {
        if (maxNotifications < 1 || maxNotifications > MOST_NOTIFICATIONS) {
            throw new IllegalArgumentException("--keep must be from 1 to " + MOST_NOTIFICATIONS + ", got "
                    + maxNotifications);
        }
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(network, "network");
    }

    /** The {@code --data-dir} given, as a path; null when none was (the platform's folder is meant). */
    public java.nio.file.Path dataDirPath() {
        return dataDir == null ? null : java.nio.file.Path.of(dataDir);
    }

    /**
     * How many notifications to keep: {@code --keep} when given, else the Preferences' choice ({@code fromSettings},
     * 0 for none), else the default.
     */
    public int keep(int fromSettings) {
        return keepGiven || fromSettings < 1 || fromSettings > MOST_NOTIFICATIONS ? maxNotifications : fromSettings;
    }

    /** True when Belfry should start its own backend. */
    public boolean embedded() {
        return demo || server == null;
    }

    public static LaunchOptions parse(String[] args, Map<String, String> env) {
        String server = blankToNull(env.get("BELFRY_SERVER"));
        String token = blankToNull(env.get("BELFRY_TOKEN"));
        String caFile = blankToNull(env.get("BELFRY_CA_FILE"));
        String proxy = null;
        String password = env.get("BELFRY_PASSWORD");
        password = password == null || password.isEmpty() ? null : password; // spaces may be part of a password
        String email = null;
        boolean demo = false;
        boolean debug = false;
        boolean headless = false;
        String dataDir = null;
        int max = DEFAULT_MAX_NOTIFICATIONS;
        Command command = Command.RUN;
        boolean keepGiven = false;
        boolean minimized = false;
        Theme theme = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--server" -> server = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "--email" -> email = value(args, ++i, arg);
                case "--demo" -> demo = true;
                case "--debug" -> debug = true;
                case "--headless" -> headless = true;
                case "--data-dir" -> dataDir = value(args, ++i, arg);
                case "--ca-file" -> caFile = value(args, ++i, arg);
                case "--proxy" -> proxy = value(args, ++i, arg);
                case "--theme" -> {
                    String name = value(args, ++i, arg);
                    theme = Theme.fromWire(name).orElseThrow(() -> new IllegalArgumentException(
                            "--theme must be light, dark or system, got '" + name + "'"));
                }
                case "--keep", "--max-notifications" -> {
                    keepGiven = true;
                    String text = value(args, ++i, arg);
                    try {
                        max = Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(arg + " needs a whole number, got '" + text + "'");
                    }
                }
                case "--minimized" -> minimized = true;
                case "--autostart" -> {
                    String value = value(args, ++i, arg);
                    command = switch (value) {
                        case "on" -> Command.AUTOSTART_ON;
                        case "off" -> Command.AUTOSTART_OFF;
                        default -> throw new IllegalArgumentException("--autostart needs on or off, got '" + value
                                + "'");
                    };
                }
                case "--help", "-h" -> command = Command.HELP;
                case "--version" -> command = Command.VERSION;
                case "--smoke-test" -> {
                    command = Command.SMOKE_TEST;
                    demo = true;
                }
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (token != null && email != null) {
            throw new IllegalArgumentException("give --token or --email, not both");
        }
        if (minimized && command == Command.SMOKE_TEST) {
            throw new IllegalArgumentException("--smoke-test measures the window's first frame: not with --minimized");
        }
        NetworkSettings network;
        try {
            Path ca = caFile == null ? null : Path.of(caFile);
            if (ca != null) {
                TrustedCertificates.readCaFile(ca); // says now what is wrong with it
            }
            network = new NetworkSettings(ca, proxy, env);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("--ca-file: not a path: " + caFile);
        }
        return new LaunchOptions(server, token, email, password, demo, max, debug, headless, dataDir, command,
                network, keepGiven, minimized, theme);
    }

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--server", "--token", "--email", "--demo",
            "--max-notifications", "--keep", "--headless", "--debug", "--version", "--help", "-h", "--data-dir", "--smoke-test",
            "--ca-file", "--proxy", "--minimized", "--autostart", "--theme");

    private static String value(String[] args, int i, String option) {
        // A value may start with "-" (tokens often do); only another option name counts as a missing value.
        if (i >= args.length || OPTIONS.contains(args[i])) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "LaunchOptions[server=" + server + ", token=" + (token == null ? "none" : "…") + ", email=" + email
                + ", password=" + (password == null ? "none" : "…") + ", demo=" + demo + ", maxNotifications=" + maxNotifications + ", debug=" + debug + ", headless="
                + headless + ", dataDir=" + dataDir + ", command=" + command + ", network=" + network + ", minimized="
                + minimized + ", theme=" + theme + "]";
    }
}
