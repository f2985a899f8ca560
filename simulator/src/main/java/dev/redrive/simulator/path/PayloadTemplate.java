package dev.redrive.simulator.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.path.intrinsic.IntrinsicCall;
import dev.redrive.simulator.path.intrinsic.Intrinsics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSONPath-mode payload template ({@code Parameters}, {@code ResultSelector}, {@code
 * ItemSelector}, {@code Assign}), compiled once. Fields whose name ends in {@code .$} take their
 * value from a path ({@code $.x}), the context ({@code $$.x}), a variable ({@code $x}) or an
 * intrinsic function call ({@code States.Format(...)}); the suffix is dropped from the name.
 */
public final class PayloadTemplate {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Node root;

  private PayloadTemplate(Node root) {
    this.root = root;
  }

  /** Compiles a template; static parts are kept as they are. */
  public static PayloadTemplate compile(JsonNode template) {
    return new PayloadTemplate(compileNode(template));
  }

  /**
   * Builds the payload.
   *
   * @throws StatesError {@code States.Runtime} when a path selects nothing, or an intrinsic error
   */
  public JsonNode evaluate(DataResolver data) {
    return root.eval(data);
  }

  private interface Node {
    JsonNode eval(DataResolver data);

    default boolean isStatic() {
      return false;
    }
  }

  private record Static(JsonNode value) implements Node {
    @Override
    public JsonNode eval(DataResolver data) {
      return value;
    }

    @Override
    public boolean isStatic() {
      return true;
    }
  }

  private record Field(String name, Node value) {}

  private record Obj(Field[] fields) implements Node {
    @Override
    public JsonNode eval(DataResolver data) {
      ObjectNode out = NODES.objectNode();
      for (Field f : fields) {
        out.set(f.name, f.value.eval(data));
      }
      return out;
    }
  }

  private record Arr(Node[] items) implements Node {
    @Override
    public JsonNode eval(DataResolver data) {
      ArrayNode out = NODES.arrayNode(items.length);
      for (Node n : items) {
        out.add(n.eval(data));
      }
      return out;
    }
  }

  private record PathRef(String field, ReferencePath path) implements Node {
    @Override
    public JsonNode eval(DataResolver data) {
      JsonNode rootValue = data.rootOf(path);
      return path.select(rootValue)
          .orElseThrow(
              () ->
                  StatesError.runtime(
                      "The JSONPath '"
                          + path.text()
                          + "' specified for the field '"
                          + field
                          + "' could not be found in the input '"
                          + (rootValue == null ? "null" : HistoryJson.text(data.input()))
                          + "'"));
    }
  }

  private record Intrinsic(String field, IntrinsicCall call) implements Node {
    @Override
    public JsonNode eval(DataResolver data) {
      return call.evaluate(data);
    }
  }

  private static Node compileNode(JsonNode t) {
    if (t.isObject()) {
      List<Field> fields = new ArrayList<>();
      boolean allStatic = true;
      Iterator<Map.Entry<String, JsonNode>> it = t.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        Node value;
        if (key.endsWith(".$") && e.getValue().isTextual()) {
          value = compileDynamic(key, e.getValue().asText());
          key = key.substring(0, key.length() - 2);
        } else {
          value = compileNode(e.getValue());
        }
        allStatic &= value.isStatic();
        fields.add(new Field(key, value));
      }
      return allStatic ? new Static(t) : new Obj(fields.toArray(Field[]::new));
    }
    if (t.isArray()) {
      Node[] items = new Node[t.size()];
      boolean allStatic = true;
      for (int i = 0; i < items.length; i++) {
        items[i] = compileNode(t.get(i));
        allStatic &= items[i].isStatic();
      }
      return allStatic ? new Static(t) : new Arr(items);
    }
    return new Static(t);
  }

  private static Node compileDynamic(String field, String expression) {
    if (Intrinsics.isIntrinsic(expression)) {
      return new Intrinsic(field, Intrinsics.parse(expression));
    }
    return new PathRef(field, ReferencePath.compile(expression));
  }
}
