package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StepFunctionsService;

/**
 * ListExecutions of a state machine or, with {@code mapRunArn}, of a map run's children; newest
 * first, filtered by status or redrive and paged.
 */
final class ListExecutions implements Operation {
  private final StepFunctionsService service;

  ListExecutions(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    if (r.string("mapRunArn") != null) {
      return mapRun(r);
    }
    Page<ExecutionSnapshot> page =
        service.listExecutions(
            r.string("stateMachineArn"),
            r.string("mapRunArn"),
            r.string("statusFilter"),
            r.string("redriveFilter"),
            r.integer("maxResults"),
            r.string("nextToken"));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("executions");
    for (ExecutionSnapshot e : page.items()) {
      ObjectNode item = Json.executionItem(e);
      Json.putOrigin(item, service.versions().origin(e.arn()));
      items.add(item);
    }
    Json.putNextToken(out, page);
    return out;
  }

  /** The child executions of a map run, each with the map run's ARN. */
  private ObjectNode mapRun(ApiRequest r) {
    Page<MapRun.ChildExecution> page =
        service.listMapRunExecutions(
            r.string("stateMachineArn"),
            r.string("mapRunArn"),
            r.string("statusFilter"),
            r.string("redriveFilter"),
            r.integer("maxResults"),
            r.string("nextToken"));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("executions");
    page.items().forEach(e -> items.add(MapRunJson.executionItem(e)));
    Json.putNextToken(out, page);
    return out;
  }
}
