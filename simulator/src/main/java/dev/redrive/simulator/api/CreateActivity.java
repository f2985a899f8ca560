package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Activity;
import dev.redrive.simulator.service.StepFunctionsService;

/** CreateActivity: idempotent by name. */
final class CreateActivity implements Operation {
  private final StepFunctionsService service;

  CreateActivity(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Activity a = service.createActivity(r.requiredString("name"));
    ObjectNode out = Json.object();
    out.put("activityArn", a.arn());
    Json.putDate(out, "creationDate", a.creationDate());
    return out;
  }
}
