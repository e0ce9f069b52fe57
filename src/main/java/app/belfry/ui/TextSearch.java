package app.belfry.ui;

import app.belfry.model.Notification;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The inbox's search: every word of the query, in the title or the message, whatever its case and accents ("cafe"
 * finds "Café", "ECOLE" finds "école"). Each notification's text is folded once (in the background when the search
 * field takes the focus, else when first searched) and forgotten when it leaves the list, so a keystroke over ten
 * thousand notifications is a pass of {@code contains}.
 *
 * <p>FX thread only; {@link #prepare} folds a snapshot on the common pool and hands the result back.
 */
final class TextSearch {

    /** A text folded for search, and where each of its characters came from in the original. */
    record Folded(String text, int[] origin) {
    }

    /** Folded texts by notification; filled when searched, or with what {@link #prepare} folded. FX thread. */
    private final Map<Notification, String> folded = new IdentityHashMap<>();
    private final ObservableList<Notification> notifications;

    /** Keeps the folded texts of {@code notifications} (and only theirs). */
    TextSearch(ObservableList<Notification> notifications) {
        this.notifications = notifications;
        notifications.addListener((ListChangeListener<Notification>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    change.getRemoved().forEach(folded::remove);
                }
            }
        });
    }

    /**
     * Folds the texts of these notifications off the FX thread (the search field has the focus: typing is next), so
     * that the first keystroke finds them folded. A keystroke before it is done folds what it needs itself.
     */
    CompletableFuture<Void> prepare(Executor fxThread) {
        List<Notification> snapshot = List.copyOf(notifications);
        return CompletableFuture.supplyAsync(() -> {
            Map<Notification, String> done = new IdentityHashMap<>(snapshot.size() * 2);
            List<String> warmUp = List.of("e", "zq");
            for (Notification notification : snapshot) {
                String text = foldedText(notification);
                done.put(notification, text);
                containsAll(text, warmUp); // the first keystroke then runs compiled code, not the interpreter
            }
            return done;
        }).thenAcceptAsync(done -> {
            Set<Notification> still = Collections.newSetFromMap(new IdentityHashMap<>());
            still.addAll(notifications); // only those still kept: one that left meanwhile would never be forgotten
            done.forEach((notification, text) -> {
                if (still.contains(notification)) {
                    folded.putIfAbsent(notification, text);
                }
            });
        }, fxThread);
    }

    /** The query's words, folded; empty for a blank query. */
    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        for (String word : fold(query == null ? "" : query).text().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Notifications with every word in their title or message; all of them when there are no words. */
    Predicate<Notification> matching(List<String> words) {
        if (words.isEmpty()) {
            return n -> true;
        }
        return n -> containsAll(folded.computeIfAbsent(n, TextSearch::foldedText), words);
    }

    private static boolean containsAll(String text, List<String> words) {
        for (String word : words) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static String foldedText(Notification notification) {
        return fold(notification.title()).text() + "\n" + fold(notification.message()).text();
    }

    /**
     * Lower case, without accents (a letter's combining marks dropped after canonical decomposition), with the index
     * in {@code text} that each folded character comes from.
     */
    static Folded fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 8];
        for (int i = 0; i < text.length(); ) {
            int point = text.codePointAt(i);
            int width = Character.charCount(point);
            if (point < 0x80) {
                origin = grow(origin, out.length() + 1);
                origin[out.length()] = i;
                out.append((char) Character.toLowerCase(point));
            } else {
                String decomposed = Normalizer.normalize(text.substring(i, i + width), Normalizer.Form.NFD);
                String lower = decomposed.toLowerCase(Locale.ROOT);
                for (int j = 0; j < lower.length(); j++) {
                    char c = lower.charAt(j);
                    if (isMark(c)) {
                        continue;
                    }
                    origin = grow(origin, out.length() + 1);
                    origin[out.length()] = i;
                    out.append(c);
                }
            }
            i += width;
        }
        int[] exact = new int[out.length()];
        System.arraycopy(origin, 0, exact, 0, out.length());
        return new Folded(out.toString(), exact);
    }

    private static boolean isMark(char c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static int[] grow(int[] array, int needed) {
        if (needed <= array.length) {
            return array;
        }
        int[] bigger = new int[Math.max(needed, array.length * 2)];
        System.arraycopy(array, 0, bigger, 0, array.length);
        return bigger;
    }

    /**
     * Where the words occur in {@code text}, as sorted, merged {@code [start, end)} ranges of the original text, for
     * highlighting.
     */
    static List<int[]> ranges(String text, List<String> words) {
        if (words.isEmpty() || text.isEmpty()) {
            return List.of();
        }
        Folded folded = fold(text);
        boolean[] marked = new boolean[text.length()];
        for (String word : words) {
            for (int at = folded.text().indexOf(word); at >= 0; at = folded.text().indexOf(word, at + 1)) {
                int start = folded.origin()[at];
                int last = folded.origin()[at + word.length() - 1];
                int end = last + Character.charCount(text.codePointAt(last));
                while (end < text.length() && isMark(text.charAt(end))) {
                    end++; // an accent written apart goes with its letter
                }
                for (int i = start; i < end; i++) {
                    marked[i] = true;
                }
            }
        }
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < marked.length; ) {
            if (!marked[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < marked.length && marked[i]) {
                i++;
            }
            ranges.add(new int[] {start, i});
        }
        return ranges;
    }
}
