package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Activity;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.service.Tags;
import java.util.List;

/** CreateActivity: idempotent by name. */
final class CreateActivity implements Operation {
  private final StepFunctionsService service;

  CreateActivity(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    List<Tags.Tag> tags = TagResource.tags(r);
    if (tags != null) {
      Tags.check("tags", tags);
    }
    Activity a = service.createActivity(r.requiredString("name"));
    if (tags != null && !tags.isEmpty()) {
      service.tags().tag(a.arn(), tags);
    }
    ObjectNode out = Json.object();
    out.put("activityArn", a.arn());
    Json.putDate(out, "creationDate", a.creationDate());
    return out;
  }
}
