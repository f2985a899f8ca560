package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;

/** ListTagsForResource: the tags of a state machine or activity. */
final class ListTagsForResource implements Operation {
  private final StepFunctionsService service;

  ListTagsForResource(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("resourceArn");
    service.requireTaggable(arn);
    ObjectNode out = Json.object();
    TagResource.render(out, service.tags().of(arn));
    return out;
  }
}
