package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.history.HistoryJson;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Step Functions' limit on payloads: 256 KiB of UTF-8 JSON text for a state's input or output, a
 * task's result or parameters.
 */
final class Payloads {
  /** 256 KiB. */
  static final int MAX_BYTES = 256 * 1024;

  private Payloads() {}

  /**
   * True when the value's JSON text is over 256 KiB. A cheap lower bound of the size is computed
   * first (stopping as soon as it is large); only values near the limit are serialized.
   */
  static boolean tooLarge(JsonNode value) {
    if (lowerBound(value, 0) < MAX_BYTES / 6) {
      return false;
    }
    return HistoryJson.text(value).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
  }

  /** At least as many bytes as the JSON text has, give or take escapes; stops past the limit. */
  private static long lowerBound(JsonNode n, long sofar) {
    if (sofar > MAX_BYTES) {
      return sofar;
    }
    if (n.isTextual()) {
      return sofar + n.textValue().length() + 2;
    }
    if (n.isArray()) {
      long total = sofar + 2;
      for (JsonNode item : n) {
        total = lowerBound(item, total + 1);
        if (total > MAX_BYTES) {
          return total;
        }
      }
      return total;
    }
    if (n.isObject()) {
      long total = sofar + 2;
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        total = lowerBound(e.getValue(), total + e.getKey().length() + 4);
        if (total > MAX_BYTES) {
          return total;
        }
      }
      return total;
    }
    return sofar + 1;
  }
}
