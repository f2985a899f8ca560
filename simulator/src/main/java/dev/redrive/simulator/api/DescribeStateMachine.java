package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachineVersion;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.service.VersionsAndAliases;
import dev.redrive.simulator.validation.RequestValidator;

/** DescribeStateMachine. */
final class DescribeStateMachine implements Operation {
  private final StepFunctionsService service;

  DescribeStateMachine(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("stateMachineArn");
    String includedData = r.string("includedData");
    RequestValidator.includedData(includedData);
    ObjectNode out = describe(arn);
    if ("METADATA_ONLY".equals(includedData)) {
      out.remove("definition");
    }
    return out;
  }

  private ObjectNode describe(String arn) {
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
