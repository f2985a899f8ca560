package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.validation.RequestValidator;
import java.time.Instant;
import java.util.Optional;

/** RedriveExecution. */
final class RedriveExecution implements Operation {
  private final StepFunctionsService service;

  RedriveExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("executionArn");
    String clientToken = r.string("clientToken");
    RequestValidator.redriveExecution(arn, clientToken);
    Instant redriveDate = service.redriveExecution(arn, Optional.ofNullable(clientToken));
    ObjectNode out = Json.object();
    Json.putDate(out, "redriveDate", redriveDate);
    return out;
  }
}
