package app.belfry.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text Belfry shows, from the resource bundles {@code app/belfry/i18n/Texts*.properties}: English, German and
 * French. The language is chosen once at start ({@link #use}): the Preferences' choice, else the system's when Belfry
 * speaks it, else English. Texts with numbers are {@link MessageFormat} patterns, whose {@code choice} format gives
 * each language its plurals ("1 new notification", "1 neue Benachrichtigung", "0 nouvelle notification") and whose
 * numbers are the language's ("10,000", "10.000", "10 000").
 */
public final class Texts {

    /** The languages Belfry speaks, as BCP 47 tags; the first is the one used when none of the others fits. */
    public static final List<String> SPOKEN = List.of("en", "de", "fr");

    private static final String BUNDLE = "app.belfry.i18n.Texts";
    private static volatile Locale current = Locale.ENGLISH;
    private static volatile ResourceBundle bundle = load(Locale.ENGLISH);

    private Texts() {
    }

    /**
     * From now on, texts in this language: {@code tag} (the Preferences' choice) when Belfry speaks it, else the
     * system's language when it does, else English. Returns the locale chosen.
     */
    public static Locale use(String tag, Locale system) {
        Locale chosen = Locale.ENGLISH;
        if (tag != null && SPOKEN.contains(tag)) {
            chosen = Locale.forLanguageTag(tag);
        } else if (system != null && SPOKEN.contains(system.getLanguage())) {
            chosen = new Locale(system.getLanguage(), system.getCountry()); // de-CH keeps its own number format
        }
        current = chosen;
        bundle = load(chosen);
        return chosen;
    }

    /** The language texts are in now (with the system's country when it is the system's language). */
    public static Locale locale() {
        return current;
    }

    private static ResourceBundle load(Locale locale) {
        // No fall back to the JVM's default locale: English is the base bundle, not the machine's language.
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text of {@code key}; a key no bundle has shows as itself (and a test fails on it first). */
    public static String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** The text of {@code key} in a language Belfry speaks, whatever the current one: for files others show. */
    public static String textIn(String key, String language) {
        return load(Locale.forLanguageTag(language)).getString(key);
    }

    /** The text of {@code key} with its arguments put in ({@code {0}}, {@code {1,number,integer}}, choices). */
    public static String format(String key, Object... arguments) {
        return new MessageFormat(text(key), current).format(arguments);
    }
}
