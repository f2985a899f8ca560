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
        .orElseGet(
            () -> {
              ObjectNode out = Json.execution(service.describeExecution(arn));
              Json.putOrigin(out, service.versions().origin(arn));
              return out;
            });
  }
}
