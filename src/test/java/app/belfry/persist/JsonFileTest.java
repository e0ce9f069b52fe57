package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.belfry.model.NotificationCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

    private JsonFile file(String name) {
        return new JsonFile(dir.resolve(name), NotificationCodec.mapper(), clock);
    }

    @Test
    void writesAtomicallyReadableByTheOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        JsonFile file = file("a.json");
        file.write(NotificationCodec.mapper().createObjectNode().put("x", 1));
        assertThat(file.read().content()).hasValueSatisfying(n -> assertThat(n.path("x").asInt()).isEqualTo(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.json"))))
                .isEqualTo("rw-------");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("a.json");
    }

    @Test
    void aMissingFileIsEmptyAndNoProblem() {
        JsonFile.ReadResult result = file("none.json").read();
        assertThat(result.content()).isEmpty();
        assertThat(result.problem()).isNull();
    }

    @Test
    void aCorruptFileIsSetAsideWithOneClearMessage() throws Exception {
        Files.writeString(dir.resolve("history.json"), "{\"notifications\": [ {\"id\": \"a\"");
        JsonFile.ReadResult result = file("history.json").read();
        assertThat(result.content()).isEmpty();
        assertThat(result.problem()).startsWith("Belfry could not read history.json")
                .contains("set aside as history.json.corrupt-20261126-080000");
        assertThat(dir.resolve("history.json")).doesNotExist();
        assertThat(dir.resolve("history.json.corrupt-20261126-080000"))
                .hasContent("{\"notifications\": [ {\"id\": \"a\"");
    }

    @Test
    void anEmptyFileIsSetAsideToo() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "");
        assertThat(file("settings.json").read().problem()).contains("it is empty");
    }

    @Test
    void aWriteThatFailsLeavesNoTemporaryFile() throws Exception {
        Files.createDirectories(dir.resolve("a.json").resolve("in-the-way")); // a folder where the file goes
        JsonFile file = file("a.json");
        assertThatThrownBy(() -> file.write(NotificationCodec.mapper().createObjectNode().put("x", 1)))
                .isInstanceOf(IOException.class);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("a.json");
    }

    @Test
    void temporaryFilesLeftByACrashAreNeverReadAndGoOnceAMinuteOld() throws Exception {
        Path old = Files.writeString(dir.resolve("a.json.4815162342.tmp"), "{\"x\": 2}");
        Path legacy = Files.writeString(dir.resolve("a.json.tmp"), "{\"x\": 3}");
        Path fresh = Files.writeString(dir.resolve("a.json.1123581321.tmp"), "{\"x\": 4}");
        Path otherFiles = Files.writeString(dir.resolve("b.json.4815162342.tmp"), "{\"x\": 5}");
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(5)));
        for (Path leftover : List.of(old, legacy, otherFiles)) {
            Files.setLastModifiedTime(leftover, longAgo);
        }

        JsonFile.ReadResult result = file("a.json").read();

        assertThat(result.content()).isEmpty();
        assertThat(result.problem()).isNull();
        assertThat(old).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(fresh).as("perhaps a write under way").exists();
        assertThat(otherFiles).as("another file's").exists();
    }
}
