package app.belfry.persist;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Belfry per data folder: an OS lock on {@code belfry.lock} in it, held while Belfry uses the folder. The OS
 * lets go of it when the process ends, however it ends, so a crash leaves nothing to clean up. A second Belfry on
 * the same folder (the window twice, or the window and the headless mode) finds it held, and does not touch the
 * folder's files.
 */
public final class FolderLock implements AutoCloseable {

    static final String FILE_NAME = "belfry.lock";

    private static final System.Logger LOG = System.getLogger(FolderLock.class.getName());
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock; // null where the file system cannot lock
    private final AtomicBoolean closed = new AtomicBoolean();

    private FolderLock(Path directory, Path key, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The folder's lock, or empty when another Belfry (or this one) holds it. Where the file system cannot lock (NFS
     * without a lock service), the folder is used unlocked, as before there was a lock, with one INFO line.
     */
    public static Optional<FolderLock> tryLock(Path directory) throws IOException {
        Path key = directory.toAbsolutePath().normalize();
        // Within one process the OS lock cannot tell holders apart, and closing a second channel on the file would
        // release the first one's lock: this process's holders are counted here instead.
        if (!HELD.add(key)) {
            return Optional.empty();
        }
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX, or not ours to change: the lock works the same
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new FolderLock(directory, key, channel, lock));
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "Cannot lock {0} ({1}): a second Belfry on this folder would not be noticed", file,
                    e.getMessage());
            return Optional.of(new FolderLock(directory, key, channel, null));
        } catch (OverlappingFileLockException e) {
            // not expected after the check above; treated as held
        }
        channel.close();
        HELD.remove(key);
        return Optional.empty();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (lock != null) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // the process ending releases it anyway
        } finally {
            HELD.remove(key);
        }
    }
}
