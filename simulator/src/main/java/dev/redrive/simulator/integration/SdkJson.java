package dev.redrive.simulator.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Converts between Step Functions' JSON (members named as in the service's API, in PascalCase) and
 * the AWS SDK for Java v2's request and response objects, through the field metadata every SDK
 * model class carries ({@link SdkPojo#sdkFields()}): names, marshalling types, list members and map
 * values. Written here because the SDK converts its objects only to and from each service's own
 * wire protocol, not to a protocol-neutral JSON.
 */
final class SdkJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  /** A problem with a parameter: its path and what was expected. */
  static final class ParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParameterException(String message) {
      super(message);
    }
  }

  /**
   * Fills a builder (one of the SDK's {@code Request.builder()}s, or a nested structure's) from a
   * JSON object.
   *
   * @throws ParameterException for an unknown member or a value of the wrong type
   */
  static void fill(SdkPojo builder, List<SdkField<?>> fields, JsonNode json, String path) {
    if (!json.isObject()) {
      throw new ParameterException(path + ": expected an object, found " + kind(json));
    }
    Map<String, SdkField<?>> byName = new LinkedHashMap<>();
    for (SdkField<?> f : fields) {
      byName.put(f.memberName(), f);
    }
    Iterator<Map.Entry<String, JsonNode>> it = json.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      SdkField<?> f = byName.get(e.getKey());
      String at = path + "." + e.getKey();
      if (f == null) {
        throw new ParameterException(at + ": unknown member; expected one of " + byName.keySet());
      }
      if (!e.getValue().isNull()) {
        f.set(builder, value(f, e.getValue(), at));
      }
    }
  }

  private static Object value(SdkField<?> f, JsonNode v, String path) {
    MarshallingType<?> type = f.marshallingType();
    if (type == MarshallingType.LIST) {
      if (!v.isArray()) {
        throw new ParameterException(path + ": expected an array, found " + kind(v));
      }
      SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (JsonNode item : v) {
        out.add(value(member, item, path + "[" + i++ + "]"));
      }
      return out;
    }
    if (type == MarshallingType.MAP) {
      if (!v.isObject()) {
        throw new ParameterException(path + ": expected an object, found " + kind(v));
      }
      SdkField<?> valueField = f.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      v.fields()
          .forEachRemaining(
              e -> out.put(e.getKey(), value(valueField, e.getValue(), path + "." + e.getKey())));
      return out;
    }
    if (type == MarshallingType.SDK_POJO) {
      SdkPojo nested = f.constructor().get();
      fill(nested, nested.sdkFields(), v, path);
      return build(nested);
    }
    return scalar(type, v, path);
  }

  private static Object scalar(MarshallingType<?> type, JsonNode v, String path) {
    if (type == MarshallingType.STRING) {
      if (v.isTextual()) {
        return v.asText();
      }
      if (v.isContainerNode()) {
        throw new ParameterException(path + ": expected a string, found " + kind(v));
      }
      return v.asText();
    }
    if (type == MarshallingType.INTEGER && v.canConvertToInt() && v.isIntegralNumber()) {
      return v.intValue();
    }
    if (type == MarshallingType.LONG && v.canConvertToLong() && v.isIntegralNumber()) {
      return v.longValue();
    }
    if (type == MarshallingType.DOUBLE && v.isNumber()) {
      return v.doubleValue();
    }
    if (type == MarshallingType.FLOAT && v.isNumber()) {
      return v.floatValue();
    }
    if (type == MarshallingType.BIG_DECIMAL && v.isNumber()) {
      return v.decimalValue();
    }
    if (type == MarshallingType.BOOLEAN && v.isBoolean()) {
      return v.booleanValue();
    }
    if (type == MarshallingType.INSTANT) {
      if (v.isNumber()) {
        return Instant.ofEpochMilli(new BigDecimal(v.asText()).movePointRight(3).longValue());
      }
      if (v.isTextual()) {
        try {
          return Instant.parse(v.asText());
        } catch (java.time.format.DateTimeParseException e) {
          throw new ParameterException(path + ": expected an ISO-8601 date, found " + v);
        }
      }
    }
    if (type == MarshallingType.SDK_BYTES && v.isTextual()) {
      // Step Functions passes blobs as text (a Lambda payload, an SQS binary attribute).
      return SdkBytes.fromUtf8String(v.asText());
    }
    throw new ParameterException(
        path + ": expected " + type.toString().toLowerCase() + ", found " + kind(v));
  }

  /** Builds a nested builder (its {@code build()}). */
  static Object build(SdkPojo builder) {
    if (builder instanceof software.amazon.awssdk.utils.builder.SdkBuilder<?, ?> b) {
      return b.build();
    }
    throw new IllegalStateException("not a builder: " + builder.getClass().getName());
  }

  /** A response object as Step Functions returns it: members with values, PascalCase names. */
  static JsonNode toJson(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof SdkPojo pojo) {
      ObjectNode out = NODES.objectNode();
      for (SdkField<?> f : pojo.sdkFields()) {
        Object v = f.getValueOrDefault(pojo);
        if (v == null
            || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
            || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap) {
          continue;
        }
        out.set(f.memberName(), toJson(v));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = NODES.objectNode();
      map.forEach((k, v) -> out.set(String.valueOf(k), toJson(v)));
      return out;
    }
    if (value instanceof Collection<?> list) {
      ArrayNode out = NODES.arrayNode();
      list.forEach(v -> out.add(toJson(v)));
      return out;
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof BigDecimal b) {
      return NODES.numberNode(b);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Instant t) {
      return NODES.textNode(t.toString());
    }
    if (value instanceof SdkBytes bytes) {
      return NODES.textNode(bytes.asUtf8String());
    }
    return NODES.textNode(value.toString());
  }

  static String kind(JsonNode v) {
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
