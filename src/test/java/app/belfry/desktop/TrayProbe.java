package app.belfry.desktop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link TrayTest} in a JVM of its own on a real X display: installs Belfry's tray icon, changes the count,
 * and prints what the tray says. Prints "no tray" where there is none.
 */
public final class TrayProbe {

    public static void main(String[] args) throws Exception {
        Runnable nothing = () -> { };
        var tray = TrayController.install(new TrayController.Actions(nothing, nothing, on -> { }, nothing, nothing, nothing),
                Runnable::run);
        if (tray.isEmpty()) {
            System.out.println("no tray");
            System.exit(0);
        }
        for (int[] state : new int[][] {{0, 1}, {3, 1}, {12, 1}, {12, 0}}) {
            tray.get().update(state[0], state[1] == 1);
            CountDownLatch applied = new CountDownLatch(1);
            java.awt.EventQueue.invokeLater(applied::countDown); // after the update's own AWT task
            applied.await(10, TimeUnit.SECONDS);
            System.out.println("tooltip: " + tray.get().tooltip());
        }
        tray.get().close();
        System.exit(0);
    }
}
