package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeMapRun: settings, status, item and child execution counts, redrives. */
final class DescribeMapRun implements Operation {
  private final StepFunctionsService service;

  DescribeMapRun(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    return MapRunJson.describe(service.describeMapRun(r.requiredString("mapRunArn")));
  }
}
