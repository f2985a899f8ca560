package dev.redrive.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The README's rule 6: the events inside a Parallel state are sorted by their JSON text, with ids
 * {@code [0]} and previous ids 0, because AWS runs branches in any order.
 */
final class ParallelOrder {
  private static final ObjectMapper SORTED =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ParallelOrder() {}

  static ArrayNode normalise(ArrayNode events) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    int i = 0;
    while (i < events.size()) {
      JsonNode e = events.get(i);
      out.add(e);
      i++;
      if (e.path("type").asText().equals("ParallelStateStarted")) {
        List<JsonNode> inside = new ArrayList<>();
        int depth = 0;
        while (i < events.size()) {
          String t = events.get(i).path("type").asText();
          // a Parallel state's retry starts again at depth 0; a nested one enters first
          if (depth == 0
              && (t.equals("ParallelStateSucceeded")
                  || t.equals("ParallelStateFailed")
                  || t.equals("ParallelStateExited")
                  || t.equals("ParallelStateStarted"))) {
            break;
          }
          if (t.equals("ParallelStateEntered")) {
            depth++;
          } else if (t.equals("ParallelStateExited")) {
            depth--;
          }
          ObjectNode copy = ((ObjectNode) events.get(i)).deepCopy();
          copy.putArray("id").add(0);
          copy.put("previousEventId", 0);
          inside.add(copy);
          i++;
        }
        inside.sort(Comparator.comparing(ParallelOrder::text));
        inside.forEach(out::add);
        if (i < events.size()) {
          String end = events.get(i).path("type").asText();
          if (end.equals("ParallelStateSucceeded") || end.equals("ParallelStateFailed")) {
            i++; // AWS's recordings leave it out (see the gap in their ids)
          }
        }
      }
    }
    return out;
  }

  private static String text(JsonNode n) {
    try {
      return SORTED.writeValueAsString(SORTED.treeToValue(n, Object.class));
    } catch (Exception e) {
      return n.toString();
    }
  }
}
