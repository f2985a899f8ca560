package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** SendTaskHeartbeat. */
final class SendTaskHeartbeat implements Operation {
  private final StepFunctionsService service;

  SendTaskHeartbeat(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.sendTaskHeartbeat(r.requiredString("taskToken"));
    return Json.object();
  }
}
