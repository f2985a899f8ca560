package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Activity;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StepFunctionsService;

/** ListActivities, paged. */
final class ListActivities implements Operation {
  private final StepFunctionsService service;

  ListActivities(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Page<Activity> page = service.listActivities(r.integer("maxResults"), r.string("nextToken"));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("activities");
    for (Activity a : page.items()) {
      ObjectNode item = items.addObject();
      item.put("activityArn", a.arn());
      item.put("name", a.name());
      Json.putDate(item, "creationDate", a.creationDate());
    }
    Json.putNextToken(out, page);
    return out;
  }
}
