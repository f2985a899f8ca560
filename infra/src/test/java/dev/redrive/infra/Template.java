package dev.redrive.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The stack's template, {@code infra/template.yaml}, as a tree with long-form intrinsics. */
final class Template {
  /** Where the template is, from the module's directory (surefire's working directory). */
  static final Path FILE = Path.of("template.yaml");

  private static JsonNode cached;

  private Template() {}

  /** The template, read once. */
  static synchronized JsonNode tree() {
    if (cached == null) {
      try {
        cached = CloudFormationYaml.read(FILE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cached;
  }

  static JsonNode resource(String logicalId) {
    JsonNode resource = tree().path("Resources").path(logicalId);
    if (resource.isMissingNode()) {
      throw new AssertionError("the template has no resource " + logicalId);
    }
    return resource;
  }

  /** The logical ids of the resources of one type, in template order. */
  static List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree().path("Resources").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (type.equals(entry.getValue().path("Type").asText())) {
        ids.add(entry.getKey());
      }
    }
    return ids;
  }
}
