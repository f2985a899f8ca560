package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.teststate.StateTester;
import dev.redrive.simulator.validation.TestStateRequest;
import java.util.Optional;

/**
 * TestState: runs one state with an optional mocked result or error and answers with its status,
 * output, error, cause and next state. Inspection data ({@code DEBUG}, {@code TRACE}) is not given
 * yet.
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
      Optional<String> result =
          Optional.ofNullable(mock.hasNonNull("result") ? mock.get("result").asText() : null);
      JsonNode error = mock.path("errorOutput");
      tested =
          Optional.of(
              new StateTester.Mock(
                  result,
                  Optional.ofNullable(
                      error.hasNonNull("error") ? error.get("error").asText() : null),
                  Optional.ofNullable(
                      error.hasNonNull("cause") ? error.get("cause").asText() : null)));
      checked = Optional.of(new TestStateRequest.Mock(result));
    }
    Optional<Integer> failures =
        configuration != null && configuration.has("mapIterationFailureCount")
            ? Optional.of(configuration.get("mapIterationFailureCount").asInt())
            : Optional.empty();
    String definition = r.requiredString("definition");
    Optional<String> stateName = Optional.ofNullable(r.string("stateName"));
    TestStateRequest request =
        new TestStateRequest(
            definition,
            stateName,
            Optional.ofNullable(r.string("roleArn")),
            checked,
            Boolean.TRUE.equals(r.bool("revealSecrets")),
            failures);
    StateTester.Result result = service.testState(request, r.string("input"), tested);
    ObjectNode out = Json.object();
    result.output().ifPresent(o -> out.put("output", HistoryJson.text(o)));
    result.error().ifPresent(e -> out.put("error", e));
    result.cause().ifPresent(c -> out.put("cause", c));
    result.nextState().ifPresent(n -> out.put("nextState", n));
    out.put("status", result.status());
    return out;
  }
}
