package app.belfry.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bundles are complete and well-formed, plurals and numbers are each language's, and no text is in the code. */
class TextsTest {

    @AfterEach
    void backToEnglish() {
        Texts.use("en", Locale.ENGLISH);
    }

    private static Properties bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("Texts" + suffix + ".properties")) {
            assertThat(in).as("Texts" + suffix + ".properties").isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyLanguageHasEveryKeyOfEnglishAndNoOther() throws IOException {
        Properties english = bundle("");
        assertThat(english).isNotEmpty();
        for (String language : Texts.SPOKEN.subList(1, Texts.SPOKEN.size())) {
            Properties other = bundle("_" + language);
            assertThat(new TreeSet<>(other.stringPropertyNames())).as(language + ": the keys of English")
                    .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
            for (String key : english.stringPropertyNames()) {
                assertThat(other.getProperty(key)).as(language + ": " + key).isNotBlank();
            }
        }
    }

    /** Each pattern parses, and takes the same arguments in every language (a {1} lost in translation fails). */
    @Test
    void everyPatternTakesTheSameArgumentsInEveryLanguage() throws IOException {
        Properties english = bundle("");
        for (String language : Texts.SPOKEN) {
            Properties texts = language.equals("en") ? english : bundle("_" + language);
            for (String key : english.stringPropertyNames()) {
                assertThat(arguments(texts.getProperty(key))).as(language + ": the arguments of " + key)
                        .isEqualTo(arguments(english.getProperty(key)));
            }
        }
    }

    private static TreeSet<Integer> arguments(String pattern) {
        TreeSet<Integer> indices = new TreeSet<>();
        if (pattern.contains("{")) {
            new MessageFormat(pattern, Locale.ROOT); // throws when the pattern does not parse
            Matcher used = Pattern.compile("\\{(\\d+)").matcher(pattern);
            while (used.find()) {
                indices.add(Integer.parseInt(used.group(1)));
            }
        }
        return indices;
    }

    @Test
    void pluralsAndNumbersAreEachLanguages() {
        Texts.use("de", Locale.US);
        assertThat(Texts.format("popup.away", 1)).isEqualTo("1 neue Benachrichtigung während Ihrer Abwesenheit");
        assertThat(Texts.format("popup.away", 12)).isEqualTo("12 neue Benachrichtigungen während Ihrer Abwesenheit");
        assertThat(Texts.format("prefs.badKeep", 10_000)).isEqualTo("Behalten Sie 1 bis 10.000 Benachrichtigungen.");
        Texts.use("fr", Locale.US);
        assertThat(Texts.format("undo.cleared", 1)).isEqualTo("1 notification effacée.");
        assertThat(Texts.format("undo.cleared", 2)).isEqualTo("2 notifications effacées.");
        assertThat(Texts.format("prefs.badKeep", 10_000)).isEqualTo("Conservez de 1 à 10\u202f000 notifications.");
        Texts.use("en", Locale.US);
        assertThat(Texts.format("undo.cleared", 1)).isEqualTo("Cleared 1 notification.");
        assertThat(Texts.format("bell.accessible", 3)).isEqualTo("Notifications, 3 unread");
        assertThat(Texts.format("prefs.badKeep", 10_000)).isEqualTo("Keep from 1 to 10,000 notifications.");
    }

    @Test
    void theLanguageIsTheChosenOneElseTheSystemsWhenSpokenElseEnglish() {
        assertThat(Texts.use(null, Locale.GERMANY)).isEqualTo(Locale.GERMANY);
        assertThat(Texts.text("menu.signOut")).isEqualTo("Abmelden");
        assertThat(Texts.use("fr", Locale.GERMANY).getLanguage()).isEqualTo("fr");
        assertThat(Texts.text("menu.signOut")).isEqualTo("Se déconnecter");
        assertThat(Texts.use(null, Locale.JAPAN)).isEqualTo(Locale.ENGLISH);
        assertThat(Texts.text("menu.signOut")).isEqualTo("Sign out");
        assertThat(Texts.use("tlh", Locale.ITALY)).as("a language Belfry does not speak").isEqualTo(Locale.ENGLISH);
    }

    /**
     * No text a user reads is written in the code of the window, the popups and the tray: a string literal there
     * that reads as words (a capitalised word, or words with spaces) fails, unless its line says it is not shown
     * (a log's words, a file format's).
     */
    @Test
    void noUserVisibleTextIsWrittenInTheCode() throws IOException {
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        Pattern words = Pattern.compile("[A-Za-z]{2,}[,.:;!?…]? [A-Za-z]{2,}|^[A-Z][a-z]+[.!?…:]?$");
        Pattern exempt = Pattern.compile("LOG\\.|Level\\.|requireNonNull|getenv|\\bsetId\\(|getStyleClass|"
                + "getPseudoClass|// not shown|^\\s*(\\*|//|/\\*)");
        List<String> found = new ArrayList<>();
        Path main = Path.of("src/main/java/app/belfry");
        List<Path> sources = new ArrayList<>();
        for (String folder : List.of("ui", "desktop")) {
            try (Stream<Path> files = Files.walk(main.resolve(folder))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        sources.add(main.resolve("Belfry.java"));
        sources.add(main.resolve("net/ConnectionProblem.java"));
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            boolean inTextBlock = false; // a text block is a file's format here (a plist), not a text to read
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains("\"\"\"")) {
                    inTextBlock = !inTextBlock;
                    continue;
                }
                if (inTextBlock) {
                    continue;
                }
                if (exempt.matcher(line).find()) {
                    // A log statement over several lines is for the log to its end.
                    while (line.contains("LOG.") && !line.strip().endsWith(";") && i + 1 < lines.size()) {
                        line = lines.get(++i);
                    }
                    continue;
                }
                Matcher m = literal.matcher(line);
                while (m.find()) {
                    if (words.matcher(m.group(1)).find()) {
                        found.add(source.getFileName() + ":" + (i + 1) + ": \"" + m.group(1) + "\"");
                    }
                }
            }
        }
        assertThat(found).as("texts in the code: move them to Texts.properties").isEmpty();
    }
}
