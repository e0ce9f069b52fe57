package app.belfry.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.testing.LogCapture;
import app.belfry.testing.PrivateSessionBus;
import app.belfry.ui.Appearance;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Same as the system" on Linux: a fake desktop portal on a real dbus-daemon of the test's own says the scheme, and
 * Belfry's theme follows it as it changes, wired as the app wires it.
 */
@ExtendWith(ApplicationExtension.class)
class PortalColorSchemeTest {

    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture log = new LogCapture(DbusPopupSink.LOGGER_NAME);

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final BlockingQueue<Boolean> readings = new LinkedBlockingQueue<>();
    private PrivateSessionBus bus;
    private FakePortal portal;
    private SystemColorScheme scheme;
    private Stage stage;
    private Appearance appearance;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 100, 100));
        appearance = new Appearance(stage); // "Same as the system", the default
    }

    @AfterEach
    void stop() throws Exception {
        if (scheme != null) {
            scheme.close();
        }
        background.shutdownNow();
        if (portal != null) {
            portal.close();
        }
        if (bus != null) {
            bus.close();
        }
        WaitForAsyncUtils.asyncFx(appearance::close).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void theThemeFollowsThePortalsSettingLive() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the portal is Linux's");
        bus = PrivateSessionBus.start(dir);
        portal = FakePortal.exportOn(bus.address(), 1); // prefer dark
        scheme = SystemColorScheme.follow(Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address()), background,
                Platform::runLater, appearance.systemDarkProperty()::set);
        waitUntil("dark, as the portal prefers", () -> appearance.isDark()
                && stage.getScene().getRoot().getStyleClass().contains(Appearance.DARK));

        portal.change(2); // prefer light
        waitUntil("light, live", () -> !appearance.isDark()
                && !stage.getScene().getRoot().getStyleClass().contains(Appearance.DARK));

        portal.change(1);
        waitUntil("dark again", appearance::isDark);
        portal.change(0); // no preference: light
        waitUntil("light for no preference", () -> !appearance.isDark());
    }

    @Test
    void otherSettingsChangingAreNotTheColourScheme() throws Exception {
        bus = PrivateSessionBus.start(dir);
        portal = FakePortal.exportOn(bus.address(), 2);
        scheme = PortalColorScheme.start(bus.address(), background, readings::add);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();

        portal.emit(PortalColorScheme.NAMESPACE, "accent-color", new Variant<>(new UInt32(1)));
        portal.emit("org.gnome.desktop.interface", PortalColorScheme.KEY, new Variant<>(new UInt32(1)));
        portal.change(1);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("only color-scheme's change").isTrue();
        assertThat(readings).isEmpty();
    }

    @Test
    void aPortalBeforeVersionTwoIsReadWithReadAndItsExtraVariant() throws Exception {
        bus = PrivateSessionBus.start(dir);
        portal = FakePortal.exportOldOn(bus.address(), 1);
        scheme = PortalColorScheme.start(bus.address(), background, readings::add);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("dark, through Read").isTrue();
        portal.change(2);
        assertThat(readings.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void withoutAPortalOnTheBusNothingIsReportedAndThatIsSaidOnce() throws Exception {
        bus = PrivateSessionBus.start(dir);
        scheme = PortalColorScheme.start(bus.address(), background, readings::add);
        background.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS); // the connection's attempt is over
        assertThat(readings).isEmpty();
        assertThat(log.lines()).singleElement().asString().contains("desktop portal", "light");
    }

    @Test
    void withoutASessionBusNothingIsReportedAndThatIsSaidOnce() throws Exception {
        scheme = PortalColorScheme.start(null, background, readings::add);
        background.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(readings).isEmpty();
        assertThat(log.lines()).singleElement().asString().contains("No session bus");
    }

    @Test
    void readingsAreNumbersInVariantsAndOnlyOneIsDark() {
        assertThat(PortalColorScheme.prefersDark(new Variant<>(new UInt32(1)))).isTrue();
        assertThat(PortalColorScheme.prefersDark(new Variant<>(new Variant<>(new UInt32(1)), "v"))).isTrue();
        assertThat(PortalColorScheme.prefersDark(new Variant<>(new UInt32(2)))).isFalse();
        assertThat(PortalColorScheme.prefersDark(new Variant<>(new UInt32(0)))).isFalse();
        assertThat(PortalColorScheme.prefersDark(new Variant<>("dark"))).isFalse();
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not " + what + " within " + WAIT_SECONDS + " s", e);
        }
    }
}
