package dev.redrive.simulator.sqs;

import java.util.Objects;

/**
 * A message attribute: its data type ({@code String}, {@code Number}, {@code Binary}, or one of
 * those with a custom suffix such as {@code Number.int}) and its value, a string or bytes.
 */
record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
  MessageAttribute {
    Objects.requireNonNull(dataType, "dataType");
  }

  /** Whether the value travels as bytes (data type {@code Binary} or {@code Binary.*}). */
  boolean binary() {
    return dataType.startsWith("Binary");
  }
}
