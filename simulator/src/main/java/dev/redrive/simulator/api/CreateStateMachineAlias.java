package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachineAlias;
import dev.redrive.simulator.service.StepFunctionsService;

/** CreateStateMachineAlias: idempotent for the same name, description and routing. */
final class CreateStateMachineAlias implements Operation {
  private final StepFunctionsService service;

  CreateStateMachineAlias(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    StateMachineAlias a =
        service
            .versions()
            .createAlias(
                r.requiredString("name"), r.string("description"), Versions.routing(r, true));
    ObjectNode out = Json.object();
    out.put("stateMachineAliasArn", a.arn());
    Json.putDate(out, "creationDate", a.creationDate());
    return out;
  }
}
