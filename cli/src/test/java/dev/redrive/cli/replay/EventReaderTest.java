package dev.redrive.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventReaderTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources", "replay");
  private static final Path SAMPLES = Cli.SAMPLES.resolve("events");

  /** What the reader handed over, one line per value: {@code file:line status} or error. */
  private static final class Recorder implements InputHandler {
    final List<String> seen = new ArrayList<>();

    @Override
    public void value(Source source, JsonNode value) {
      seen.add(source.line() + " " + value.path("detail").path("status").asText("?"));
    }

    @Override
    public void malformed(Source source, String message) {
      seen.add(source.line() + " error: " + message);
    }
  }

  private static List<String> read(Path file) {
    Recorder recorder = new Recorder();
    new EventReader().read(file, file.toString(), recorder);
    return recorder.seen;
  }

  @Test
  void readsOnePrettyPrintedEvent() {
    assertThat(read(SAMPLES.resolve("captured/failed-count0.json"))).containsExactly("1 FAILED");
  }

  @Test
  void readsAnArrayElementByElementWithTheLineEachStartsOn() {
    assertThat(read(SAMPLES.resolve("batches/seed001-sequence-array.json")))
        .containsExactly("2 FAILED", "36 RUNNING", "70 FAILED", "104 FAILED", "138 SUCCEEDED");
  }

  @Test
  void readsJsonLinesLineByLine() {
    assertThat(read(SAMPLES.resolve("batches/seed001-sequence.jsonl")))
        .containsExactly("1 FAILED", "2 RUNNING", "3 FAILED", "4 FAILED", "5 SUCCEEDED");
  }

  @Test
  void aMalformedLineDoesNotStopTheLinesAfterIt() {
    assertThat(read(SAMPLES.resolve("malformed/mixed.jsonl")))
        .containsExactly(
            "1 FAILED",
            "2 error: not JSON: Unrecognized token 'this': was expecting (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false') (column 1)",
            "3 ?",
            "4 FAILED");
  }

  @Test
  void readsPrettyPrintedEventsOneAfterTheOther() {
    assertThat(read(RESOURCES.resolve("concatenated.json")))
        .containsExactly("1 FAILED", "35 FAILED");
  }

  @Test
  void skipsByteOrderMarkBlankLinesAndCarriageReturns() {
    assertThat(read(RESOURCES.resolve("bom-crlf.jsonl"))).containsExactly("1 FAILED", "3 FAILED");
  }

  @Test
  void readsAOneLineJsonFile() {
    assertThat(read(RESOURCES.resolve("one-line.json"))).containsExactly("1 FAILED");
  }

  @Test
  void anEmptyFileHasNoEvents() {
    assertThat(read(RESOURCES.resolve("empty.json"))).isEmpty();
  }

  @Test
  void aTruncatedEventEndsTheFileWithWhereTheParserStopped() {
    assertThat(read(SAMPLES.resolve("malformed/not-json.json")))
        .containsExactly(
            "1 error: not JSON: Unexpected end-of-input within/between Object entries (line 12,"
                + " column 1); the rest of the file is skipped");
  }

  @Test
  void anUnclosedArrayKeepsTheElementsBeforeTheEnd() {
    List<String> seen = read(RESOURCES.resolve("unclosed-array.json"));

    assertThat(seen).hasSize(3).startsWith("2 FAILED", "3 FAILED");
    assertThat(seen.get(2)).startsWith("3 error: not JSON: Unexpected end-of-input");
  }

  @Test
  void countsTheBytesItReads() throws Exception {
    Path file = SAMPLES.resolve("batches/seed001-sequence.jsonl");
    EventReader reader = new EventReader();

    reader.read(file, file.toString(), new Recorder());

    assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
  }

  @Test
  void expandsFoldersRecursivelyInPathOrderSkippingHiddenAndOtherFiles() {
    Path folder = RESOURCES.resolve("folder");

    List<InputFiles.Entry> entries =
        InputFiles.expand(List.of(folder, RESOURCES.resolve("no-such-file.json")));

    assertThat(entries)
        .extracting(entry -> folder.relativize(entry.path()).toString(), InputFiles.Entry::problem)
        .containsExactly(
            tuple("a.jsonl", null),
            tuple("b.json", null),
            tuple("nested/a.json", null),
            tuple("../no-such-file.json", "no such file or folder"));
  }
}
