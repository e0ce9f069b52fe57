package app.belfry.persist;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationCodec;
import app.belfry.model.NotificationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) while it writes its history leaves a file that reads whole: the old or the new. */
class KilledWhileWritingTest {

    @TempDir
    Path dir;

    /** The writer: saves a large history over and over, each round a different one, until it is killed. */
    public static void main(String[] args) throws Exception {
        HistoryFile history = new HistoryFile(new JsonFile(Path.of(args[0]).resolve("history.json"),
                NotificationCodec.mapper(), Clock.systemUTC()), new NotificationCodec());
        for (int round = 0; ; round++) {
            List<Notification> list = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                list.add(new Notification("r" + round + "-" + i, NotificationType.INFO, "Round " + round,
                        "x".repeat(200), Instant.now(), false));
            }
            history.save(list);
            System.out.println("saved " + round);
        }
    }

    @Test
    void theHistoryReadsWholeAfterAKillMidWrite() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledWhileWritingTest.class.getName(),
                    dir.toString()).redirectErrorStream(true).start();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream()));
            for (int saved = 0; saved < 3 + attempt * 2; ) { // let it save a few times, then kill it mid-stream
                String line = out.readLine();
                assertThat(line).as("the writer runs").isNotNull();
                saved += line.startsWith("saved") ? 1 : 0;
            }
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();

            Loaded<List<Notification>> history = new HistoryFile(new JsonFile(dir.resolve("history.json"),
                    NotificationCodec.mapper(), Clock.systemUTC()), new NotificationCodec()).load();
            assertThat(history.problem()).as("readable after the kill").isNull();
            assertThat(history.value()).hasSize(2_000);
            assertThat(history.value()).extracting(Notification::title).containsOnly(history.value().get(0).title());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
        }
    }
}
