package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Activity;
import dev.redrive.simulator.service.StepFunctionsService;

/** DescribeActivity. */
final class DescribeActivity implements Operation {
  private final StepFunctionsService service;

  DescribeActivity(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Activity a = service.describeActivity(r.requiredString("activityArn"));
    ObjectNode out = Json.object();
    out.put("activityArn", a.arn());
    out.put("name", a.name());
    Json.putDate(out, "creationDate", a.creationDate());
    return out;
  }
}
