package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Calls any operation of a real {@link SfnClient} with the request written as JSON (the members as
 * the API model names them, which is also how boto3 and the corpus write them), and gives the
 * response back as JSON. The request is built through the SDK's own model ({@link SdkField}s of the
 * request class), so what reaches the endpoint is what the SDK would send for that request.
 *
 * <p>Written by hand because the SDK offers no public way to build a request from JSON.
 */
final class SdkBridge {
  private static final String MODEL = "software.amazon.awssdk.services.sfn.model.";

  private SdkBridge() {}

  /**
   * A request the typed SDK cannot express (a member it does not know, a value of another type).
   */
  static final class NotExpressible extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotExpressible(String message) {
      super(message);
    }
  }

  /**
   * Calls {@code operation} (e.g. {@code CreateStateMachine}) through {@code sfn}.
   *
   * @return the response as JSON
   * @throws software.amazon.awssdk.services.sfn.model.SfnException the error the endpoint answered
   * @throws NotExpressible when the SDK cannot send this request
   */
  static ObjectNode call(SfnClient sfn, String operation, JsonNode request) {
    Class<?> requestClass;
    try {
      requestClass = Class.forName(MODEL + operation + "Request");
    } catch (ClassNotFoundException e) {
      throw new NotExpressible("the SDK has no operation " + operation);
    }
    Object built = build(builderOf(requestClass), request, operation);
    Method method;
    try {
      method =
          SfnClient.class.getMethod(
              Character.toLowerCase(operation.charAt(0)) + operation.substring(1), requestClass);
    } catch (NoSuchMethodException e) {
      throw new NotExpressible("SfnClient has no method for " + operation);
    }
    try {
      return json((SdkPojo) method.invoke(sfn, built));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SdkPojo builderOf(Class<?> pojoClass) {
    try {
      return (SdkPojo) pojoClass.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no builder on " + pojoClass, e);
    }
  }

  private static Object build(SdkPojo builder, JsonNode json, String where) {
    if (!json.isObject()) {
      throw new NotExpressible(where + ": expected an object, found " + json.getNodeType());
    }
    Set<String> known = new HashSet<>();
    for (SdkField<?> field : builder.sdkFields()) {
      known.add(field.locationName());
      JsonNode value = json.get(field.locationName());
      if (value != null && !value.isNull()) {
        set(field, builder, value, where + "." + field.locationName());
      }
    }
    json.fieldNames()
        .forEachRemaining(
            n -> {
              if (!known.contains(n)) {
                throw new NotExpressible(where + ": the SDK model has no member '" + n + "'");
              }
            });
    return ((SdkBuilder<?, ?>) builder).build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void set(SdkField field, Object builder, JsonNode value, String where) {
    field.set(builder, value(field, value, where));
  }

  private static Object value(SdkField<?> field, JsonNode v, String where) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      if (!v.isTextual()) {
        throw new NotExpressible(where + ": expected a string, found " + v.getNodeType());
      }
      return v.asText();
    }
    if (type == MarshallingType.INTEGER) {
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new NotExpressible(where + ": expected an integer, found " + v);
      }
      return v.intValue();
    }
    if (type == MarshallingType.LONG) {
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new NotExpressible(where + ": expected a long, found " + v);
      }
      return v.longValue();
    }
    if (type == MarshallingType.DOUBLE) {
      if (!v.isNumber()) {
        throw new NotExpressible(where + ": expected a number, found " + v.getNodeType());
      }
      return v.doubleValue();
    }
    if (type == MarshallingType.BOOLEAN) {
      if (!v.isBoolean()) {
        throw new NotExpressible(where + ": expected a boolean, found " + v.getNodeType());
      }
      return v.booleanValue();
    }
    if (type == MarshallingType.SDK_POJO) {
      return build(field.constructor().get(), v, where);
    }
    if (type == MarshallingType.LIST) {
      if (!v.isArray()) {
        throw new NotExpressible(where + ": expected a list, found " + v.getNodeType());
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(value(member, v.get(i), where + "[" + i + "]"));
      }
      return out;
    }
    if (type == MarshallingType.MAP) {
      if (!v.isObject()) {
        throw new NotExpressible(where + ": expected a map, found " + v.getNodeType());
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      v.fields()
          .forEachRemaining(
              e -> out.put(e.getKey(), value(member, e.getValue(), where + "." + e.getKey())));
      return out;
    }
    throw new NotExpressible(where + ": member type " + type + " not supported by the bridge");
  }

  /** A response (or any model object) as JSON, with the member names of the wire format. */
  static ObjectNode json(SdkPojo pojo) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object v = field.getValueOrDefault(pojo);
      if (v != null && !isAutoConstructEmpty(v)) {
        out.set(field.locationName(), node(v));
      }
    }
    return out;
  }

  private static boolean isAutoConstructEmpty(Object v) {
    return v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
        || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
  }

  private static JsonNode node(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v instanceof SdkPojo p) {
      return json(p);
    }
    if (v instanceof String s) {
      return f.textNode(s);
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return f.numberNode(i);
    }
    if (v instanceof Long l) {
      return f.numberNode(l);
    }
    if (v instanceof Double d) {
      return f.numberNode(BigDecimal.valueOf(d));
    }
    if (v instanceof Float x) {
      return f.numberNode(new BigDecimal(Float.toString(x)));
    }
    if (v instanceof Instant t) {
      return f.textNode(t.toString());
    }
    if (v instanceof Collection<?> c) {
      ArrayNode out = f.arrayNode();
      c.forEach(x -> out.add(node(x)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode out = f.objectNode();
      m.forEach((k, x) -> out.set(String.valueOf(k), node(x)));
      return out;
    }
    return f.textNode(String.valueOf(v));
  }
}
