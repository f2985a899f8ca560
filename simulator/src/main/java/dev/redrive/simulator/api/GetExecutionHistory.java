package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StepFunctionsService;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GetExecutionHistory: paged, oldest first unless {@code reverseOrder}; with {@code
 * includeExecutionData: false}, the events carry no {@code input} or {@code output}.
 */
final class GetExecutionHistory implements Operation {
  private static final List<String> DATA_FIELDS = List.of("input", "output");

  private final StepFunctionsService service;

  GetExecutionHistory(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Boolean reverse = r.bool("reverseOrder");
    Boolean includeData = r.bool("includeExecutionData");
    Page<HistoryEvent> page =
        service.getExecutionHistory(
            r.requiredString("executionArn"),
            r.integer("maxResults"),
            r.string("nextToken"),
            Boolean.TRUE.equals(reverse));
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    for (HistoryEvent event : page.items()) {
      ObjectNode rendered = HistoryJson.event(event);
      if (Boolean.FALSE.equals(includeData)) {
        withoutData(rendered);
      }
      events.add(rendered);
    }
    Json.putNextToken(out, page);
    return out;
  }

  private static void withoutData(ObjectNode event) {
    Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isObject()) {
        ((ObjectNode) f.getValue()).remove(DATA_FIELDS);
      }
    }
  }
}
