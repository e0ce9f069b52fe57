package app.belfry.persist;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One Belfry per data folder: an OS lock on {@code belfry.lock} in it, held while Belfry uses the folder. The OS
 * lets go of it when the process ends, however it ends, so a crash leaves nothing to clean up. A second Belfry on
 * the same folder (the window twice, or the window and the headless mode) finds it held, and does not touch the
 * folder's files.
 */
public final class FolderLock implements AutoCloseable {

    static final String FILE_NAME = "belfry.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** The folder's lock, or empty when another Belfry (or this one) holds it. */
    public static Optional<FolderLock> tryLock(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX, or not ours to change: the lock works the same
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new FolderLock(directory, channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // this process holds it already
        }
        channel.close();
        return Optional.empty();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ending releases it anyway
        }
    }
}
