package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachine;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.Optional;

/** UpdateStateMachine: a new definition, role, logging or tracing configuration. */
final class UpdateStateMachine implements Operation {
  private final StepFunctionsService service;

  UpdateStateMachine(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    RequestValidator.definitionSize(r.string("definition"));
    RequestValidator.roleArn(r.string("roleArn"));
    StateMachine sm =
        service.updateStateMachine(
            r.requiredString("stateMachineArn"),
            r.string("definition"),
            r.string("roleArn"),
            r.object("loggingConfiguration"),
            r.object("tracingConfiguration"),
            r.bool("publish"),
            r.string("versionDescription"));
    ObjectNode out = Json.object();
    Json.putDate(out, "updateDate", sm.updateDate().orElse(sm.creationDate()));
    Json.putText(out, "revisionId", sm.revisionId());
    if (Boolean.TRUE.equals(r.bool("publish"))) {
      out.put(
          "stateMachineVersionArn",
          service.versions().publish(sm, Optional.empty(), r.string("versionDescription")).arn());
    }
    return out;
  }
}
