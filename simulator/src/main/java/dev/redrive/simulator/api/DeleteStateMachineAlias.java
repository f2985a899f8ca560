package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DeleteStateMachineAlias; the versions it routes to stay. */
final class DeleteStateMachineAlias implements Operation {
  private final StepFunctionsService service;

  DeleteStateMachineAlias(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.versions().deleteAlias(r.requiredString("stateMachineAliasArn"));
    return Json.object();
  }
}
