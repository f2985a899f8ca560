package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StepFunctionsService;

/** ListMapRuns of an execution. */
final class ListMapRuns implements Operation {
  private final StepFunctionsService service;

  ListMapRuns(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Page<String> page =
        service.listMapRuns(
            r.requiredString("executionArn"), r.integer("maxResults"), r.string("nextToken"));
    ObjectNode out = Json.object();
    out.putArray("mapRuns");
    Json.putNextToken(out, page);
    return out;
  }
}
