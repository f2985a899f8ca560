package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.StepFunctionsService;

/** StopExecution: aborts a running execution. */
final class StopExecution implements Operation {
  private final StepFunctionsService service;

  StopExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    ExecutionSnapshot e =
        service.stopExecution(
            r.requiredString("executionArn"), r.string("error"), r.string("cause"));
    ObjectNode out = Json.object();
    Json.putDate(out, "stopDate", e.stopDate());
    return out;
  }
}
