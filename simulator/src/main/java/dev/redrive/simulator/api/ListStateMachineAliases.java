package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StateMachineAlias;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.service.VersionsAndAliases;
import dev.redrive.simulator.validation.RequestValidator;

/** ListStateMachineAliases of a state machine, or of one of its versions; paged. */
final class ListStateMachineAliases implements Operation {
  private final StepFunctionsService service;

  ListStateMachineAliases(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("stateMachineArn");
    Integer maxResults = r.integer("maxResults");
    String nextToken = r.string("nextToken");
    RequestValidator.list(arn, maxResults, nextToken);
    if (VersionsAndAliases.isQualified(arn)) {
      service.versions().version(arn);
    } else {
      service.describeStateMachine(arn);
    }
    Page<StateMachineAlias> page = service.versions().listAliases(arn, maxResults, nextToken);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachineAliases");
    for (StateMachineAlias a : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineAliasArn", a.arn());
      Json.putDate(item, "creationDate", a.creationDate());
    }
    Json.putNextToken(out, page);
    return out;
  }
}
