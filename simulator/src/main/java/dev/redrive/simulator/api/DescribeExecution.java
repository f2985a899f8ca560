package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.List;

/** DescribeExecution, with the redrive fields; a map run's child also with its map run ARN. */
final class DescribeExecution implements Operation {
  private final StepFunctionsService service;

  DescribeExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    String arn = r.requiredString("executionArn");
    String includedData = r.string("includedData");
    RequestValidator.includedData(includedData);
    ObjectNode out = describe(arn);
    if ("METADATA_ONLY".equals(includedData)) {
      // AWS leaves out the payloads, and their details, when asked for metadata only.
      out.remove(List.of("input", "inputDetails", "output", "outputDetails"));
    }
    return out;
  }

  private ObjectNode describe(String arn) {
    return service
        .describeMapRunExecution(arn)
        .map(MapRunJson::execution)
        .orElseGet(
            () -> {
              ObjectNode out = Json.execution(service.describeExecution(arn));
              Json.putOrigin(out, service.versions().origin(arn));
              return out;
            });
  }
}
