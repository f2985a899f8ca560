package dev.redrive.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.redrive.cli.Cli;
import dev.redrive.policy.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources", "replay");
  private static final Path SAMPLES = Cli.SAMPLES.resolve("events");

  /** What the reader handed over, one line per value: {@code line status} or error. */
  private static final class Recorder implements OutcomeSink {
    final List<String> seen = new ArrayList<>();

    @Override
    public void accept(Source source, Outcome outcome) {
      if (outcome instanceof Outcome.Decided decided) {
        seen.add(source.line() + " " + decided.executionArn());
      } else if (outcome instanceof Outcome.Malformed malformed) {
        seen.add(source.line() + " error: " + malformed.message());
      }
    }
  }

  /** Stands for the policy: "decides" each value by its status. */
  private static final Decider STATUS =
      (value, index) ->
          new Outcome.Decided(
              value.path("detail").path("status").asText("?"),
              Decision.ignore(Optional.empty(), "test"));

  private static List<String> read(Path file) {
    return read(file, 1);
  }

  private static List<String> read(Path file, int threads) {
    Recorder recorder = new Recorder();
    try (EventReader reader = new EventReader(STATUS, threads)) {
      reader.read(file, file.toString(), recorder);
    }
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
  void threadsHandOverJsonLinesInInputOrder(@TempDir Path folder) throws Exception {
    List<String> lines = Files.readAllLines(SAMPLES.resolve("batches/seed001-sequence.jsonl"));
    List<String> big = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      big.add(i % 777 == 5 ? "not json" : i % 500 == 7 ? "" : lines.get(i % lines.size()));
    }
    Path file = folder.resolve("big.jsonl");
    Files.write(file, big);

    List<String> sequential = read(file, 1);
    List<String> parallel = read(file, 3);

    assertThat(sequential)
        .hasSize(1_996)
        .contains(
            "6 error: not JSON: Unrecognized token 'not':"
                + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                + " (column 1)");
    assertThat(parallel).isEqualTo(sequential);
  }

  @Test
  void readsAOneLineArrayLargerThanTheFirstLineLimit(@TempDir Path folder) throws Exception {
    String event = Files.readAllLines(SAMPLES.resolve("batches/seed001-sequence.jsonl")).get(0);
    int count = EventReader.FIRST_LINE_LIMIT / event.length() + 10;
    Path file = folder.resolve("one-line-array.json");
    Files.writeString(
        file, "[" + String.join(",", java.util.Collections.nCopies(count, event)) + "]");

    List<String> seen = read(file, 2);

    assertThat(seen).hasSize(count).allMatch(line -> line.equals("1 FAILED"));
  }

  @Test
  void readsAnArrayFromAStreamReadOnce() throws Exception {
    byte[] array = Files.readAllBytes(SAMPLES.resolve("batches/seed001-sequence-array.json"));
    Recorder recorder = new Recorder();

    try (EventReader reader = new EventReader(STATUS, 1)) {
      reader.read(new java.io.ByteArrayInputStream(array), "stdin", recorder);

      assertThat(reader.bytesRead()).isEqualTo(array.length);
    }
    assertThat(recorder.seen)
        .containsExactly("2 FAILED", "36 RUNNING", "70 FAILED", "104 FAILED", "138 SUCCEEDED");
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
  void reportsAnEmptyFileAsHavingNoEvent() {
    assertThat(read(RESOURCES.resolve("empty.json")))
        .containsExactly("1 error: no event: the input is empty (or only white space)");
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
    try (EventReader reader = new EventReader(STATUS, 1)) {
      reader.read(file, file.toString(), new Recorder());

      assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
    }
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
