package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.StepFunctionsService;

/** RedriveExecution. */
final class RedriveExecution implements Operation {
  private final StepFunctionsService service;

  RedriveExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    ExecutionSnapshot e = service.redriveExecution(r.requiredString("executionArn"));
    ObjectNode out = Json.object();
    Json.putDate(out, "redriveDate", e.redriveDate());
    return out;
  }
}
