package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** SendTaskFailure: fails a task waiting on its token. */
final class SendTaskFailure implements Operation {
  private final StepFunctionsService service;

  SendTaskFailure(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    service.sendTaskFailure(r.requiredString("taskToken"), r.string("error"), r.string("cause"));
    return Json.object();
  }
}
