package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DeleteActivity. */
final class DeleteActivity implements Operation {
  private final StepFunctionsService service;

  DeleteActivity(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.deleteActivity(r.requiredString("activityArn"));
    return Json.object();
  }
}
