package app.belfry.desktop.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The current user's {@code Run} value, against a registry kept in a map. */
class WindowsAutostartTest {

    private static final String RUN = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    private static final String INSTALLED = "C:\\Users\\Ada Lovelace\\AppData\\Local\\Belfry\\Belfry.exe";

    /** HKEY_CURRENT_USER as a map of "key\name" to data; a write can be made to fail. */
    private static final class FakeRegistry implements Registry {
        final Map<String, String> values = new TreeMap<>();
        IOException failure;

        @Override
        public Optional<String> read(String key, String name) throws IOException {
            fail();
            return Optional.ofNullable(values.get(key + "\\" + name));
        }

        @Override
        public void write(String key, String name, String data) throws IOException {
            fail();
            values.put(key + "\\" + name, data);
        }

        @Override
        public void delete(String key, String name) throws IOException {
            fail();
            values.remove(key + "\\" + name);
        }

        private void fail() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private final FakeRegistry registry = new FakeRegistry();

    private Autostart autostart(String launcher) {
        return new WindowsAutostart(registry, Optional.ofNullable(launcher));
    }

    @Test
    void onSetsTheRunValueToTheQuotedLauncherMinimized() throws Exception {
        Autostart autostart = autostart(INSTALLED);
        assertThat(autostart.isEnabled()).isFalse();

        assertThat(autostart.enable()).isEqualTo("Belfry starts at login: set the value Belfry of "
                + "HKEY_CURRENT_USER\\" + RUN + " to \"" + INSTALLED + "\" --minimized");

        assertThat(registry.values).containsExactly(Map.entry(RUN + "\\Belfry", "\"" + INSTALLED + "\" --minimized"));
        assertThat(autostart.isEnabled()).isTrue();
    }

    @Test
    void theConsoleLauncherPutsTheWindowedOneInTheRunValue() throws Exception {
        autostart("C:\\Program Files\\Belfry\\belfry-console.exe").enable();

        assertThat(registry.values).containsEntry(RUN + "\\Belfry", "\"C:\\Program Files\\Belfry\\Belfry.exe\" "
                + "--minimized");
        assertThat(autostart("C:\\Program Files\\Belfry\\Belfry.exe").isEnabled()).isTrue();
    }

    @Test
    void offDeletesTheValueWhenItStartsThisLauncher() throws Exception {
        registry.values.put(RUN + "\\OneDrive", "\"C:\\OneDrive.exe\" /background");
        // As an earlier version, or the user, may have written it: other case, no quotes, other arguments.
        registry.values.put(RUN + "\\Belfry", INSTALLED.toUpperCase(java.util.Locale.ROOT));
        Autostart autostart = autostart(INSTALLED);
        assertThat(autostart.isEnabled()).isTrue();

        assertThat(autostart.disable()).isEqualTo("Belfry no longer starts at login: removed the value Belfry of "
                + "HKEY_CURRENT_USER\\" + RUN);

        assertThat(registry.values).containsOnlyKeys(RUN + "\\OneDrive");
        assertThat(autostart.disable()).isEqualTo("Belfry does not start at login: the value Belfry of "
                + "HKEY_CURRENT_USER\\" + RUN + " is not set");
    }

    @Test
    void offLeavesAValueThatStartsAnotherProgram() {
        String other = "\"D:\\Old\\Belfry\\Belfry.exe\" --minimized";
        registry.values.put(RUN + "\\Belfry", other);
        Autostart autostart = autostart(INSTALLED);
        assertThat(autostart.isEnabled()).isFalse();

        assertThatThrownBy(autostart::disable).isInstanceOf(AutostartException.class).hasMessage("the value Belfry "
                + "of HKEY_CURRENT_USER\\" + RUN + " starts " + other + ", not this Belfry (" + INSTALLED
                + "), so it is left as it is");
        assertThat(registry.values).containsEntry(RUN + "\\Belfry", other);

        registry.values.put(RUN + "\\Belfry", "\"" + INSTALLED + "-beta.exe\"");
        assertThat(autostart.isEnabled()).as("a longer path that starts the same").isFalse();
    }

    @Test
    void onReplacesAnotherProgramsValueAndSaysWhatItStarted() throws Exception {
        registry.values.put(RUN + "\\Belfry", "D:\\Old\\Belfry.exe");

        assertThat(autostart(INSTALLED).enable()).endsWith(" (it started D:\\Old\\Belfry.exe before)");

        assertThat(registry.values).containsEntry(RUN + "\\Belfry", "\"" + INSTALLED + "\" --minimized");
    }

    @Test
    void aDevelopmentRunWritesNothing() {
        Autostart autostart = autostart(null);

        assertThatThrownBy(autostart::enable).isInstanceOf(AutostartException.class)
                .hasMessageStartingWith("Start at login needs the installed Belfry");
        assertThat(registry.values).isEmpty();
    }

    @Test
    void aRegistryThatRefusesIsSaidInWords() {
        registry.failure = new IOException("Access is denied.");

        assertThatThrownBy(autostart(INSTALLED)::enable).isInstanceOf(AutostartException.class)
                .hasMessage("Could not set the value Belfry of HKEY_CURRENT_USER\\" + RUN + ": Access is denied.");
        assertThat(autostart(INSTALLED).isEnabled()).isFalse();
    }
}
