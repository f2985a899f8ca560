package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** GetActivityTask: a task and its token, or an empty answer when none came in time. */
final class GetActivityTask implements Operation {
  private final StepFunctionsService service;

  GetActivityTask(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    ObjectNode out = Json.object();
    service
        .getActivityTask(r.requiredString("activityArn"), r.string("workerName"))
        .ifPresent(
            task -> {
              out.put("taskToken", task.taskToken());
              out.put("input", task.input());
            });
    return out;
  }
}
