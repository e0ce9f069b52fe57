package app.belfry.ui;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The search benchmark (bench/search.sh runs it): what one keystroke costs with N notifications kept, as the inbox
 * does it: a new predicate on the {@link FilteredList} over the store's list (the All/Unread switch and the type
 * filter in it too), with {@link TextSearch} folding each notification's text once. Texts are varied, with accents,
 * in the lengths real notifications have.
 *
 * <p>Prints one JSON line per phase: {@code first} is the first keystroke after the background fold that focusing
 * the field starts (with that fold's time, off the FX thread); {@code cold} is a first keystroke that must fold every
 * text itself (typed before that fold is done); {@code typing} is each keystroke of queries typed letter by letter and
 * erased again, rounds after a warm-up. Figures in milliseconds: median, 95th percentile, max.
 *
 * <p>Usage: SearchBenchmark [N] [ROUNDS] (default 10000 and 20).
 */
public final class SearchBenchmark {

    private static final String[] WORDS = {"build", "failed", "deployed", "release", "café", "école", "réunion",
        "server", "disk", "almost", "full", "backup", "completed", "comment", "from", "Grace", "Ada", "weekly",
        "report", "ready", "certificate", "expires", "soon", "payment", "flow", "checkout", "service", "tests",
        "Zürich", "naïve", "façade", "São", "Paulo", "München", "retry", "delay", "latency", "p99", "alert",
        "cluster", "node", "pod", "restarted", "memory", "pressure", "queue", "backlog", "invoice", "paid"};
    private static final String[] QUERIES = {"build failed", "cafe", "ECOLE reunion", "zurich", "disk full",
        "certificate expires", "nothing-matches-this", "pod restarted", "sao paulo"};

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Random random = new Random(42);
        List<Notification> generated = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            generated.add(new Notification("n-" + i, NotificationType.values()[i % 4], sentence(random, 3, 8),
                    sentence(random, 8, 24), Instant.ofEpochSecond(1_700_000_000L - i), random.nextBoolean()));
        }
        ObservableList<Notification> kept = FXCollections.observableArrayList(generated);
        TextSearch search = new TextSearch(kept);
        FilteredList<Notification> shown = new FilteredList<>(kept);

        // As the inbox does: the field takes the focus, the texts are folded in the background, the user types.
        long start = System.nanoTime();
        search.prepare(Runnable::run).join(); // the benchmark's thread stands for the FX thread
        double prepared = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        shown.setPredicate(predicate(search, "b"));
        double first = (System.nanoTime() - start) / 1e6;
        System.out.printf("{\"phase\":\"first\",\"n\":%d,\"foldMs\":%.2f,\"ms\":%.2f,\"shown\":%d}%n", n,
                prepared, first, shown.size());
        // Without that: a keystroke that must fold every text itself (typing before the fold is done).
        TextSearch unprepared = new TextSearch(kept);
        start = System.nanoTime();
        new FilteredList<>(kept).setPredicate(predicate(unprepared, "b"));
        System.out.printf("{\"phase\":\"cold\",\"n\":%d,\"ms\":%.2f}%n", n, (System.nanoTime() - start) / 1e6);

        List<Double> warmUp = new ArrayList<>();
        type(search, shown, 3, warmUp);
        List<Double> keystrokes = new ArrayList<>();
        type(search, shown, rounds, keystrokes);
        double[] sorted = keystrokes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("{\"phase\":\"typing\",\"n\":%d,\"keystrokes\":%d,\"median\":%.2f,\"p95\":%.2f,"
                + "\"max\":%.2f}%n", n, sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.95),
                sorted[sorted.length - 1]);
    }

    /** Types every query letter by letter, then erases it letter by letter, {@code rounds} times. */
    private static void type(TextSearch search, FilteredList<Notification> shown, int rounds, List<Double> into) {
        for (int round = 0; round < rounds; round++) {
            for (String query : QUERIES) {
                for (int length = 1; length <= query.length(); length++) {
                    into.add(keystroke(search, shown, query.substring(0, length)));
                }
                for (int length = query.length() - 1; length >= 0; length--) {
                    into.add(keystroke(search, shown, query.substring(0, length)));
                }
            }
        }
    }

    private static double keystroke(TextSearch search, FilteredList<Notification> shown, String text) {
        long start = System.nanoTime();
        shown.setPredicate(predicate(search, text));
        return (System.nanoTime() - start) / 1e6;
    }

    /** As the inbox builds it: All, every type, and the query's words. */
    private static Predicate<Notification> predicate(TextSearch search, String text) {
        Predicate<Notification> found = search.matching(TextSearch.words(text));
        boolean unreadOnly = false;
        NotificationType only = null;
        return n -> (!unreadOnly || !n.read()) && (only == null || n.type() == only) && found.test(n);
    }

    private static String sentence(Random random, int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        return text.toString();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private SearchBenchmark() {
    }
}
