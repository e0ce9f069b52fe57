package app.belfry.ui;

import app.belfry.i18n.Texts;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Sign-in: a server URL, then email and password, or a token instead. While signing in the button is disabled and
 * shows progress; a failure shows the server's message or why it could not be reached.
 */
final class LoginView {

    private final StackPane root;
    private final TextField server = new TextField();
    private final TextField email = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField token = new TextField();
    private final TextField caFile = new TextField();
    private final Button browseCaFile = new Button(Texts.text("login.ca.browse"));
    private final Label error = new Label();
    private final Label hint = new Label(Texts.text("login.hint"));
    private final Button submit = new Button(Texts.text("login.submit"));
    private final ProgressIndicator progress = new ProgressIndicator();

    LoginView(SessionControl session) {
        server.setId("login-server");
        server.setPromptText("http://localhost:3000");
        email.setId("login-email");
        email.setPromptText("you@example.com");
        password.setId("login-password");
        token.setId("login-token");
        token.setPromptText(Texts.text("login.token.prompt"));
        caFile.setId("login-ca-file");
        caFile.setPromptText(Texts.text("login.ca.prompt"));
        browseCaFile.setId("login-ca-browse");
        browseCaFile.setOnAction(e -> chooseCaFile());
        HBox.setHgrow(caFile, Priority.ALWAYS);
        HBox caRow = new HBox(6, caFile, browseCaFile);
        Label caLabel = label(Texts.text("login.ca"));
        // Asked only for an https server, or once one is set: a plain-http server has no certificate.
        BooleanBinding needsCa = Bindings.createBooleanBinding(
                () -> server.getText().strip().toLowerCase(Locale.ROOT).startsWith("https:")
                        || !caFile.getText().isBlank(), server.textProperty(), caFile.textProperty());
        for (Node node : new Node[] {caLabel, caRow}) {
            node.visibleProperty().bind(needsCa);
            node.managedProperty().bind(needsCa);
        }
        error.setId("login-error");
        error.getStyleClass().add("login-error");
        error.setVisible(false);
        error.managedProperty().bind(error.visibleProperty());
        submit.setId("login-submit");
        submit.getStyleClass().add("login-submit");
        submit.setDefaultButton(true);
        progress.setMaxSize(16, 16);
        progress.setVisible(false);
        submit.setGraphic(progress);
        hint.getStyleClass().add("login-hint");
        hint.setWrapText(true);

        Label title = new Label(Texts.text("app.name"));
        title.getStyleClass().add("login-title");
        VBox card = new VBox(title, hint, label(Texts.text("login.server")), server,
                label(Texts.text("login.email")), email, label(Texts.text("login.password")), password,
                label(Texts.text("login.token")), token, caLabel, caRow, error, new HBox(submit));
        card.getStyleClass().add("login-card");
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        submit.setOnAction(e -> submit(session));

        root = new StackPane(card);
        root.setId("login-view");
        root.getStyleClass().add("login-view");
        StackPane.setAlignment(card, Pos.CENTER);
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("login-label");
        return label;
    }

    /** The CA file to offer (the one the server was signed in with), unless one is typed already. */
    void offerCaFile(String path) {
        if (path != null && caFile.getText().isBlank()) {
            caFile.setText(path);
        }
    }

    private void chooseCaFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.text("login.ca.chooser"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Texts.text("login.ca.filter"), "*.pem", "*.crt", "*.cer"),
                new FileChooser.ExtensionFilter(Texts.text("login.ca.filterAll"), "*"));
        File chosen = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (chosen != null) {
            caFile.setText(chosen.getAbsolutePath());
        }
    }

    Parent root() {
        return root;
    }

    /** Prepares the view: the server to offer, and a message (a revoked session says so) or none. */
    void prepare(String serverUrl, String message) {
        if (serverUrl != null && server.getText().isBlank()) {
            server.setText(serverUrl);
        }
        password.clear();
        showError(message);
        setBusy(false);
    }

    private void submit(SessionControl session) {
        String url = server.getText().strip();
        boolean withToken = !token.getText().isBlank();
        if (url.isEmpty()) {
            showError(Texts.text("login.needServer"));
            return;
        }
        if (!withToken && (email.getText().isBlank() || password.getText().isEmpty())) {
            showError(Texts.text("login.needCredentials"));
            return;
        }
        showError(null);
        setBusy(true);
        String ca = caFile.getText().isBlank() ? null : caFile.getText().strip();
        session.signIn(new SessionControl.SignInForm(url, email.getText().strip(), password.getText(),
                withToken ? token.getText().strip() : null, ca)).whenComplete((done, failure) -> {
                    setBusy(false);
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof java.util.concurrent.CancellationException) {
                        return; // a newer sign-in or a sign-out made this one moot: it has its own outcome
                    }
                    if (failure != null) {
                        showError(cause.getMessage() == null ? Texts.text("login.failed") : cause.getMessage());
                    } else {
                        password.clear();
                        token.clear();
                    }
                });
    }

    private void setBusy(boolean busy) {
        submit.setDisable(busy);
        progress.setVisible(busy);
        submit.setText(Texts.text(busy ? "login.busy" : "login.submit"));
    }

    private void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null && !message.isBlank());
    }
}
