package app.belfry.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One JSON file of Belfry's, read and written safely: a write goes to a temporary file beside it, is flushed to
 * the disk, then moved over the old one in one step, so a crash leaves the old file or the new, never half of one;
 * files are readable by their owner only. A file that cannot be read is set aside as
 * {@code NAME.corrupt-<timestamp>} and reported, and Belfry goes on without it.
 */
public final class JsonFile {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** What reading found: the content, nothing (no file yet), or a problem already dealt with. */
    public record ReadResult(Optional<JsonNode> content, String problem) {
        static ReadResult empty() {
            return new ReadResult(Optional.empty(), null);
        }
    }

    private final Path path;
    private final ObjectMapper json;
    private final Clock clock;

    public JsonFile(Path path, ObjectMapper json, Clock clock) {
        this.path = path;
        this.json = json;
        this.clock = clock;
    }

    public Path path() {
        return path;
    }

    /** Reads the file; a missing file is empty, an unreadable one is set aside and described in the result. */
    public ReadResult read() {
        if (!Files.exists(path)) {
            return ReadResult.empty();
        }
        try {
            JsonNode node = json.readTree(Files.readAllBytes(path));
            if (node == null || node.isMissingNode()) {
                return setAside("it is empty");
            }
            return new ReadResult(Optional.of(node), null);
        } catch (IOException e) {
            return setAside(e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()));
        }
    }

    /** Moves an unreadable file out of the way and says so. */
    public ReadResult setAside(String why) {
        Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        try {
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            return new ReadResult(Optional.empty(), "Belfry could not read " + path.getFileName() + " (" + why
                    + "); it was set aside as " + aside.getFileName() + " and Belfry started without it.");
        } catch (IOException e) {
            return new ReadResult(Optional.empty(), "Belfry could not read " + path + " (" + why
                    + ") nor move it aside (" + e.getMessage() + "); it started without it.");
        }
    }

    /** Writes atomically: temporary file, flushed to disk, moved into place. */
    public void write(JsonNode content) throws IOException {
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content);
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ownerOnly(temp);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
