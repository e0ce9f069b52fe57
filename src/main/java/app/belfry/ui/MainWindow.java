package app.belfry.ui;

import app.belfry.i18n.Texts;
import app.belfry.model.ConnectionState;
import app.belfry.model.Preferences;
import app.belfry.model.SocketError;
import app.belfry.store.NotificationStore;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.PopOver;

/**
 * Belfry's main window: a top bar (name, connection status, account menu, the bell), the real-time banner, and the
 * inbox, or the sign-in view when sign-in is needed. Everything that changes is bound to the store.
 */
public final class MainWindow {

    public static final String STYLESHEET = Objects.requireNonNull(
            MainWindow.class.getResource("belfry.css")).toExternalForm();

    /** Opens and closes the dropdown (Ctrl+Shift+N, Cmd+Shift+N on macOS). */
    static final javafx.scene.input.KeyCombination OPEN_DROPDOWN = new javafx.scene.input.KeyCodeCombination(
            KeyCode.N, javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN);
    /** Marks every kept notification read (Ctrl+Shift+A, Cmd+Shift+A on macOS). */
    static final javafx.scene.input.KeyCombination MARK_ALL_READ = new javafx.scene.input.KeyCodeCombination(
            KeyCode.A, javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN);

    private static final PseudoClass[] STATE_CLASSES = {PseudoClass.getPseudoClass("connecting"),
        PseudoClass.getPseudoClass("connected"), PseudoClass.getPseudoClass("disconnected"),
        PseudoClass.getPseudoClass("error")};

    private final NotificationStore store;
    private final BorderPane root = new BorderPane();
    private final RelativeTime relativeTime = new RelativeTime();
    private final LoginView login;
    private final Parent inbox;
    private final NotificationBell bell = new NotificationBell();
    private final InboxView inboxView;
    private final UndoBar undoBar;
    private final PopOver dropdown;
    private final MenuButton account;
    private final javafx.beans.property.BooleanProperty signingIn = new javafx.beans.property.SimpleBooleanProperty();
    private final ObjectProperty<Preferences> preferences = new SimpleObjectProperty<>(this, "preferences",
            Preferences.DEFAULTS);
    private javafx.scene.control.ListView<app.belfry.model.Notification> inboxList;
    private final javafx.scene.control.ListView<app.belfry.model.Notification> dropdownList;
    private String serverUrl;
    private StartAtLogin startAtLogin = StartAtLogin.NONE;

    public MainWindow(NotificationStore store, SessionControl session, String note) {
        this.store = store;
        undoBar = new UndoBar(store);
        Label title = new Label(Texts.text("app.name"));
        title.getStyleClass().add("app-title");
        Label status = new Label();
        status.setId("connection-status");
        status.getStyleClass().add("connection-status");
        status.accessibleTextProperty().bind(Bindings.createStringBinding(() -> Texts.format("status.accessible",
                status.getText()), status.textProperty()));
        status.textProperty().bind(Bindings.createStringBinding(
                () -> statusText(store.connectionStateProperty().get(), store.errorProperty().get()),
                store.connectionStateProperty(), store.errorProperty()));
        store.connectionStateProperty().addListener((o, was, state) -> showState(status, state));
        showState(status, store.connectionStateProperty().get());

        MenuItem signOut = new MenuItem(Texts.text("menu.signOut"));
        signOut.setId("sign-out");
        signOut.setOnAction(e -> session.signOut());
        javafx.scene.control.CheckMenuItem quiet = new javafx.scene.control.CheckMenuItem(
                Texts.text("menu.doNotDisturb"));
        quiet.setId("do-not-disturb");
        // The menu's check and the preferences say the same: each follows the other.
        quiet.setSelected(preferences.get().doNotDisturb());
        preferences.addListener((o, was, now) -> quiet.setSelected(now.doNotDisturb()));
        quiet.selectedProperty().addListener((o, was, on) -> {
            if (on != preferences.get().doNotDisturb()) {
                preferences.set(preferences.get().withDoNotDisturb(on));
            }
        });
        MenuItem preferencesItem = new MenuItem(Texts.text("menu.preferences"));
        preferencesItem.setId("preferences");
        preferencesItem.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.COMMA,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        preferencesItem.setOnAction(e -> showPreferences());
        // The dropdown and Mark all read from the keyboard, anywhere in the window; the menu shows their keys.
        MenuItem notificationsItem = new MenuItem(Texts.text("menu.notifications"));
        notificationsItem.setId("open-notifications");
        notificationsItem.setAccelerator(OPEN_DROPDOWN);
        MenuItem markAllItem = new MenuItem(Texts.text("panel.markAllRead"));
        markAllItem.setId("menu-mark-all-read");
        markAllItem.setAccelerator(MARK_ALL_READ);
        markAllItem.setOnAction(e -> store.markAllAsRead());
        account = new MenuButton(Texts.text("menu.account"), null, notificationsItem, markAllItem,
                new javafx.scene.control.SeparatorMenuItem(), quiet, preferencesItem,
                new javafx.scene.control.SeparatorMenuItem(), signOut);
        account.setId("account-menu");
        account.getStyleClass().add("account-menu");

        bell.unreadCountProperty().bind(store.unreadCountProperty());
        bell.connectedProperty().bind(store.connectedProperty());
        NotificationPanel panel = new NotificationPanel(store, relativeTime, undoBar);
        dropdownList = panel.list();
        dropdown = new PopOver(panel.root());
        dropdown.setArrowLocation(PopOver.ArrowLocation.TOP_RIGHT);
        dropdown.setDetachable(false);
        dropdown.setAutoHide(true);
        dropdown.setHideOnEscape(true);
        dropdown.setCornerRadius(8);
        dropdown.getRoot().getStylesheets().add(STYLESHEET);
        // ControlsFX draws the dropdown's frame as a path with a drop shadow (its popover.css). Uncached, every frame
        // that changes a row inside recomputed the blur over the whole dropdown: in software rendering, two thirds
        // of the render thread's time during a burst. The frame does not change while the rows do: cache it.
        dropdown.skinProperty().addListener((o, was, skin) -> {
            if (skin != null && skin.getNode().lookup(".border") instanceof javafx.scene.shape.Path frame) {
                frame.setCache(true);
            }
        });
        bell.setOnAction(e -> toggleDropdown(panel));
        notificationsItem.setOnAction(e -> {
            if (!signingIn.get()) {
                toggleDropdown(panel);
            }
        });
        bell.setTooltip(new javafx.scene.control.Tooltip(Texts.format("bell.tooltip",
                OPEN_DROPDOWN.getDisplayText())));
        // The dropdown is a window of its own: the main window's keys do not reach it, so it takes them itself.
        dropdown.getRoot().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (MARK_ALL_READ.match(e)) {
                store.markAllAsRead();
                e.consume();
            } else if (OPEN_DROPDOWN.match(e)) {
                dropdown.hide();
                e.consume();
            }
        });

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // A long error (a certificate's, a proxy's) is cut in the bar, in full in its tooltip and in the banner; the
        // title, the menu and the bell keep their size.
        for (Region fixed : new Region[] {title, account, bell}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(0);
        javafx.scene.control.Tooltip statusTip = new javafx.scene.control.Tooltip();
        statusTip.textProperty().bind(status.textProperty());
        status.setTooltip(statusTip);
        HBox topBar = new HBox(title, status, spacer, account, bell);
        topBar.getStyleClass().add("top-bar");

        inboxView = new InboxView(store, relativeTime, undoBar);
        inbox = inboxView.root();
        inboxList = inboxView.list();
        login = new LoginView(session);
        StackPane body = new StackPane(inbox, login.root());
        login.root().setVisible(false);

        Label noticeText = new Label();
        noticeText.setId("notice-text");
        noticeText.setWrapText(true);
        noticeText.textProperty().bind(store.noticeProperty());
        javafx.scene.control.Button dismiss = new javafx.scene.control.Button(Texts.text("notice.dismiss"));
        dismiss.setId("notice-dismiss");
        dismiss.setOnAction(e -> store.dismissNotice());
        HBox.setHgrow(noticeText, Priority.ALWAYS);
        HBox noticeBar = new HBox(noticeText, dismiss);
        noticeBar.setId("notice-bar");
        noticeBar.getStyleClass().add("notice-bar");
        noticeBar.visibleProperty().bind(store.noticeProperty().isNotNull());
        noticeBar.managedProperty().bind(noticeBar.visibleProperty());

        RealtimeBanner banner = new RealtimeBanner(store);
        // Not while signing in: there is no connection to speak of, and the sign-in view says what is wrong.
        banner.showWhile(store, signingIn);
        bell.visibleProperty().bind(signingIn.not());
        account.visibleProperty().bind(signingIn.not());
        root.setTop(new VBox(topBar, noticeBar, banner.root(), undoBar.root()));
        root.setCenter(body);
        if (note != null) {
            Label demo = new Label(note);
            demo.setId("demo-note");
            demo.getStyleClass().add("demo-note");
            demo.setWrapText(true);
            root.setBottom(demo);
        }
        root.getStyleClass().add("main-window");

    }

    /** A scene with Belfry's stylesheet. */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(STYLESHEET);
        // Escape closes the dropdown, wherever the key lands.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::closeOnEscape);
        // Relative times tick only while the window is on screen: not hidden in the tray, not minimized.
        relativeTime.showingProperty().bind(scene.windowProperty().flatMap(window -> window instanceof Stage stage
                ? stage.showingProperty().and(stage.iconifiedProperty().not())
                : (ObservableValue<Boolean>) window.showingProperty()).orElse(false));
        // Start with no row focused (the list would take the focus and mark an arbitrary row); Tab reaches it.
        scene.windowProperty().addListener((o, was, window) -> {
            if (window != null) {
                window.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> {
                    root.requestFocus();
                    // The first burst draws as fast as later ones.
                    WarmUp.once(scene, store.connectedProperty(), java.util.List.of(inboxList, dropdownList));
                });
            }
        });
        dropdown.getRoot().addEventFilter(KeyEvent.KEY_PRESSED, this::closeOnEscape);
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.Z,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), undoBar::undo);
        // Ctrl+F (Cmd+F on macOS): to the inbox's search, when the inbox shows.
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> {
                    if (inbox.isVisible()) {
                        inboxView.focusSearch();
                    }
                });
        return scene;
    }

    public Parent root() {
        return root;
    }

    /**
     * The user's choices: the Preferences window and the account menu's "Do not disturb" change them, the app keeps
     * them and follows them (popups, the tray).
     */
    public ObjectProperty<Preferences> preferencesProperty() {
        return preferences;
    }

    /** Shows a notification in the inbox: all of it, scrolled to it, selected (a popup was clicked). */
    public void reveal(String notificationId) {
        for (int i = 0; i < inboxList.getItems().size(); i++) {
            if (inboxList.getItems().get(i).id().equals(notificationId)) {
                inboxList.scrollTo(i);
                inboxList.getSelectionModel().select(i);
                inboxList.getFocusModel().focus(i);
                inboxList.requestFocus();
                return;
            }
        }
    }

    /**
     * The Preferences window (Account → Preferences…, Ctrl+, or Cmd+,); what is saved goes to
     * {@link #preferencesProperty()}. It shows how many notifications are kept now ({@code --keep}'s, or the
     * default): an unchanged count stays what the settings said, so that a run's {@code --keep} is not kept for good.
     */
    public void showPreferences() {
        Preferences current = preferences.get();
        int keptNow = store.maxNotifications();
        PreferencesDialog.ask(root.getScene().getWindow(), current.withKeep(keptNow), startAtLogin).ifPresent(chosen ->
                preferences.set(chosen.keep() == keptNow ? chosen.withKeep(current.keep()) : chosen));
    }

    /** How Preferences turns start at login on and off (the app's; none by default). */
    public void setStartAtLogin(StartAtLogin value) {
        startAtLogin = value;
    }

    /** The server the sign-in view offers. */
    public void setServerUrl(String url) {
        this.serverUrl = url;
    }

    /** The server the sign-in view offers, and the CA file it was signed in with (null: none). */
    public void setServerUrl(String url, String caFile) {
        this.serverUrl = url;
        login.offerCaFile(caFile);
    }

    /** Shows the sign-in view, with a message or none. */
    public void showSignIn(String message) {
        dropdown.hide();
        login.prepare(serverUrl, message);
        login.root().setVisible(true);
        inbox.setVisible(false);
        signingIn.set(true);
    }

    /** Shows the inbox. */
    public void showInbox() {
        login.root().setVisible(false);
        inbox.setVisible(true);
        signingIn.set(false);
    }

    public void close() {
        dropdown.hide();
        relativeTime.stop();
    }

    private void closeOnEscape(KeyEvent event) {
        if (event.getCode() == KeyCode.ESCAPE && dropdown.isShowing()) {
            dropdown.hide();
            event.consume();
        }
    }

    private void toggleDropdown(NotificationPanel panel) {
        if (dropdown.isShowing()) {
            dropdown.hide();
        } else {
            dropdown.show(bell);
            panel.list().scrollTo(0);
            panel.list().requestFocus(); // Enter marks the focused row read
            if (!panel.list().getItems().isEmpty()) {
                panel.list().getFocusModel().focus(0);
            }
        }
    }

    private static void showState(Label status, ConnectionState state) {
        for (int i = 0; i < STATE_CLASSES.length; i++) {
            status.pseudoClassStateChanged(STATE_CLASSES[i], state.ordinal() == i);
        }
    }

    /** The guide's ConnectionStatus texts (exactly, in English). */
    public static String statusText(ConnectionState state, SocketError error) {
        return switch (state) {
            case CONNECTING -> Texts.text("status.connecting");
            case CONNECTED -> Texts.text("status.connected");
            case DISCONNECTED -> Texts.text("status.disconnected");
            case ERROR -> Texts.format("status.error", error == null || error.message().isBlank()
                    ? Texts.text("status.unknownError") : error.message());
        };
    }
}
