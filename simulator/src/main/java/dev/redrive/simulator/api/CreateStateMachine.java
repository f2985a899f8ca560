package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachine;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.service.Tags;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.List;
import java.util.Optional;

/** CreateStateMachine: validates the definition and records the state machine. */
final class CreateStateMachine implements Operation {
  private final StepFunctionsService service;

  CreateStateMachine(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    List<Tags.Tag> tags = TagResource.tags(r);
    if (tags != null) {
      Tags.check("tags", tags);
    }
    RequestValidator.definitionSize(r.string("definition"));
    RequestValidator.roleArn(r.string("roleArn"));
    StateMachine sm =
        service.createStateMachine(
            r.requiredString("name"),
            r.requiredString("definition"),
            r.requiredString("roleArn"),
            r.string("type"),
            r.object("loggingConfiguration"),
            r.object("tracingConfiguration"),
            r.bool("publish"),
            r.string("versionDescription"));
    if (tags != null && !tags.isEmpty()) {
      service.tags().tag(sm.arn(), tags);
    }
    ObjectNode out = Json.object();
    out.put("stateMachineArn", sm.arn());
    Json.putDate(out, "creationDate", sm.creationDate());
    if (Boolean.TRUE.equals(r.bool("publish"))) {
      out.put(
          "stateMachineVersionArn",
          service.versions().publish(sm, Optional.empty(), r.string("versionDescription")).arn());
    }
    return out;
  }
}
