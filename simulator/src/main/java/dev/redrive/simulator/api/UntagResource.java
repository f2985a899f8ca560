package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;
import java.util.ArrayList;
import java.util.List;

/** UntagResource: removes tags by key; keys the resource does not have are ignored. */
final class UntagResource implements Operation {
  private final StepFunctionsService service;

  UntagResource(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("resourceArn");
    JsonNode list = r.array("tagKeys");
    if (list == null) {
      throw ApiException.missing("tagKeys");
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isTextual()) {
        throw ApiException.serialization("Expected a string at 'tagKeys." + (i + 1) + ".member'");
      }
      keys.add(list.get(i).asText());
    }
    service.requireTaggable(arn);
    service.tags().untag(arn, keys);
    return Json.object();
  }
}
