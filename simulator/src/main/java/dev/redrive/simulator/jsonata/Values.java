package dev.redrive.simulator.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between Jackson trees and the plain Java values the JSONata library works on.
 *
 * <p>JSON {@code null} is the library's {@link Jsonata#NULL_VALUE}; a Java {@code null} result is
 * JSONata's {@code undefined}. Numbers follow JavaScript, as AWS's JSONata does: an integral result
 * such as {@code 2.0} prints as {@code 2}.
 */
final class Values {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Integral doubles below this print without exponent in JavaScript (Number.toString). */
  private static final double PLAIN_INTEGER_LIMIT = 1e21;

  private Values() {}

  /** A JSON value as the JSONata library expects it. */
  static Object toJava(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          map.put(field.getKey(), toJava(field.getValue()));
        }
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode element : node) {
          list.add(toJava(element));
        }
        yield list;
      }
      case STRING, BINARY -> node.asText();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> number(node);
      case NULL, MISSING -> Jsonata.NULL_VALUE;
    };
  }

  private static Object number(JsonNode node) {
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isLong()) {
      return node.longValue();
    }
    if (node.isBigInteger()) {
      BigInteger big = node.bigIntegerValue();
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    return node.doubleValue();
  }

  /**
   * A JSONata result as JSON, or empty for {@code undefined}.
   *
   * @throws UnsupportedResult when the result (or a part of it) is a function or a regular
   *     expression, which JSON cannot hold
   */
  static Optional<JsonNode> toJson(Object value) {
    return value == null ? Optional.empty() : Optional.of(toNode(value));
  }

  private static JsonNode toNode(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Number n) {
      return numberNode(n);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        object.set(String.valueOf(entry.getKey()), toNode(entry.getValue()));
      }
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object element : list) {
        array.add(toNode(element));
      }
      return array;
    }
    throw new UnsupportedResult(value.getClass().getName());
  }

  /**
   * A number as AWS prints it: integral values without a fraction, non-finite ones as the strings
   * {@code "Infinity"}, {@code "-Infinity"} and {@code "NaN"}.
   */
  static JsonNode numberNode(Number n) {
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return NODES.numberNode(n.intValue());
    }
    if (n instanceof Long l) {
      return l == (int) (long) l ? NODES.numberNode((int) (long) l) : NODES.numberNode(l);
    }
    if (n instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      // JSON has no literal for these; AWS writes the name Java gives them, as a string
      return NODES.textNode(Double.toString(d));
    }
    if (d == Math.rint(d) && Math.abs(d) < PLAIN_INTEGER_LIMIT) {
      if (Math.abs(d) <= Long.MAX_VALUE) {
        long l = (long) d;
        return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
      }
      return NODES.numberNode(new BigDecimal(d).toBigIntegerExact());
    }
    return NODES.numberNode(d);
  }

  /** A JSONata result that JSON cannot represent. */
  static final class UnsupportedResult extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedResult(String type) {
      super("unsupported JSONata result type " + type);
    }
  }
}
