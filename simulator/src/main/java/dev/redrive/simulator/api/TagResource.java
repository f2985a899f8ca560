package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.service.Tags;
import java.util.ArrayList;
import java.util.List;

/** TagResource: adds tags to a state machine or activity, replacing values of existing keys. */
final class TagResource implements Operation {
  private final StepFunctionsService service;

  TagResource(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("resourceArn");
    List<Tags.Tag> tags = tags(r);
    if (tags == null) {
      throw ApiException.missing("tags");
    }
    Tags.check("tags", tags);
    service.requireTaggable(arn);
    service.tags().tag(arn, tags);
    return Json.object();
  }

  /** The {@code tags} member of a request ({@code [{"key", "value"}]}), or null when absent. */
  static List<Tags.Tag> tags(ApiRequest r) {
    JsonNode list = r.array("tags");
    if (list == null) {
      return null;
    }
    List<Tags.Tag> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      JsonNode key = t.get("key");
      JsonNode value = t.get("value");
      if (!t.isObject()
          || (key != null && !key.isNull() && !key.isTextual())
          || (value != null && !value.isNull() && !value.isTextual())) {
        throw ApiException.serialization(
            "Expected {\"key\": string, \"value\": string} at 'tags." + (i + 1) + ".member'");
      }
      // A tag without a key or value is an empty one, which the length check refuses for keys.
      out.add(
          new Tags.Tag(
              key == null || key.isNull() ? "" : key.asText(),
              value == null || value.isNull() ? "" : value.asText()));
    }
    return out;
  }

  /** A response's {@code tags}. */
  static ArrayNode render(ObjectNode out, List<Tags.Tag> tags) {
    ArrayNode list = out.putArray("tags");
    tags.forEach(t -> list.addObject().put("key", t.key()).put("value", t.value()));
    return list;
  }
}
