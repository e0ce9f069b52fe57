package app.belfry.persist;

import java.nio.file.Path;

/** A second process for FolderLockTest: prints "locked" when it got the folder's lock, "held" when not. */
public final class FolderLockProbe {

    private FolderLockProbe() {
    }

    public static void main(String[] args) throws Exception {
        var lock = FolderLock.tryLock(Path.of(args[0]));
        System.out.println(lock.isPresent() ? "locked" : "held");
        lock.ifPresent(FolderLock::close);
    }
}
