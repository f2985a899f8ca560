package dev.redrive.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One stored row.
 *
 * @param key its key in its table (an ARN, a token)
 * @param parent what it belongs to (the execution of a map run, the state machine of an execution),
 *     the key itself when nothing
 * @param sequence the order it was created in, for listing
 * @param value its content
 */
public record Row(String key, String parent, long sequence, JsonNode value) {
  public Row {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(value, "value");
  }
}
