package app.belfry.desktop.autostart;

import app.belfry.i18n.Texts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** What the file-based entries (a desktop entry, a LaunchAgent) share: how they are written, and what they can hold. */
final class EntryFiles {

    private EntryFiles() {
    }

    /** Writes a login entry (see {@link #write}) and says so; a failure is said in words, nothing half written. */
    static String writeEntry(Path file, String text) throws AutostartException {
        try {
            write(file, text);
        } catch (IOException e) {
            throw new AutostartException(Texts.format("autostart.cannotWrite", file, e.getMessage()), e);
        }
        return Texts.format("autostart.wrote", file);
    }

    /**
     * Writes the file whole or not at all: a temporary file beside it, on disk, then moved over it. A session that
     * reads the folder at login never sees half an entry, even after a crash or a full disk.
     */
    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".belfry-autostart-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp); // gone already when the move was made
        }
    }

    /**
     * Refuses a launcher path with a control character (a newline, say): neither a desktop entry's value nor a
     * plist's text can carry every one of them, and an entry that names another path would start nothing.
     */
    static void refuseControlCharacters(String launcher) throws AutostartException {
        if (launcher.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AutostartException(Texts.format("autostart.controlCharacter",
                    launcher.replaceAll("\\p{Cntrl}", "?")));
        }
    }
}
