package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeExecution, with the redrive fields. */
final class DescribeExecution implements Operation {
  private final StepFunctionsService service;

  DescribeExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    return Json.execution(service.describeExecution(r.requiredString("executionArn")));
  }
}
