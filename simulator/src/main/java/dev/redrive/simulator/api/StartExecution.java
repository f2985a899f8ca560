package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.StepFunctionsService;

/** StartExecution: returns at once, the execution runs in the background. */
final class StartExecution implements Operation {
  private final StepFunctionsService service;

  StartExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    ExecutionSnapshot e =
        service.startExecution(
            r.requiredString("stateMachineArn"), r.string("name"), r.string("input"));
    ObjectNode out = Json.object();
    out.put("executionArn", e.arn());
    Json.putDate(out, "startDate", e.startDate());
    return out;
  }
}
