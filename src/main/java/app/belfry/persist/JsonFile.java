package app.belfry.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One JSON file of Belfry's, read and written safely: a write goes to a temporary file of its own beside it, is
 * flushed to the disk, then moved over the old one in one step, so a crash leaves the old file or the new, never half
 * of one (and perhaps a {@code NAME.<random>.tmp}, which is never read, and deleted by a later read once it is a
 * minute old); files are readable by their owner only. A file that cannot be read is set aside as
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

    private static final String TEMP_SUFFIX = ".tmp";
    /** How old a temporary file must be before a read takes it for a crash's leftover and deletes it. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

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
        deleteLeftovers();
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

    /**
     * Writes atomically: a temporary file of this write's own beside the file ({@code NAME.<random>.tmp}, created
     * readable by its owner only), flushed to the disk, then moved over the file in one step; the temporary file
     * is removed if anything fails. Two writes of one file at once do not disturb each other (the one moved last
     * wins), though Belfry serializes them anyway (see {@link PersistWorker}).
     */
    public void write(JsonNode content) throws IOException {
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content);
        Path temp = createTemp();
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
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
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException e) {
                    // the failure that got here is the one to report; a leftover is cleaned up by a later read
                }
            }
        }
    }

    /** A new, empty temporary file beside the file, owner-only from the start where the file system is POSIX. */
    private Path createTemp() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        String prefix = path.getFileName() + ".";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, TEMP_SUFFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, prefix, TEMP_SUFFIX);
    }

    /**
     * Deletes temporary files of this file's that a crash left behind ({@code NAME.<random>.tmp}, and the
     * {@code NAME.tmp} of older versions), once they are older than {@link #LEFTOVER_AGE}, so that no write under
     * way (in this process) loses its own. They are never read as data. Best effort: nothing is reported.
     */
    private void deleteLeftovers() {
        Path dir = path.toAbsolutePath().getParent();
        String name = path.getFileName().toString();
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(name + ".") && n.endsWith(TEMP_SUFFIX);
        })) {
            for (Path leftover : siblings) {
                try {
                    if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).toInstant()
                                    .isBefore(before)) {
                        Files.deleteIfExists(leftover);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to delete: leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            // no folder yet, or it cannot be listed: nothing to clean
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
