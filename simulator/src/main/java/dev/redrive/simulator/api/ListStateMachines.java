package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StateMachine;
import dev.redrive.simulator.service.StepFunctionsService;

/** ListStateMachines, paged. */
final class ListStateMachines implements Operation {
  private final StepFunctionsService service;

  ListStateMachines(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    Page<StateMachine> page =
        service.listStateMachines(r.integer("maxResults"), r.string("nextToken"));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachines");
    for (StateMachine sm : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineArn", sm.arn());
      item.put("name", sm.name());
      item.put("type", sm.type());
      Json.putDate(item, "creationDate", sm.creationDate());
    }
    Json.putNextToken(out, page);
    return out;
  }
}
