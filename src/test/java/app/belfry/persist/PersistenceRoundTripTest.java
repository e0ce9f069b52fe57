package app.belfry.persist;

import app.belfry.model.Preferences;
import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import app.belfry.model.PendingAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceRoundTripTest {

    @TempDir
    Path dir;

    private Persistence open() {
        return new Persistence(dir, new NotificationCodec(), Clock.systemUTC());
    }

    @Test
    void historySettingsActionsAndCredentialsComeBackAsTheyWere() throws Exception {
        List<Notification> history = List.of(
                new Notification("b", NotificationType.ERROR, "Build failed", "main is red",
                        Instant.parse("2026-11-26T08:00:00.123Z"), false),
                new Notification("a", NotificationType.SUCCESS, "Deployed", "",
                        Instant.parse("2026-11-26T07:00:00Z"), true));
        Settings settings = Settings.DEFAULTS.withSession("https://notify.example.com", "cookie", "ada@example.com",
                "user:u-1", "d1g3st", "/etc/company/ca.pem");
        List<PendingAction> actions = List.of(new PendingAction.MarkRead("x"),
                new PendingAction.MarkReadBatch(List.of("y", "z")));
        try (Persistence files = open()) {
            files.account("ada").history().save(history);
            files.settings().save(settings.withPreferences(Preferences.DEFAULTS.withDoNotDisturb(true)
                    .withQuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30), false).withKeep(250).withLanguage("de")
                    .withTheme(app.belfry.model.Theme.DARK)));
            assertThat(files.account("ada").journal().save(actions)).succeedsWithin(java.time.Duration
                    .ofSeconds(10));
            files.credentials().save(new CredentialStore.Stored("http://localhost:3000",
                    "cookie:better-auth.session_token", "s3cret"));
        }
        try (Persistence files = open()) {
            assertThat(files.account("ada").history().load().value()).isEqualTo(history);
            assertThat(files.account("bob").history().load().value()).as("another account's").isEmpty();
            Settings back = files.settings().load().value();
            assertThat(back.server()).isEqualTo("https://notify.example.com");
            assertThat(back.caFile()).isEqualTo("/etc/company/ca.pem");
            assertThat(back.email()).isEqualTo("ada@example.com");
            assertThat(back.identity()).isEqualTo("user:u-1");
            assertThat(back.sessionDigest()).isEqualTo("d1g3st");
            assertThat(back.preferences()).isEqualTo(new Preferences(true, LocalTime.of(22, 0), LocalTime.of(7, 30),
                    false, 250, Preferences.DEFAULT_POPUP_TYPES, Preferences.DEFAULT_SOUND_TYPES, "de",
                    app.belfry.model.Theme.DARK));
            assertThat(files.account("ada").journal().load()).isEqualTo(actions);
            assertThat(files.account("bob").journal().load()).isEmpty();
            assertThat(files.credentials().load()).hasValueSatisfying(c -> assertThat(c.secret()).isEqualTo("s3cret"));
            assertThat(files.takeProblems()).isEmpty();
        }
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("s3cret");
    }

    @Test
    void badEntriesAreSkippedAndTheRestKept() throws Exception {
        Path account = Files.createDirectories(dir.resolve("accounts").resolve("ada"));
        Files.writeString(account.resolve("history.json"), "{\"version\":1,\"notifications\":[{\"id\":\"ok\","
                + "\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"createdAt\":\"2026-11-26T08:00:00.000Z\","
                + "\"read\":false},{\"title\":\"no id\"}, 42]}");
        Files.writeString(account.resolve("outbox.json"), "{\"actions\":[{\"type\":\"read\",\"id\":\"x\"},"
                + "{\"type\":\"explode\"},{\"type\":\"read\",\"id\":7}]}");
        try (Persistence files = open()) {
            assertThat(files.account("ada").history().load().value()).extracting(Notification::id)
                    .containsExactly("ok");
            assertThat(files.account("ada").journal().load()).containsExactly(new PendingAction.MarkRead("x"));
        }
    }

    @Test
    void theRulesPerTypeComeBackAndABadOneIsReportedOnceAndReplacedByTheDefault() throws Exception {
        java.util.Set<app.belfry.model.NotificationType> popUp = java.util.Set.of(
                app.belfry.model.NotificationType.ERROR, app.belfry.model.NotificationType.WARNING);
        try (Persistence files = open()) {
            files.settings().save(Settings.DEFAULTS.withPreferences(Preferences.DEFAULTS.withTypeRules(popUp,
                    java.util.Set.of())));
        }
        try (Persistence files = open()) {
            Loaded<Settings> back = files.settings().load();
            assertThat(back.problem()).isNull();
            assertThat(back.value().preferences().popupTypes()).isEqualTo(popUp);
            assertThat(back.value().preferences().soundTypes()).isEmpty();
        }
        Files.writeString(dir.resolve("settings.json"), "{\"version\":1,\"doNotDisturb\":true,"
                + "\"popupTypes\":[\"error\",\"loud\"],\"soundTypes\":\"all\",\"language\":\"klingon\",\"theme\":\"purple\"}");
        try (Persistence files = open()) {
            Loaded<Settings> back = files.settings().load();
            assertThat(back.value().preferences().popupTypes()).isEqualTo(Preferences.DEFAULT_POPUP_TYPES);
            assertThat(back.value().preferences().soundTypes()).isEqualTo(Preferences.DEFAULT_SOUND_TYPES);
            assertThat(back.value().preferences().language()).isNull();
            assertThat(back.value().preferences().theme()).isEqualTo(app.belfry.model.Theme.SYSTEM);
            assertThat(back.value().preferences().doNotDisturb()).as("the rest is kept").isTrue();
            assertThat(back.problem()).isEqualTo("settings.json: popupTypes has \"loud\", which is not a type (info, "
                    + "success, warning, error): the default is used; soundTypes is not a list of types: the default "
                    + "is used; language klingon is not one Belfry speaks (en, de, fr): the system's is used; theme purple is "
                    + "none of light, dark, system: the system's is used.");
        }
    }

    @Test
    void aCorruptHistoryIsReportedOnceAndBelfryStartsEmpty() throws Exception {
        Path account = Files.createDirectories(dir.resolve("accounts").resolve("ada"));
        Files.writeString(account.resolve("history.json"), "not json at all");
        Files.writeString(account.resolve("outbox.json"), "[1, 2,");
        try (Persistence files = open()) {
            Loaded<List<Notification>> history = files.account("ada").history().load();
            assertThat(history.value()).isEmpty();
            assertThat(history.problem()).contains("history.json");
            assertThat(files.account("ada").journal().load()).isEmpty();
            assertThat(files.takeProblems()).singleElement().asString().contains("outbox.json");
            assertThat(files.takeProblems()).isEmpty();
        }
        assertThat(Files.list(account).map(p -> p.getFileName().toString()).toList())
                .anyMatch(name -> name.startsWith("history.json.corrupt-"))
                .anyMatch(name -> name.startsWith("outbox.json.corrupt-"));
    }

    @Test
    void filesKeptBeforeAccountsHadFoldersAreSetAsideForNobody() throws Exception {
        Files.writeString(dir.resolve("history.json"), "{\"version\":1,\"notifications\":[]}");
        Files.writeString(dir.resolve("outbox.json"), "{\"actions\":[{\"type\":\"read\",\"id\":\"x\"}]}");
        try (Persistence files = open()) {
            assertThat(files.account("kept").journal().load()).as("whose it was, nobody can say").isEmpty();
            assertThat(dir.resolve("outbox.json")).doesNotExist();
            assertThat(dir.resolve("history.json")).doesNotExist();
            assertThat(dir.resolve("outbox.json.before-accounts")).exists();
        }
    }

    @Test
    void anAccountNameCannotLeaveTheFolder() {
        try (Persistence files = open()) {
            for (String bad : new String[] {"", "..", "../x", "a/b", "a\\b"}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.account(bad))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void thePlatformFoldersAreTheUsualOnes() {
        Path home = Path.of("/home/ada");
        assertThat(DataDirectory.platformDefault("Linux", Map.of(), home))
                .isEqualTo(Path.of("/home/ada/.local/share/belfry"));
        assertThat(DataDirectory.platformDefault("Linux", Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/data/belfry"));
        assertThat(DataDirectory.platformDefault("Mac OS X", Map.of(), home))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Belfry"));
        assertThat(DataDirectory.platformDefault("Windows 11", Map.of("APPDATA", "C:\\Users\\ada\\AppData\\Roaming"),
                home).toString()).endsWith("Belfry");
    }
}
