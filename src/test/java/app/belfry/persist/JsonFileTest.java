package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.NotificationCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
