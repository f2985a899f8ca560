package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachineVersion;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.service.VersionsAndAliases;

/** DescribeStateMachine. */
final class DescribeStateMachine implements Operation {
  private final StepFunctionsService service;

  DescribeStateMachine(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("stateMachineArn");
    if (VersionsAndAliases.isQualified(arn)) {
      StateMachineVersion v = service.versions().version(arn);
      ObjectNode out = Json.stateMachine(v.stateMachine(), false);
      out.put("stateMachineArn", v.arn());
      Json.putDate(out, "creationDate", v.creationDate());
      Json.putText(out, "description", v.description());
      return out;
    }
    return Json.stateMachine(service.describeStateMachine(arn), false);
  }
}
