package dev.redrive.simulator.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;

/**
 * One of the JSONPath-mode filters {@code InputPath}, {@code OutputPath} or {@code ResultPath}: a
 * path, or {@code null} (written as JSON null), or absent (which means {@code $}).
 */
public final class PathField {
  /** The default: the whole value, {@code $}. */
  public static final PathField WHOLE = new PathField(null, false);

  /** JSON null: discard ({@code {}} for InputPath/OutputPath, keep the input for ResultPath). */
  public static final PathField DISCARD = new PathField(null, true);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ReferencePath path;
  private final boolean discard;

  private PathField(ReferencePath path, boolean discard) {
    this.path = path;
    this.discard = discard;
  }

  /** Reads the field from a state's definition: absent, null, or a path. */
  public static PathField of(JsonNode field) {
    if (field == null || field.isMissingNode()) {
      return WHOLE;
    }
    if (field.isNull()) {
      return DISCARD;
    }
    ReferencePath p = ReferencePath.compile(field.asText());
    if (p.isRoot() && p.root() == ReferencePath.Root.INPUT) {
      return WHOLE;
    }
    return new PathField(p, false);
  }

  /** True for the default {@code $}. */
  public boolean isWhole() {
    return path == null && !discard;
  }

  /**
   * Applies an InputPath or OutputPath: selects from the value, {@code {}} when discarding.
   *
   * @throws StatesError {@code States.Runtime} when the path selects nothing
   */
  public JsonNode select(DataResolver data) {
    if (discard) {
      return NODES.objectNode();
    }
    if (path == null) {
      return data.input();
    }
    JsonNode root = data.rootOf(path);
    return path.select(root)
        .orElseThrow(
            () ->
                StatesError.runtime(
                    "Invalid path '" + path.text() + "' : " + path.missMessage(root)));
  }

  /**
   * Applies a ResultPath: puts the result into the state input at the path.
   *
   * @throws StatesError {@code States.Runtime} when the path cannot be written
   */
  public JsonNode merge(JsonNode input, JsonNode result) {
    if (discard) {
      return input;
    }
    if (path == null) {
      return result;
    }
    Object[] segments = path.segments();
    if (segments == null || path.root() != ReferencePath.Root.INPUT) {
      throw StatesError.runtime("Invalid path '" + path.text() + "' : not a reference path");
    }
    return put(input, segments, 0, result);
  }

  private JsonNode put(JsonNode node, Object[] segments, int i, JsonNode value) {
    if (i == segments.length) {
      return value;
    }
    Object s = segments[i];
    if (s instanceof String name) {
      ObjectNode copy;
      if (node == null || node.isNull() || node.isMissingNode()) {
        copy = NODES.objectNode();
      } else if (node.isObject()) {
        copy = shallowCopy((ObjectNode) node);
      } else {
        throw StatesError.runtime(
            "Invalid path '"
                + path.text()
                + "': Unable to set the value at path "
                + path.normalized()
                + " on "
                + node.getNodeType().name().toLowerCase());
      }
      copy.set(name, put(copy.get(name), segments, i + 1, value));
      return copy;
    }
    int index = (Integer) s;
    if (node == null || !node.isArray() || index >= node.size()) {
      throw StatesError.runtime(
          "Invalid path '" + path.text() + "' : Missing property in path " + path.normalized());
    }
    ArrayNode copy = NODES.arrayNode(node.size());
    copy.addAll((ArrayNode) node);
    copy.set(index, put(node.get(index), segments, i + 1, value));
    return copy;
  }

  private static ObjectNode shallowCopy(ObjectNode node) {
    ObjectNode copy = NODES.objectNode();
    copy.setAll(node);
    return copy;
  }

  @Override
  public String toString() {
    return discard ? "null" : path == null ? "$" : path.text();
  }
}
