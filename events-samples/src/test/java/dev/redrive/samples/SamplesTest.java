package dev.redrive.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples are what README.md says they are. */
class SamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EVENTS = Path.of("events");
  private static final Path CAPTURED_FAILURE = EVENTS.resolve("captured/failed-count0.json");

  /** Derived events that drop fields on purpose (README: "missing optional fields"). */
  private static final Set<String> SHAPE_CHANGED =
      Set.of(
          "missing-redrive-fields.json",
          "missing-error-cause.json",
          "missing-stop-date.json",
          "minimal.json");

  static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static List<Path> derivedEvents() throws IOException {
    return files(EVENTS.resolve("derived"));
  }

  static List<Path> stateMachines() throws IOException {
    return files(Path.of("state-machines"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void readmeNamesEverySampleFile() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<Path> all = new ArrayList<>(files(EVENTS));
    all.addAll(files(Path.of("state-machines")));
    all.addAll(files(Path.of("policies")));

    assertThat(all)
        .isNotEmpty()
        .allSatisfy(file -> assertThat(readme).contains("`" + file.getFileName() + "`"));
  }

  @Test
  void capturedEventsKeepNoPlaceholder() throws IOException {
    for (Path file : files(EVENTS.resolve("captured"))) {
      String text = Files.readString(file);
      assertThat(text).doesNotContain("<AWS").contains("\"account\": \"123456789012\"");
      assertThat(JSON.readTree(text).path("detail-type").asText())
          .isEqualTo("Step Functions Execution Status Change");
    }
  }

  @ParameterizedTest
  @MethodSource("derivedEvents")
  void derivedEventsHaveTheCapturedShape(Path file) throws IOException {
    JsonNode captured = JSON.readTree(CAPTURED_FAILURE.toFile());
    JsonNode derived = JSON.readTree(file.toFile());

    if (SHAPE_CHANGED.contains(file.getFileName().toString())) {
      assertThat(fieldNames(captured.get("detail")))
          .containsSubsequence(fieldNames(derived.get("detail")));
      return;
    }
    assertThat(fieldNames(derived)).isEqualTo(fieldNames(captured));
    assertThat(fieldNames(derived.get("detail"))).isEqualTo(fieldNames(captured.get("detail")));
    assertThat(derived.get("detail").get("executionArn"))
        .isEqualTo(derived.get("resources").get(0));
  }

  @Test
  void malformedSamplesAreMalformed() throws IOException {
    assertThatThrownBy(() -> JSON.readTree(EVENTS.resolve("malformed/not-json.json").toFile()))
        .isInstanceOf(JsonProcessingException.class);
    assertThat(JSON.readTree(EVENTS.resolve("malformed/no-detail.json").toFile()).has("detail"))
        .isFalse();
    assertThat(
            JSON.readTree(EVENTS.resolve("malformed/no-execution-arn.json").toFile())
                .get("detail")
                .has("executionArn"))
        .isFalse();
  }

  @ParameterizedTest
  @MethodSource("stateMachines")
  void stateMachinesAreAslJson(Path file) throws IOException {
    JsonNode definition = JSON.readTree(file.toFile());

    assertThat(definition.path("StartAt").isTextual()).isTrue();
    assertThat(definition.path("States").has(definition.get("StartAt").asText())).isTrue();
  }
}
