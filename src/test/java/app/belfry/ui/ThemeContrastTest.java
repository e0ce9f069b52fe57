package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text Belfry shows meets WCAG 2.x AA contrast (4.5:1; no text of Belfry's is large enough for 3:1) in both
 * themes, computed from {@code belfry.css} itself: its two palettes ({@code .root} and {@code .root.dark}) are
 * read, names resolved as CSS resolves them (the dark block over the light one), and each pair of text and
 * background that the UI puts together, listed below, is measured. The list is the part to keep up to date: a new
 * text colour that no pair names fails {@link #everyTextColourOfTheStylesheetIsInAPair}.
 */
class ThemeContrastTest {

    /** WCAG 2.x AA for normal text. */
    static final double AA = 4.5;

    /** A text colour on a background colour, and where the UI puts them together. */
    record Pair(String text, String background, String where) {
    }

    /** The four backgrounds a row of a notification list can have: read, unread, and either under the pointer. */
    static final List<String> ROW_BACKGROUNDS = List.of("-belfry-surface", "-belfry-unread-background",
            "-belfry-hover", "-belfry-unread-hover");

    /** Everything in a row of the dropdown and the inbox is drawn on each of the row's backgrounds. */
    static final Map<String, String> ROW_TEXTS = Map.of(
            "-belfry-text", "a row's title",
            "-belfry-muted", "a row's message, and its ✕",
            "-belfry-faint", "a row's time, and the lists' empty state",
            "-belfry-match", "a word found by the search");

    static final List<Pair> PAIRS = pairs();

    /** Modena's own names, which only the dark palette sets (the light theme is Modena's, unchanged). */
    static final List<Pair> DARK_MODENA_PAIRS = List.of(
            new Pair("-fx-text-base-color", "-fx-base", "a button's, a combo box's, a menu button's text"),
            new Pair("-fx-text-inner-color", "-fx-control-inner-background", "text typed in a field; a menu's items"),
            new Pair("-fx-text-background-color", "-fx-background", "a dialog's labels and check boxes"),
            new Pair("-fx-light-text-color", "-fx-accent", "the focused menu item, a selected row"),
            new Pair("-belfry-placeholder", "-fx-control-inner-background", "a field's prompt"));

    private static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        ROW_TEXTS.forEach((text, where) -> ROW_BACKGROUNDS.forEach(background ->
                pairs.add(new Pair(text, background, where))));
        pairs.addAll(List.of(
                new Pair("-belfry-text", "-belfry-surface", "the app's name, the dropdown's and sign-in's titles"),
                new Pair("-belfry-text", "-belfry-background", "the inbox's title"),
                new Pair("-belfry-text", "-belfry-border", "a row's ✕ under the pointer"),
                new Pair("-belfry-muted", "-belfry-background", "the demo's note"),
                new Pair("-belfry-muted", "-belfry-surface", "the Account menu, sign-in's hint and labels"),
                new Pair("-belfry-accent", "-belfry-surface", "Mark all read"),
                new Pair("-belfry-status-connecting", "-belfry-surface", "Connecting... in the top bar"),
                new Pair("-belfry-status-connected", "-belfry-surface", "Connected in the top bar"),
                new Pair("-belfry-status-disconnected", "-belfry-surface", "Disconnected in the top bar"),
                new Pair("-belfry-status-error", "-belfry-surface", "Connection error: …, sign-in's error"),
                new Pair("-belfry-status-error", "-belfry-background", "the Preferences' error"),
                new Pair("-belfry-on-badge", "-belfry-badge", "the unread count on the bell"),
                new Pair("-belfry-on-primary", "-belfry-primary", "Sign in"),
                new Pair("-belfry-banner-text", "-belfry-banner-background", "the real-time banner"),
                new Pair("-belfry-notice-text", "-belfry-notice-background", "a notice (a file set aside)"),
                new Pair("-belfry-undo-text", "-belfry-undo-background", "Cleared N notifications."),
                new Pair("-belfry-placeholder", "-belfry-surface", "a field's prompt (search, sign-in)")));
        return List.copyOf(pairs);
    }

    /** A rule of the stylesheet: its selector and its declarations, in order. */
    record Rule(String selector, Map<String, String> declarations) {
    }

    static List<Rule> rules;
    static Map<String, String> light;
    static Map<String, String> dark;

    @BeforeAll
    static void readTheStylesheet() throws IOException {
        rules = parse(stylesheet());
        light = block(".root");
        dark = new HashMap<>(light);
        dark.putAll(block(".root.dark")); // a .root.dark root is a .root too: what it does not redefine stays
    }

    @Test
    void everyPairMeetsAaInTheLightTheme() {
        assertThat(failures("light", light, PAIRS)).isEmpty();
    }

    @Test
    void everyPairMeetsAaInTheDarkThemeAndSoDoModenasControls() {
        List<Pair> all = new ArrayList<>(PAIRS);
        all.addAll(DARK_MODENA_PAIRS);
        assertThat(failures("dark", dark, all)).isEmpty();
    }

    @Test
    void theRatiosAreComputedAsWcagDoes() {
        assertThat(ratio(Color.BLACK, Color.WHITE)).isEqualTo(21.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ratio(Color.WHITE, Color.WHITE)).isEqualTo(1.0);
        // WebAIM's checker: #767676 on white is the lightest grey that passes, at 4.54:1.
        assertThat(ratio(Color.web("#767676"), Color.WHITE)).isEqualTo(4.54, org.assertj.core.data.Offset.offset(0.005));
        assertThat(ratio(Color.web("#777777"), Color.WHITE)).isLessThan(AA);
    }

    @Test
    void everyTextColourOfTheStylesheetIsInAPair() {
        Set<String> measured = new LinkedHashSet<>();
        PAIRS.forEach(pair -> measured.add(pair.text()));
        Set<String> used = new LinkedHashSet<>();
        for (Rule rule : rules) {
            String textFill = rule.declarations().get("-fx-text-fill");
            if (textFill != null && textFill.startsWith("-belfry-")) {
                used.add(textFill);
            }
            String fill = rule.declarations().get("-fx-fill");
            if (fill != null && fill.startsWith("-belfry-") && rule.selector().contains("text")) {
                used.add(fill); // runs of Text, where -fx-fill is the text's colour
            }
        }
        assertThat(used).as("text colours that no pair measures").isSubsetOf(measured);
    }

    @Test
    void everyOtherRuleUsesOnlyTheirNamesSoThatTheDarkThemeReachesIt() {
        Pattern literal = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(rgba?|hsba?)\\s*\\(|"
                + "\\b(white|black|gr[ae]y|silver|red|green|blue|yellow|orange)\\b");
        List<String> literals = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.selector().equals(".root") || rule.selector().equals(".root.dark")) {
                continue;
            }
            rule.declarations().forEach((property, value) -> {
                if (literal.matcher(value.toLowerCase(Locale.ROOT)).find()) {
                    literals.add(rule.selector() + " { " + property + ": " + value + " }");
                }
            });
        }
        assertThat(literals).isEmpty();
    }

    @Test
    void theDarkPaletteRedefinesEveryNameAndEveryNameUsedIsDefined() {
        Set<String> palette = new LinkedHashSet<>();
        block(".root").keySet().stream().filter(name -> name.startsWith("-belfry-")).forEach(palette::add);
        assertThat(block(".root.dark").keySet()).as("a name the dark theme forgets stays light")
                .containsAll(palette);
        Pattern name = Pattern.compile("-belfry-[a-z-]+");
        Set<String> used = new LinkedHashSet<>();
        rules.forEach(rule -> rule.declarations().values().forEach(value -> {
            Matcher m = name.matcher(value);
            while (m.find()) {
                used.add(m.group());
            }
        }));
        assertThat(palette).containsAll(used);
    }

    /** Each pair below AA, with its ratio; also prints every ratio, lowest first, for the record. */
    private static List<String> failures(String theme, Map<String, String> palette, List<Pair> pairs) {
        List<String> failures = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            Color text = resolve(palette, pair.text());
            Color background = resolve(palette, pair.background());
            assertThat(text.getOpacity()).as(pair.text() + " is opaque").isEqualTo(1.0);
            assertThat(background.getOpacity()).as(pair.background() + " is opaque").isEqualTo(1.0);
            double ratio = ratio(text, background);
            String line = String.format(Locale.ROOT, "%5.2f  %s on %s (%s)", ratio, pair.text(), pair.background(),
                    pair.where());
            ratios.put(line, ratio);
            if (ratio < AA) {
                failures.add(line);
            }
        }
        System.out.println("The " + theme + " theme's ratios, lowest first:");
        ratios.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(entry -> System.out.println(entry.getKey()));
        return failures;
    }

    /** A name's colour in this palette, following names that name other names. */
    static Color resolve(Map<String, String> palette, String name) {
        String value = name;
        for (int hops = 0; value.startsWith("-"); hops++) {
            assertThat(hops).as("a loop of names at " + name).isLessThan(10);
            String next = palette.get(value);
            assertThat(next).as(value + " is defined in the palette").isNotNull();
            value = next;
        }
        return Color.web(value);
    }

    /** WCAG 2.x: (L1 + 0.05) / (L2 + 0.05), the lighter colour's relative luminance over the darker's. */
    static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    /** sRGB's transfer function undone. */
    private static double linear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    private static Map<String, String> block(String selector) {
        return rules.stream().filter(rule -> rule.selector().equals(selector)).findFirst()
                .map(Rule::declarations).orElseThrow(() -> new AssertionError("no " + selector + " rule"));
    }

    private static String stylesheet() throws IOException {
        try (InputStream in = MainWindow.class.getResourceAsStream("belfry.css")) {
            assertThat(in).as("belfry.css").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Enough of CSS for a stylesheet of flat rules: comments dropped, one rule per selector list. */
    static List<Rule> parse(String css) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        List<Rule> parsed = new ArrayList<>();
        Matcher rule = Pattern.compile("([^{}]+)\\{([^{}]*)}").matcher(text);
        while (rule.find()) {
            Map<String, String> declarations = new LinkedHashMap<>();
            for (String declaration : rule.group(2).split(";")) {
                int colon = declaration.indexOf(':');
                if (colon > 0) {
                    declarations.put(declaration.substring(0, colon).strip(), declaration.substring(colon + 1).strip());
                }
            }
            parsed.add(new Rule(rule.group(1).strip().replaceAll("\\s+", " "), declarations));
        }
        return parsed;
    }
}
