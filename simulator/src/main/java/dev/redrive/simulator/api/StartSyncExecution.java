package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.StepFunctionsService;
import java.time.Duration;

/**
 * StartSyncExecution: runs an Express execution to its end and answers with its result. The AWS
 * SDKs send it to the {@code sync-} host prefix; against this endpoint, disable host prefix
 * injection in the client ({@code SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION}).
 */
final class StartSyncExecution implements Operation {
  private static final int BILLED_MEMORY_MB = 64;
  private static final long BILLING_UNIT_MS = 100;

  private final StepFunctionsService service;

  StartSyncExecution(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    ExecutionSnapshot e =
        service
            .startSyncExecution(
                r.requiredString("stateMachineArn"), r.string("name"), r.string("input"))
            .execution();
    ObjectNode out = Json.object();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachine().arn());
    out.put("name", e.name());
    Json.putDate(out, "startDate", e.startDate());
    Json.putDate(out, "stopDate", e.stopDate());
    out.put("status", e.status().name());
    Json.putText(out, "error", e.error());
    Json.putText(out, "cause", e.cause());
    out.put("input", e.input());
    out.putObject("inputDetails").put("included", true);
    if (e.output().isPresent()) {
      Json.putText(out, "output", e.outputText());
      out.putObject("outputDetails").put("included", true);
    }
    long millis =
        e.stopDate().map(stop -> Duration.between(e.startDate(), stop).toMillis()).orElse(0L);
    long billed = Math.max(1, (millis + BILLING_UNIT_MS - 1) / BILLING_UNIT_MS) * BILLING_UNIT_MS;
    ObjectNode billing = out.putObject("billingDetails");
    billing.put("billedMemoryUsedInMB", BILLED_MEMORY_MB);
    billing.put("billedDurationInMilliseconds", billed);
    return out;
  }
}
