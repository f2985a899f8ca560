package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DeleteStateMachineVersion: refused while an alias routes to the version. */
final class DeleteStateMachineVersion implements Operation {
  private final StepFunctionsService service;

  DeleteStateMachineVersion(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.versions().deleteVersion(r.requiredString("stateMachineVersionArn"));
    return Json.object();
  }
}
