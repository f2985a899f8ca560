package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.mock.MockResult;
import dev.redrive.simulator.mock.MockedResponse;
import dev.redrive.simulator.mock.TestCase;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code TestState}: runs one state on an input, with an optional mocked result or error, and
 * reports its status, output, error and next state (the {@code INFO} inspection level).
 *
 * <p>The state runs as the only state of a state machine whose other states are stand-ins that end
 * the run, so the state's output and the state it moves to can be read from the run. Retry is not
 * applied (TestState runs one attempt); Catch is, and gives {@code CAUGHT_ERROR}. Map and Parallel
 * states are not supported yet.
 */
public final class StateTester {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String DEFAULT_NAME = "TestState";

  private final Simulator simulator;

  public StateTester(Simulator simulator) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
  }

  /**
   * A mock of TestState: a result (JSON text) or an error.
   *
   * @param result the result the task returns, as JSON text
   * @param error the error of {@code errorOutput}
   * @param cause the cause of {@code errorOutput}
   */
  public record Mock(Optional<String> result, Optional<String> error, Optional<String> cause) {
    public Mock {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * What TestState answers.
   *
   * @param status {@code SUCCEEDED}, {@code FAILED} or {@code CAUGHT_ERROR}
   */
  public record Result(
      String status,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause,
      Optional<String> nextState) {
    public Result {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(nextState, "nextState");
    }
  }

  /**
   * Runs the state.
   *
   * @param definition a state, or a whole state machine with {@code stateName} naming the state
   * @param stateName the state of a whole state machine to test (default: its StartAt)
   * @param input the input JSON text ({@code {}} when null)
   * @throws IllegalArgumentException when the definition or input is not JSON
   */
  public Result test(
      String definition, Optional<String> stateName, String input, Optional<Mock> mock) {
    JsonNode def = parse(definition, "definition");
    String name;
    JsonNode state;
    String queryLanguage = null;
    if (def.has("States")) {
      name = stateName.orElse(def.path("StartAt").asText());
      state = def.path("States").path(name);
      if (def.has("QueryLanguage")) {
        queryLanguage = def.get("QueryLanguage").asText();
      }
    } else {
      name = stateName.orElse(DEFAULT_NAME);
      state = def;
    }
    ObjectNode tested = state.deepCopy();
    tested.remove("Retry");
    Set<String> targets = new LinkedHashSet<>();
    collectTargets(tested, targets);
    targets.remove(name);
    ObjectNode machine = NODES.objectNode();
    if (queryLanguage != null) {
      machine.put("QueryLanguage", queryLanguage);
    }
    machine.put("StartAt", name);
    ObjectNode states = machine.putObject("States");
    states.set(name, tested);
    for (String t : targets) {
      states.putObject(t).put("Type", "Succeed");
    }
    RunOptions options = RunOptions.defaults().withStateMachineName("TestStateMachine");
    if (mock.isPresent()) {
      MockResult r =
          mock.get().result().isPresent()
              ? new MockResult.Return(parse(mock.get().result().get(), "mock.result"))
              : new MockResult.Throw(mock.get().error().orElse(""), mock.get().cause());
      MockedResponse response =
          new MockedResponse("TestState", List.of(new MockedResponse.Range(0, 0, r)));
      options =
          options.withMocks(new TestCase("TestStateMachine", "TestState", Map.of(name, response)));
    }
    ExecutionResult run =
        simulator.run(
            dev.redrive.simulator.definition.DefinitionParser.parse(machine.toString()),
            parse(input == null ? "{}" : input, "input"),
            options);
    Optional<String> next = Optional.empty();
    for (HistoryEvent e : run.history()) {
      if (e.type().endsWith("StateEntered") && targets.contains(stateEntered(e))) {
        next = Optional.of(stateEntered(e));
      }
    }
    Optional<String[]> failure = lastFailure(run.history());
    if (next.isPresent() && failure.isPresent()) {
      return new Result(
          "CAUGHT_ERROR",
          run.output(),
          Optional.ofNullable(failure.get()[0]),
          Optional.ofNullable(failure.get()[1]),
          next);
    }
    return switch (run.status()) {
      case SUCCEEDED ->
          new Result("SUCCEEDED", run.output(), Optional.empty(), Optional.empty(), next);
      default -> new Result("FAILED", Optional.empty(), run.error(), run.cause(), Optional.empty());
    };
  }

  private static String stateEntered(HistoryEvent e) {
    JsonNode d = e.details();
    return d == null ? "" : d.path("name").asText();
  }

  /** The error and cause of the last failed task event, if any. */
  private static Optional<String[]> lastFailure(List<HistoryEvent> events) {
    Optional<String[]> found = Optional.empty();
    for (HistoryEvent e : events) {
      if (e.type().endsWith("Failed") && !e.type().equals("ExecutionFailed")) {
        JsonNode d = e.details();
        if (d != null && d.has("error")) {
          found =
              Optional.of(
                  new String[] {
                    d.path("error").asText(), d.has("cause") ? d.path("cause").asText() : null
                  });
        }
      }
    }
    return found;
  }

  private static void collectTargets(JsonNode state, Set<String> out) {
    if (state.hasNonNull("Next")) {
      out.add(state.get("Next").asText());
    }
    if (state.hasNonNull("Default")) {
      out.add(state.get("Default").asText());
    }
    for (JsonNode c : state.path("Choices")) {
      if (c.hasNonNull("Next")) {
        out.add(c.get("Next").asText());
      }
    }
    for (JsonNode c : state.path("Catch")) {
      if (c.hasNonNull("Next")) {
        out.add(c.get("Next").asText());
      }
    }
  }

  private static JsonNode parse(String text, String field) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(field + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
