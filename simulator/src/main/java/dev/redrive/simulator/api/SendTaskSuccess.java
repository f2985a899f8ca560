package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** SendTaskSuccess: completes a task waiting on its token. */
final class SendTaskSuccess implements Operation {
  private final StepFunctionsService service;

  SendTaskSuccess(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.sendTaskSuccess(r.requiredString("taskToken"), r.requiredString("output"));
    return Json.object();
  }
}
