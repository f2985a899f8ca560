package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeStateMachineAlias. */
final class DescribeStateMachineAlias implements Operation {
  private final StepFunctionsService service;

  DescribeStateMachineAlias(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    return Versions.alias(service.versions().alias(r.requiredString("stateMachineAliasArn")));
  }
}
