package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StateMachineVersion;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.validation.RequestValidator;

/** ListStateMachineVersions: newest first, paged. */
final class ListStateMachineVersions implements Operation {
  private final StepFunctionsService service;

  ListStateMachineVersions(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("stateMachineArn");
    Integer maxResults = r.integer("maxResults");
    String nextToken = r.string("nextToken");
    RequestValidator.list(arn, maxResults, nextToken);
    service.describeStateMachine(Versions.unqualifiedOnly(arn));
    Page<StateMachineVersion> page = service.versions().listVersions(arn, maxResults, nextToken);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachineVersions");
    for (StateMachineVersion v : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineVersionArn", v.arn());
      Json.putDate(item, "creationDate", v.creationDate());
    }
    Json.putNextToken(out, page);
    return out;
  }
}
