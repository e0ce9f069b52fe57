package app.belfry;

import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ActionEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Run by {@link MinimizedStartTest} in a JVM of its own on a real X display: opens Belfry with {@code --minimized}
 * (its data folder the first argument) and prints what a user would see: "hidden in the tray" once the tray icon is
 * Belfry's (its tooltip set), then "shown after Open" when the tray's Open is clicked; or "shown without a tray".
 */
public final class MinimizedProbe {

    public static void main(String[] args) throws Exception {
        Rendering.configure();
        CountDownLatch toolkit = new CountDownLatch(1);
        Platform.startup(toolkit::countDown);
        toolkit.await();
        CountDownLatch shown = new CountDownLatch(1);
        AtomicBoolean everShown = new AtomicBoolean();
        CompletableFuture<Belfry> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            stage.showingProperty().addListener((o, was, showing) -> {
                if (showing) {
                    everShown.set(true);
                    shown.countDown();
                }
            });
            opened.complete(Belfry.open(stage, LaunchOptions.parse(new String[] {"--minimized", "--server",
                "http://127.0.0.1:9", "--data-dir", args[0]}, Map.of())));
        });
        Belfry belfry = opened.get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        TrayIcon icon = null;
        // Either the window shows, or the tray icon is there with Belfry's tooltip (set once Belfry uses the tray).
        while (!shown.await(20, TimeUnit.MILLISECONDS) && (icon = belfrysIcon()) == null) {
            if (System.nanoTime() > deadline) {
                System.out.println("neither a window nor a tray icon");
                System.exit(1);
            }
        }
        if (icon == null) {
            System.out.println("shown without a tray");
        } else {
            System.out.println("hidden in the tray" + (everShown.get() ? ", but it was shown" : ""));
            MenuItem open = icon.getPopupMenu().getItem(0);
            System.out.println("tray menu: " + open.getLabel());
            EventQueue.invokeLater(() -> open.getActionListeners()[0].actionPerformed(new ActionEvent(open,
                    ActionEvent.ACTION_PERFORMED, open.getActionCommand())));
            System.out.println(shown.await(10, TimeUnit.SECONDS) ? "shown after Open" : "not shown after Open");
        }
        CompletableFuture<CompletableFuture<Void>> ending = new CompletableFuture<>();
        Platform.runLater(() -> ending.complete(belfry.shutDown()));
        ending.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Belfry's tray icon once Belfry has set its tooltip ("Belfry: 0 unread …"), else null. */
    private static TrayIcon belfrysIcon() {
        if (!SystemTray.isSupported()) {
            return null;
        }
        for (TrayIcon icon : SystemTray.getSystemTray().getTrayIcons()) {
            if (icon.getToolTip() != null && icon.getToolTip().startsWith("Belfry: ")) {
                return icon;
            }
        }
        return null;
    }
}
