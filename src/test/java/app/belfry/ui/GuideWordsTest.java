package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.ConnectionState;
import app.belfry.model.ConnectionStatus;
import app.belfry.model.SocketError;
import org.junit.jupiter.api.Test;

/** The words the guide fixes, exactly (in English). */
class GuideWordsTest {

    @org.junit.jupiter.api.BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage(); // the bell is a Button: its class needs JavaFX running
    }

    @Test
    void theBadgeSaysNinePlusAboveNine() {
        assertThat(NotificationBell.badgeText(0)).isEmpty();
        assertThat(NotificationBell.badgeText(1)).isEqualTo("1");
        assertThat(NotificationBell.badgeText(9)).isEqualTo("9");
        assertThat(NotificationBell.badgeText(10)).isEqualTo("9+");
        assertThat(NotificationBell.badgeText(1_000)).isEqualTo("9+");
    }

    @Test
    void theConnectionStatusSaysWhatTheGuideSays() {
        assertThat(MainWindow.statusText(ConnectionState.CONNECTING, null)).isEqualTo("Connecting...");
        assertThat(MainWindow.statusText(ConnectionState.CONNECTED, null)).isEqualTo("Connected");
        assertThat(MainWindow.statusText(ConnectionState.DISCONNECTED, null)).isEqualTo("Disconnected");
        assertThat(MainWindow.statusText(ConnectionState.ERROR, new SocketError("xhr poll error", null)))
                .isEqualTo("Connection error: xhr poll error");
        assertThat(MainWindow.statusText(ConnectionState.ERROR, null)).isEqualTo("Connection error: Unknown error");
    }

    @Test
    void theBannerCountsAttemptsAndSaysWhenItGaveUp() {
        assertThat(RealtimeBanner.text(new ConnectionStatus(ConnectionState.CONNECTING, 2, 5, null, false, false)))
                .isEqualTo("Real-time updates unavailable. Reconnecting... (attempt 2 of 5)");
        assertThat(RealtimeBanner.text(new ConnectionStatus(ConnectionState.DISCONNECTED, 0, 5, null, false, false)))
                .isEqualTo("Real-time updates unavailable. Reconnecting...");
        assertThat(RealtimeBanner.text(new ConnectionStatus(ConnectionState.DISCONNECTED, 0, 5, null, false, true)))
                .isEqualTo("Real-time updates unavailable.");
    }
}
