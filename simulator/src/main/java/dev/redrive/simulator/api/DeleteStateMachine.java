package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DeleteStateMachine. */
final class DeleteStateMachine implements Operation {
  private final StepFunctionsService service;

  DeleteStateMachine(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.deleteStateMachine(r.requiredString("stateMachineArn"));
    return Json.object();
  }
}
