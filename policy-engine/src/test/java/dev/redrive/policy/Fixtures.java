package dev.redrive.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/** Test files on the classpath: events, policies, tables. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  private Fixtures() {}

  /** The folder or file {@code name} on the test classpath. */
  static Path path(String name) {
    URL url = Fixtures.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String text(String name) {
    try {
      return Files.readString(path(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files of folder {@code name} whose names end with {@code suffix}, sorted. */
  static List<Path> files(String name, String suffix) {
    try (Stream<Path> files = Files.list(path(name))) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A real event from the classpath with some fields changed: {@code detail} fields set (null
   * removes nothing, it sets null), and envelope fields set.
   */
  static ExecutionEvent event(String name, JsonNode detailChanges, JsonNode envelopeChanges) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(text(name));
      if (envelopeChanges != null) {
        envelopeChanges.fields().forEachRemaining(e -> event.set(e.getKey(), e.getValue()));
      }
      if (detailChanges != null) {
        ObjectNode detail = (ObjectNode) event.get("detail");
        detailChanges.fields().forEachRemaining(e -> setOrRemove(detail, e));
      }
      return EventParser.fromTree(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void setOrRemove(ObjectNode detail, Map.Entry<String, JsonNode> change) {
    if (change.getValue().isTextual() && change.getValue().asText().equals("<absent>")) {
      detail.remove(change.getKey());
    } else {
      detail.set(change.getKey(), change.getValue());
    }
  }

  /** A generator for decisions that must not draw jitter: any use fails the test. */
  static RandomGenerator unusedRandom() {
    return () -> {
      throw new AssertionError("the decision drew a random number, but no jitter was expected");
    };
  }
}
