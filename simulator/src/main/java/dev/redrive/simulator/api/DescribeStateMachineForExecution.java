package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeStateMachineForExecution: the definition the execution runs. */
final class DescribeStateMachineForExecution implements Operation {
  private final StepFunctionsService service;

  DescribeStateMachineForExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    return Json.stateMachine(
        service.describeStateMachineForExecution(r.requiredString("executionArn")), true);
  }
}
