package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeStateMachine. */
final class DescribeStateMachine implements Operation {
  private final StepFunctionsService service;

  DescribeStateMachine(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    return Json.stateMachine(
        service.describeStateMachine(r.requiredString("stateMachineArn")), false);
  }
}
