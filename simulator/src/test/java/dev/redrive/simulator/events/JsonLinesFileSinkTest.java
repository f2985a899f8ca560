package dev.redrive.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileSinkTest {
  static final Path DEV_FULL = Path.of("/dev/full");

  @TempDir Path dir;

  @Test
  void createsTheFileReadableAndWritableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (JsonLinesFileSink sink = new JsonLinesFileSink(file)) {
      sink.accept("{\"n\":1}");
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void appendsOneLinePerEventToWhatTheFileHeld() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"n\":0}\n");
    try (JsonLinesFileSink sink = new JsonLinesFileSink(file)) {
      sink.accept("{\"n\":1}");
      sink.accept("{\"n\":\"é\"}");
    }

    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":\"é\"}");
  }

  @Test
  void refusesAFolderThatDoesNotExistInsteadOfCreatingIt() {
    Path missing = dir.resolve("no-such-folder");

    assertThatThrownBy(() -> new JsonLinesFileSink(missing.resolve("events.jsonl")))
        .isInstanceOf(UncheckedIOException.class)
        .cause()
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(
            "expected the folder " + missing + " to exist (it is not created), found nothing");
    assertThat(missing).doesNotExist();
  }

  @Test
  void reportsEveryFailedWriteWithTheCountSoFar() {
    assumeTrue(Files.isWritable(DEV_FULL), "skipped: no writable /dev/full to make writes fail");
    try (JsonLinesFileSink sink = new JsonLinesFileSink(DEV_FULL)) {
      for (int n = 1; n <= 3; n++) {
        int lost = n;
        assertThatThrownBy(() -> sink.accept("{}"))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageStartingWith(
                "cannot write to events file /dev/full ("
                    + lost
                    + (lost == 1 ? " event" : " events")
                    + " lost so far): ");
      }
      assertThat(sink.failures()).isEqualTo(3);
    }
  }

  @Test
  void theBusLogsEveryEventItsSinkCouldNotWrite() {
    assumeTrue(Files.isWritable(DEV_FULL), "skipped: no writable /dev/full to make writes fail");
    try (EventBus bus = new EventBus();
        LogCapture log = new LogCapture(EventBus.class)) {
      bus.addSink(new JsonLinesFileSink(DEV_FULL));
      bus.publish(JsonNodeFactory.instance.objectNode().put("id", "a"));
      bus.publish(JsonNodeFactory.instance.objectNode().put("id", "b"));

      assertThat(log.messages())
          .hasSize(2)
          .satisfiesExactly(
              a -> assertThat(a).startsWith("event a not delivered: ").contains("(1 event lost"),
              b -> assertThat(b).startsWith("event b not delivered: ").contains("(2 events lost"));
    }
  }
}
