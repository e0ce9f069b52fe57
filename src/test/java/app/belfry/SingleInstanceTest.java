package app.belfry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path dir;

    @Test
    void aSecondStartAsksTheRunningOneToShowItsWindow() {
        AtomicInteger shown = new AtomicInteger();
        SingleInstance running = SingleInstance.listen(dir, shown::incrementAndGet);
        assertThat(running).isNotNull();
        try {
            assertThat(SingleInstance.askRunningToShow(dir)).isTrue();
            assertThat(SingleInstance.askRunningToShow(dir)).isTrue();
            assertThat(shown).hasValue(2);
        } finally {
            running.close();
        }
        assertThat(dir.resolve(SingleInstance.SOCKET_NAME)).doesNotExist();
        assertThat(SingleInstance.askRunningToShow(dir)).isFalse();
    }

    @Test
    void aSocketLeftByACrashIsNobodyAndIsReplaced() throws Exception {
        Path path = dir.resolve(SingleInstance.SOCKET_NAME);
        ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        crashed.bind(UnixDomainSocketAddress.of(path));
        crashed.close(); // the file stays, as after a crash
        assertThat(path).exists();
        assertThat(SingleInstance.askRunningToShow(dir)).isFalse();

        AtomicInteger shown = new AtomicInteger();
        SingleInstance running = SingleInstance.listen(dir, shown::incrementAndGet);
        try {
            assertThat(SingleInstance.askRunningToShow(dir)).isTrue();
            assertThat(shown).hasValue(1);
        } finally {
            running.close();
        }
    }

    @Test
    void aClientThatSaysNothingDoesNotHoldTheDoor() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        SingleInstance running = SingleInstance.listen(dir, shown::incrementAndGet);
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(dir.resolve(SingleInstance.SOCKET_NAME)));
            assertThat(SingleInstance.askRunningToShow(dir)).isTrue(); // served after the silent one's deadline
            assertThat(shown).hasValue(1);
        } finally {
            running.close();
        }
        assertThat(Files.exists(dir.resolve(SingleInstance.SOCKET_NAME))).isFalse();
    }
}
