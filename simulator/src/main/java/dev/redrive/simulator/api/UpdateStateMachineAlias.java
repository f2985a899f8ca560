package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachineAlias;
import dev.redrive.simulator.service.StepFunctionsService;

/** UpdateStateMachineAlias: a new description, routing, or both. */
final class UpdateStateMachineAlias implements Operation {
  private final StepFunctionsService service;

  UpdateStateMachineAlias(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    StateMachineAlias a =
        service
            .versions()
            .updateAlias(
                r.requiredString("stateMachineAliasArn"),
                r.string("description"),
                Versions.routing(r, false));
    ObjectNode out = Json.object();
    Json.putDate(out, "updateDate", a.updateDate().orElse(a.creationDate()));
    return out;
  }
}
