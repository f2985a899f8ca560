package dev.redrive.simulator.store;

import java.util.Objects;

/**
 * One stored row with its value as the JSON text stored, for readers that parse only what they need
 * (a restart reads every execution's status, and the rest only when asked).
 *
 * @param key its key in its table
 * @param parent what it belongs to
 * @param sequence the order it was created in
 * @param text its value, JSON text
 */
public record RawRow(String key, String parent, long sequence, String text) {
  public RawRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(text, "text");
  }
}
