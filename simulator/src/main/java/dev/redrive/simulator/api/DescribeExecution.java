package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeExecution, with the redrive fields; a map run's child also with its map run ARN. */
final class DescribeExecution implements Operation {
  private final StepFunctionsService service;

  DescribeExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("executionArn");
    return service
        .describeMapRunExecution(arn)
        .map(MapRunJson::execution)
        .orElseGet(() -> Json.execution(service.describeExecution(arn)));
  }
}
