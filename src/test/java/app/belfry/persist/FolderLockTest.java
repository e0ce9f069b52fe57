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
}
