package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StepFunctionsService;

/** ListMapRuns of an execution, newest first, paged. */
final class ListMapRuns implements Operation {
  private final StepFunctionsService service;

  ListMapRuns(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Page<MapRun.Snapshot> page =
        service.listMapRuns(
            r.requiredString("executionArn"), r.integer("maxResults"), r.string("nextToken"));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("mapRuns");
    page.items().forEach(m -> items.add(MapRunJson.listItem(m)));
    Json.putNextToken(out, page);
    return out;
  }
}
