package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The type a family of comparison operators works on ({@code String...}, {@code Numeric...}, {@code
 * Boolean...}, {@code Timestamp...}): which JSON values belong to it and how they order.
 *
 * @param <T> the Java form of a value of this type
 */
interface ValueType<T> {

  /** The operator prefix, e.g. {@code Numeric}. */
  String prefix();

  /** The value of {@code node} in this type, or null when the node is of another type. */
  T read(JsonNode node);

  /** Orders two values of this type. */
  int compare(T a, T b);

  /** Strings, ordered by UTF-16 code unit as {@link String#compareTo} does. */
  ValueType<String> STRING =
      new ValueType<>() {
        @Override
        public String prefix() {
          return "String";
        }

        @Override
        public String read(JsonNode node) {
          return node.isTextual() ? node.textValue() : null;
        }

        @Override
        public int compare(String a, String b) {
          return a.compareTo(b);
        }
      };

  /** Numbers, integer or not, ordered by value (see {@link NumericOrder}). */
  ValueType<JsonNode> NUMBER =
      new ValueType<>() {
        @Override
        public String prefix() {
          return "Numeric";
        }

        @Override
        public JsonNode read(JsonNode node) {
          return node.isNumber() ? node : null;
        }

        @Override
        public int compare(JsonNode a, JsonNode b) {
          return NumericOrder.compare(a, b);
        }
      };

  /** {@code true} and {@code false}; only {@code BooleanEquals} exists. */
  ValueType<Boolean> BOOLEAN =
      new ValueType<>() {
        @Override
        public String prefix() {
          return "Boolean";
        }

        @Override
        public Boolean read(JsonNode node) {
          return node.isBoolean() ? Boolean.valueOf(node.booleanValue()) : null;
        }

        @Override
        public int compare(Boolean a, Boolean b) {
          return a.compareTo(b);
        }
      };

  /** Strings that are ASL timestamps (see {@link Timestamp}), ordered as instants. */
  ValueType<Timestamp> TIMESTAMP =
      new ValueType<>() {
        @Override
        public String prefix() {
          return "Timestamp";
        }

        @Override
        public Timestamp read(JsonNode node) {
          return node.isTextual() ? Timestamp.parseOrNull(node.textValue()) : null;
        }

        @Override
        public int compare(Timestamp a, Timestamp b) {
          return a.compareTo(b);
        }
      };
}
