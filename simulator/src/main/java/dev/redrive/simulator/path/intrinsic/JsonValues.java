package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Comparing and rendering JSON values the way the intrinsics need. */
final class JsonValues {
  private JsonValues() {}

  /**
   * Whether two values are the same JSON value; numbers compare by value, so {@code 1} and {@code
   * 1.0} are the same.
   */
  static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
      return false;
    }
    if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      for (Map.Entry<String, JsonNode> field : a.properties()) {
        JsonNode other = b.get(field.getKey());
        if (other == null || !same(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * A text that is equal for two values exactly when {@link #same} holds: JSON with numbers
   * normalised and object fields sorted.
   */
  static String canonical(JsonNode value) {
    StringBuilder out = new StringBuilder();
    appendCanonical(value, out);
    return out.toString();
  }

  private static void appendCanonical(JsonNode value, StringBuilder out) {
    if (value.isNumber()) {
      BigDecimal number = value.decimalValue().stripTrailingZeros();
      out.append(number.signum() == 0 ? "0" : number.toPlainString());
    } else if (value.isArray()) {
      out.append('[');
      for (JsonNode item : value) {
        appendCanonical(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      List<String> names = new ArrayList<>(value.size());
      value.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      for (String name : names) {
        out.append(TextNode.valueOf(name)).append(':');
        appendCanonical(value.get(name), out);
        out.append(',');
      }
      out.append('}');
    } else {
      out.append(value);
    }
  }

  /**
   * How {@code States.Format} renders a value: strings as they are, and objects and arrays as a
   * Java map or list prints itself ({@code {Arg1=1, Arg2=[]}}), as AWS does.
   */
  static String formatted(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    StringBuilder out = new StringBuilder();
    appendFormatted(value, out);
    return out.toString();
  }

  private static void appendFormatted(JsonNode value, StringBuilder out) {
    if (value.isTextual()) {
      out.append(value.textValue());
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        appendFormatted(value.get(i), out);
      }
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        out.append(field.getKey()).append('=');
        appendFormatted(field.getValue(), out);
      }
      out.append('}');
    } else {
      // numbers, booleans and null print as their JSON text
      out.append(value.asText());
    }
  }
}
