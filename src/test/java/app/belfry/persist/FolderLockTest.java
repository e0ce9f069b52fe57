package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeAndTheNextOneAfterItLetsGo() throws Exception {
        Optional<FolderLock> first = FolderLock.tryLock(dir);
        assertThat(first).isPresent();
        assertThat(FolderLock.tryLock(dir)).isEmpty();

        first.get().close();
        try (FolderLock again = FolderLock.tryLock(dir).orElseThrow()) {
            assertThat(again.directory()).isEqualTo(dir);
        }
    }

    /** Another process's view: the lock holds, also after this process asked for it a second time. */
    @Test
    void anotherProcessFindsTheFolderHeldAndThenFree() throws Exception {
        try (FolderLock held = FolderLock.tryLock(dir).orElseThrow()) {
            assertThat(FolderLock.tryLock(dir)).isEmpty(); // must not release the OS lock on its way out
            assertThat(probe()).isEqualTo("held");
        }
        assertThat(probe()).isEqualTo("locked");
    }

    private String probe() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FolderLockProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
