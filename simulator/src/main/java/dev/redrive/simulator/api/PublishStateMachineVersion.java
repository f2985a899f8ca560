package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachineVersion;
import dev.redrive.simulator.service.StepFunctionsService;
import java.util.Optional;

/**
 * PublishStateMachineVersion: a version of the state machine as it is now, or the latest one when
 * nothing changed.
 */
final class PublishStateMachineVersion implements Operation {
  private final StepFunctionsService service;

  PublishStateMachineVersion(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("stateMachineArn");
    String description = r.string("description");
    String revisionId = r.string("revisionId");
    StateMachineVersion v =
        service
            .versions()
            .publish(
                service.describeStateMachine(Versions.unqualifiedOnly(arn)),
                Optional.ofNullable(revisionId),
                description);
    ObjectNode out = Json.object();
    Json.putDate(out, "creationDate", v.creationDate());
    out.put("stateMachineVersionArn", v.arn());
    return out;
  }
}
