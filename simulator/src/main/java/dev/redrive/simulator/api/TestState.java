package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.teststate.StateTestRequest;
import dev.redrive.simulator.teststate.StateTester;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.InvalidRequestException;
import dev.redrive.simulator.validation.TestStateRequest;
import java.util.List;
import java.util.Optional;

/**
 * TestState: runs one state with an optional mocked result or error and answers with its status
 * ({@code SUCCEEDED}, {@code FAILED}, {@code CAUGHT_ERROR}, {@code RETRIABLE}), output, error,
 * cause, next state and, for {@code inspectionLevel} {@code DEBUG} or {@code TRACE}, its inspection
 * data. {@code stateConfiguration}, {@code context} and {@code variables} are honoured.
 */
final class TestState implements Operation {
  private final StepFunctionsService service;

  TestState(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    JsonNode mock = r.object("mock");
    JsonNode configuration = r.object("stateConfiguration");
    Optional<StateTester.Mock> tested = Optional.empty();
    Optional<TestStateRequest.Mock> checked = Optional.empty();
    if (mock != null) {
      Optional<String> result = text(mock, "result");
      JsonNode error = mock.path("errorOutput");
      tested =
          Optional.of(new StateTester.Mock(result, text(error, "error"), text(error, "cause")));
      checked =
          Optional.of(
              new TestStateRequest.Mock(
                  result, text(mock, "fieldValidationMode").orElse("STRICT")));
    }
    JsonNode config = configuration == null ? Json.object() : configuration;
    Optional<Integer> failures = integer(config, "mapIterationFailureCount");
    // The API model's constraints on the fields this operation reads, as AWS's request layer checks
    new Constraints()
        .oneOf("inspectionLevel", r.string("inspectionLevel"), List.of("INFO", "DEBUG", "TRACE"))
        .oneOf(
            "mock.fieldValidationMode",
            mock == null ? null : text(mock, "fieldValidationMode").orElse(null),
            List.of("STRICT", "PRESENT", "NONE"))
        .minValue(
            "stateConfiguration.retrierRetryCount",
            integer(config, "retrierRetryCount").orElse(null),
            0)
        .minValue("stateConfiguration.mapIterationFailureCount", failures.orElse(null), 0)
        .length(
            "stateConfiguration.errorCausedByState",
            text(config, "errorCausedByState").orElse(null),
            1,
            80)
        .length(
            "stateConfiguration.mapItemReaderData",
            text(config, "mapItemReaderData").orElse(null),
            0,
            262144)
        .check();
    if (mock != null && mock.hasNonNull("result") && mock.hasNonNull("errorOutput")) {
      // MockInput: "a mocked result or errorOutput" (AWS API reference), never both.
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "A mock can have either a result or an errorOutput, not both");
    }
    String definition = r.requiredString("definition");
    Optional<String> stateName = Optional.ofNullable(r.string("stateName"));
    Optional<String> roleArn = Optional.ofNullable(r.string("roleArn"));
    TestStateRequest request =
        new TestStateRequest(
            definition,
            stateName,
            roleArn,
            checked,
            Boolean.TRUE.equals(r.bool("revealSecrets")),
            failures);
    StateTestRequest.InspectionLevel level;
    StateTestRequest.Configuration stateConfiguration;
    try {
      level = StateTestRequest.InspectionLevel.parse(r.string("inspectionLevel"));
      stateConfiguration =
          new StateTestRequest.Configuration(
              integer(config, "retrierRetryCount"),
              text(config, "errorCausedByState"),
              failures,
              text(config, "mapItemReaderData"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION, e.getMessage());
    }
    StateTester.Result result =
        service.testState(
            request,
            new StateTestRequest(
                definition,
                stateName,
                Optional.ofNullable(r.string("input")),
                tested,
                level,
                stateConfiguration,
                Optional.ofNullable(r.string("context")),
                roleArn,
                Optional.ofNullable(r.string("variables"))));
    ObjectNode out = Json.object();
    result.output().ifPresent(o -> out.put("output", HistoryJson.text(o)));
    result.error().ifPresent(e -> out.put("error", e));
    result.cause().ifPresent(c -> out.put("cause", c));
    result.nextState().ifPresent(n -> out.put("nextState", n));
    result.inspectionData().ifPresent(d -> out.set("inspectionData", d));
    out.put("status", result.status());
    return out;
  }

  private static Optional<String> text(JsonNode node, String field) {
    return Optional.ofNullable(node.hasNonNull(field) ? node.get(field).asText() : null);
  }

  private static Optional<Integer> integer(JsonNode node, String field) {
    return Optional.ofNullable(node.hasNonNull(field) ? node.get(field).asInt() : null);
  }
}
