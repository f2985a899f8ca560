package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** UpdateMapRun: maximum concurrency and tolerated failures of a map run; an empty response. */
final class UpdateMapRun implements Operation {
  private final StepFunctionsService service;

  UpdateMapRun(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.updateMapRun(
        r.requiredString("mapRunArn"),
        r.integer("maxConcurrency"),
        r.number("toleratedFailurePercentage"),
        r.integer("toleratedFailureCount"));
    return Json.object();
  }
}
