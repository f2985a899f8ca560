package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** GetActivityTask: an empty answer when no task waits. */
final class GetActivityTask implements Operation {
  private final StepFunctionsService service;

  GetActivityTask(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.getActivityTask(r.requiredString("activityArn"), r.string("workerName"));
    return Json.object();
  }
}
