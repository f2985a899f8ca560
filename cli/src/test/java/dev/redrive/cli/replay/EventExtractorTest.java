package dev.redrive.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.Cli;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventExtractorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static List<Path> sampleEvents() throws IOException {
    try (Stream<Path> files = Files.walk(Cli.SAMPLES.resolve("events"))) {
      return files
          .filter(file -> file.toString().endsWith(".json"))
          .filter(file -> !file.toString().contains("batches"))
          .filter(file -> !file.getFileName().toString().equals("not-json.json"))
          .sorted()
          .toList();
    }
  }

  private static JsonNode extract(byte[] json) throws IOException {
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      parser.nextToken();
      return new EventExtractor(MAPPER).read(parser);
    }
  }

  /** What EventParser makes of a tree: the event, or the message of why it is malformed. */
  private static Object decoded(JsonNode tree) {
    try {
      return EventParser.fromTree(tree);
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @ParameterizedTest
  @MethodSource("sampleEvents")
  void keepsEverythingEventParserReads(Path file) throws IOException {
    byte[] json = Files.readAllBytes(file);

    Object fromExtract = decoded(extract(json));
    Object fromWholeTree = decoded(MAPPER.readTree(json));

    assertThat(fromExtract).isEqualTo(fromWholeTree);
  }

  @Test
  void dropsWhatNoDecisionReads() throws IOException {
    JsonNode event =
        extract(Files.readAllBytes(Cli.SAMPLES.resolve("events/captured/failed-count0.json")));

    assertThat(event.fieldNames()).toIterable().containsExactly("detail-type", "source", "detail");
    assertThat(event.get("detail").has("output")).isFalse();
    assertThat(event.get("detail").get("redriveCount").asInt()).isZero();
    assertThat(decoded(event)).isInstanceOf(ExecutionEvent.class);
  }

  @Test
  void stillFindsSyntaxErrorsInWhatItDrops() {
    byte[] json =
        "{\"resources\": [\"a\" \"b\"], \"detail\": {\"executionArn\": \"arn\"}}".getBytes();

    assertThatThrownBy(() -> extract(json)).isInstanceOf(JsonParseException.class);
  }
}
