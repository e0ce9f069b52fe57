package app.belfry.desktop;

import app.belfry.i18n.Texts;
import app.belfry.model.NotificationType;
import java.awt.AWTException;
import java.awt.BasicStroke;
import java.awt.CheckboxMenuItem;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.image.BufferedImage;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The tray icon: the bell with the unread count drawn on it, "Belfry: N unread" (or offline) as its tooltip, and a
 * menu: Open, Mark all read, Do not disturb, Sign out, Quit. On Windows and macOS it also shows popups
 * ({@link TrayIcon#displayMessage}). AWT work happens on AWT's event thread, FX work on the FX thread: each hop
 * is made here, once, through {@link #onAwt} and the {@code fxThread} executor.
 */
public final class TrayController implements PopupSink {

    private static final System.Logger LOG = System.getLogger(TrayController.class.getName());

    /** What the tray's menu does, on the FX thread. */
    public record Actions(Runnable open, Runnable markAllRead, Consumer<Boolean> doNotDisturb, Runnable preferences,
            Runnable signOut, Runnable quit) {
    }

    private final TrayIcon icon;
    private final CheckboxMenuItem doNotDisturb = new CheckboxMenuItem(Texts.text("tray.doNotDisturb"));
    private final Executor fxThread;
    private volatile Consumer<String> activation = id -> { };
    private volatile String lastPopupId;
    private int unread = -1;
    private boolean connected;

    private TrayController(TrayIcon icon, Executor fxThread) {
        this.icon = icon;
        this.fxThread = fxThread;
    }

    /** A tray icon, when the desktop has a tray (not GNOME without an extension, not bare X, not headless). */
    public static Optional<TrayController> install(Actions actions, Executor fxThread) {
        try {
            if (java.awt.GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                LOG.log(Level.INFO, "No system tray here: closing the window quits");
                return Optional.empty();
            }
            Dimension size = SystemTray.getSystemTray().getTrayIconSize();
            TrayIcon icon = new TrayIcon(draw(Math.max(16, size.height), 0, false), Texts.text("app.name"));
            icon.setImageAutoSize(true);
            TrayController tray = new TrayController(icon, fxThread);
            PopupMenu menu = new PopupMenu();
            menu.add(item(Texts.text("tray.open"), () -> fxThread.execute(actions.open())));
            menu.add(item(Texts.text("tray.markAllRead"), () -> fxThread.execute(actions.markAllRead())));
            tray.doNotDisturb.addItemListener(e -> {
                boolean on = tray.doNotDisturb.getState();
                fxThread.execute(() -> actions.doNotDisturb().accept(on));
            });
            menu.add(tray.doNotDisturb);
            menu.add(item(Texts.text("tray.preferences"), () -> fxThread.execute(actions.preferences())));
            menu.addSeparator();
            menu.add(item(Texts.text("tray.signOut"), () -> fxThread.execute(actions.signOut())));
            menu.add(item(Texts.text("tray.quit"), () -> fxThread.execute(actions.quit())));
            icon.setPopupMenu(menu);
            icon.addActionListener(e -> {
                String id = tray.lastPopupId;
                fxThread.execute(() -> {
                    if (id != null) {
                        tray.activation.accept(id);
                    } else {
                        actions.open().run();
                    }
                });
            });
            SystemTray.getSystemTray().add(icon);
            return Optional.of(tray);
        } catch (AWTException | RuntimeException | Error e) {
            LOG.log(Level.INFO, "The system tray is not usable here ({0}): closing the window quits", e.toString());
            return Optional.empty();
        }
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> action.run());
        return item;
    }

    /** FX thread: the count and the connection, for the image and the tooltip. */
    public void update(int unreadCount, boolean isConnected) {
        if (unreadCount == unread && isConnected == connected) {
            return;
        }
        unread = unreadCount;
        connected = isConnected;
        int size = Math.max(16, icon.getSize().height);
        onAwt(() -> {
            icon.setImage(draw(size, unreadCount, isConnected));
            icon.setToolTip(tooltip(unreadCount, isConnected));
        });
    }

    /** FX thread: the do-not-disturb check mark follows the window's toggle. */
    public void showDoNotDisturb(boolean on) {
        onAwt(() -> doNotDisturb.setState(on));
    }

    /** "Belfry: 3 unread", and "(offline)" when not connected. */
    public static String tooltip(int unreadCount, boolean isConnected) {
        return Texts.format(isConnected ? "tray.tooltip" : "tray.tooltip.offline", unreadCount);
    }

    public String tooltip() {
        return icon.getToolTip();
    }

    @Override
    public boolean show(Popup popup) {
        lastPopupId = popup.notificationId();
        TrayIcon.MessageType kind = popup.type() == NotificationType.ERROR ? TrayIcon.MessageType.ERROR
                : popup.type() == NotificationType.WARNING ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO;
        onAwt(() -> icon.displayMessage(popup.title(), popup.body(), kind));
        return true;
    }

    @Override
    public void onAction(java.util.function.BiConsumer<Action, String> handler) {
        activation = id -> handler.accept(Action.OPEN, id); // the tray's message has no buttons: a click opens
    }

    @Override
    public String name() {
        return "the system tray"; // not shown: for the log
    }

    @Override
    public void close() {
        onAwt(() -> SystemTray.getSystemTray().remove(icon));
    }

    /** The one way onto AWT's event thread. */
    private static void onAwt(Runnable task) {
        EventQueue.invokeLater(task);
    }

    /** Belfry's icon (the installers' drawing), or null when the resource is missing (then a bell is drawn). */
    private static final java.awt.image.BufferedImage APP_ICON = loadIcon();

    private static java.awt.image.BufferedImage loadIcon() {
        try (var in = TrayController.class.getResourceAsStream("/app/belfry/icons/belfry-64.png")) {
            return in == null ? null : javax.imageio.ImageIO.read(in);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Belfry's icon with the count on a red disc (9+ above nine), faded while offline. */
    static BufferedImage draw(int size, int unreadCount, boolean isConnected) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        double s = size / 24.0;
        if (APP_ICON != null) {
            if (!isConnected) {
                g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.45f));
            }
            g.drawImage(APP_ICON, 0, 0, size, size, null);
            g.setComposite(java.awt.AlphaComposite.SrcOver);
            drawCount(g, size, s, unreadCount);
            g.dispose();
            return image;
        }
        GeneralPath bell = new GeneralPath();
        bell.moveTo(18 * s, 8 * s);
        bell.curveTo(18 * s, 4.7 * s, 15.3 * s, 2 * s, 12 * s, 2 * s);
        bell.curveTo(8.7 * s, 2 * s, 6 * s, 4.7 * s, 6 * s, 8 * s);
        bell.curveTo(6 * s, 15 * s, 3 * s, 17 * s, 3 * s, 17 * s);
        bell.lineTo(21 * s, 17 * s);
        bell.curveTo(21 * s, 17 * s, 18 * s, 15 * s, 18 * s, 8 * s);
        bell.closePath();
        g.setColor(isConnected ? new Color(0x1f2937) : new Color(0x9ca3af));
        g.fill(bell);
        g.setStroke(new BasicStroke((float) (2 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Arc2D.Double(9.5 * s, 18 * s, 5 * s, 4 * s, 180, 180, java.awt.geom.Arc2D.OPEN));
        drawCount(g, size, s, unreadCount);
        g.dispose();
        return image;
    }

    private static void drawCount(Graphics2D g, int size, double s, int unreadCount) {
        if (unreadCount > 0) {
            double d = 13 * s;
            g.setColor(new Color(0xef4444));
            g.fill(new Ellipse2D.Double(size - d, 0, d, d));
            String text = unreadCount > 9 ? "9+" : Integer.toString(unreadCount);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.max(7, (text.length() > 1 ? 7.5 : 9) * s)));
            var metrics = g.getFontMetrics();
            g.drawString(text, (float) (size - d / 2 - metrics.stringWidth(text) / 2.0),
                    (float) (d / 2 + (metrics.getAscent() - metrics.getDescent()) / 2.0));
        }
    }
}
