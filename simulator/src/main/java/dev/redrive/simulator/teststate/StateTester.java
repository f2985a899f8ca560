package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.DefinitionParser;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code TestState}: runs one state on an input, with an optional mocked result or error, and
 * reports its status, output, error, next state and, at the {@code DEBUG} and {@code TRACE} levels,
 * its inspection data.
 *
 * <p>The state runs as the only state of an Express-like execution whose other states are stand-ins
 * that end the run, so its output and the state it moves to can be read from the run. As in AWS
 * (developer guide, "Using TestState API to test a state"):
 *
 * <ul>
 *   <li>one attempt runs: an error that a Retrier still retries gives {@code RETRIABLE} with the
 *       Retrier's index and the backoff before the next attempt ({@code
 *       stateConfiguration.retrierRetryCount} says how many retries were made already); a Catcher
 *       gives {@code CAUGHT_ERROR} and the Catcher's next state;
 *   <li>a mocked Map or Parallel state does not run its iterations or branches: the mock is the
 *       state's result (or error), and {@code mapIterationFailureCount} iterations beyond the Map's
 *       tolerated failures give {@code States.ExceedToleratedFailureThreshold};
 *   <li>the context object is the one of TestState's own execution: an {@code express:} execution
 *       ARN, the request's role, no {@code RedriveCount}; a state given alone is named {@value
 *       #DEFAULT_NAME} (as AWS's recorded answers show), and the request's {@code context} is laid
 *       over it; the request's {@code variables} are in scope.
 * </ul>
 */
public final class StateTester {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The name a state given alone runs under ({@code $$.State.Name}). */
  public static final String DEFAULT_NAME = "StateName";

  /** The resource of the Task that stands in for a mocked Map or Parallel state. */
  private static final String STAND_IN_RESOURCE = "arn:aws:states:::teststate:mocked";

  static final String THRESHOLD_ERROR = "States.ExceedToleratedFailureThreshold";
  static final String THRESHOLD_CAUSE = "The specified tolerated failure threshold was exceeded";

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
   * @param status {@code SUCCEEDED}, {@code FAILED}, {@code CAUGHT_ERROR} or {@code RETRIABLE}
   * @param inspectionData AWS's {@code inspectionData} (its data fields hold JSON text), empty at
   *     the {@code INFO} level
   */
  public record Result(
      String status,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause,
      Optional<String> nextState,
      Optional<ObjectNode> inspectionData) {
    public Result {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(nextState, "nextState");
      Objects.requireNonNull(inspectionData, "inspectionData");
    }
  }

  /**
   * Runs the state at the {@code INFO} level.
   *
   * @see #test(StateTestRequest)
   */
  public Result test(
      String definition, Optional<String> stateName, String input, Optional<Mock> mock) {
    return test(StateTestRequest.of(definition, stateName, Optional.ofNullable(input), mock));
  }

  /**
   * Runs the state.
   *
   * @throws IllegalArgumentException when the definition, input, mock result or context is not
   *     JSON, or the named state is not in the definition
   */
  public Result test(StateTestRequest request) {
    JsonNode def = parse(request.definition(), "definition");
    TestedState tested = TestedState.find(def, request.stateName());
    JsonNode input = parse(request.input().orElse("{}"), "input");
    Optional<ObjectNode> givenContext = Optional.empty();
    if (request.context().isPresent()) {
      JsonNode c = parse(request.context().get(), "context");
      if (!c.isObject()) {
        throw new IllegalArgumentException(
            "context must be a JSON object, was " + c.getNodeType().name().toLowerCase());
      }
      givenContext = Optional.of((ObjectNode) c);
    }
    Map<String, JsonNode> variables = variables(request.variables());
    Optional<MockResult> mocked =
        request.mock().map(m -> mockResult(m, tested, request, input, variables));

    ObjectNode state = standIn(tested, mocked.isPresent());
    Set<String> targets = new LinkedHashSet<>();
    collectTargets(state, targets);
    targets.remove(tested.name());
    ObjectNode machine = NODES.objectNode();
    tested.queryLanguage().ifPresent(q -> machine.put("QueryLanguage", q));
    machine.put("StartAt", tested.name());
    ObjectNode states = machine.putObject("States");
    states.set(tested.name(), state);
    for (String t : targets) {
      states.putObject(t).put("Type", "Succeed");
    }

    String machineName = UUID.randomUUID().toString();
    String executionName = UUID.randomUUID().toString();
    String machineArn = simulator.stateMachineArn(machineName);
    String executionArn = machineArn.replace(":stateMachine:", ":express:") + ":" + executionName;
    AtomicReference<ObjectNode> seen = new AtomicReference<>();
    Optional<ObjectNode> overlay = givenContext;
    int retries = request.configuration().retrierRetryCount().orElse(0);
    RunOptions options =
        RunOptions.defaults()
            .withStateMachineName(machineName)
            .withExecutionName(executionName)
            .withExecutionArn(executionArn)
            .withContextEdit(
                ctx -> {
                  ObjectNode edited = testStateContext(ctx, retries, overlay);
                  // the tested state's own context (not a stand-in's), for the inspection data
                  if (ctx.path("State").path("Name").asText().equals(tested.name())) {
                    seen.set(edited);
                  }
                  return edited;
                });
    if (request.roleArn().isPresent()) {
      options = options.withRoleArn(request.roleArn().get());
    }
    options = options.withVariables(variables);
    if (mocked.isPresent()) {
      MockedResponse response =
          new MockedResponse("TestState", List.of(new MockedResponse.Range(0, 0, mocked.get())));
      options =
          options.withMocks(
              new TestCase(machineName, "TestState", Map.of(tested.name(), response)));
    }
    ExecutionResult run = simulator.run(DefinitionParser.parse(machine.toString()), input, options);

    Outcome outcome = outcome(run, targets);
    Inspection inspection =
        new Inspection(
            tested,
            input,
            seen.get() != null ? seen.get() : testStateContext(NODES.objectNode(), 0, overlay),
            variables,
            mocked,
            taskResult(run.history()));
    ObjectNode errorDetails = NODES.objectNode();
    if (outcome.error().isPresent()) {
      String error = outcome.error().get();
      Optional<Retries.Decision> retry = Retries.decide(tested.state(), error, retries);
      if (retry.isPresent()) {
        errorDetails.put("retryIndex", retry.get().index());
        if (retry.get().retriable()) {
          errorDetails.put("retryBackoffIntervalSeconds", retry.get().backoffSeconds());
          return new Result(
              "RETRIABLE",
              Optional.empty(),
              outcome.error(),
              outcome.cause(),
              Optional.empty(),
              inspection.data(request.inspectionLevel(), false, errorDetails));
        }
      }
      if (outcome.status().equals("CAUGHT_ERROR")) {
        Retries.catchIndex(tested.state(), error).ifPresent(i -> errorDetails.put("catchIndex", i));
      }
    }
    return new Result(
        outcome.status(),
        outcome.output(),
        outcome.error(),
        outcome.cause(),
        outcome.nextState(),
        inspection.data(
            request.inspectionLevel(), outcome.status().equals("SUCCEEDED"), errorDetails));
  }

  /** How the one-state run ended, before Retry is considered. */
  private record Outcome(
      String status,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause,
      Optional<String> nextState) {}

  private static Outcome outcome(ExecutionResult run, Set<String> targets) {
    Optional<String> next = Optional.empty();
    for (HistoryEvent e : run.history()) {
      if (e.type().endsWith("StateEntered") && targets.contains(stateEntered(e))) {
        next = Optional.of(stateEntered(e));
      }
    }
    Optional<String[]> failure = lastFailure(run.history());
    if (next.isPresent() && failure.isPresent()) {
      return new Outcome(
          "CAUGHT_ERROR",
          run.output(),
          Optional.ofNullable(failure.get()[0]),
          Optional.ofNullable(failure.get()[1]),
          next);
    }
    return switch (run.status()) {
      case SUCCEEDED ->
          new Outcome("SUCCEEDED", run.output(), Optional.empty(), Optional.empty(), next);
      default ->
          new Outcome("FAILED", Optional.empty(), run.error(), run.cause(), Optional.empty());
    };
  }

  /**
   * TestState's context object: the execution's without {@code RedriveCount}, with the retries
   * already made, and the request's context laid over it.
   */
  private static ObjectNode testStateContext(
      ObjectNode ctx, int retries, Optional<ObjectNode> overlay) {
    ObjectNode out = ctx.deepCopy();
    if (out.path("Execution") instanceof ObjectNode exec) {
      exec.remove("RedriveCount");
    }
    if (out.path("State") instanceof ObjectNode st && st.has("RetryCount")) {
      st.put("RetryCount", retries);
    }
    overlay.ifPresent(o -> layOver(out, o));
    return out;
  }

  private static void layOver(ObjectNode target, ObjectNode over) {
    over.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode t) {
                layOver(t, (ObjectNode) e.getValue());
              } else {
                target.set(e.getKey(), e.getValue().deepCopy());
              }
            });
  }

  /**
   * The state that runs: the tested one without Retry (TestState makes one attempt); a mocked Map
   * or Parallel becomes a Task with the same input and output processing, whose mocked result is
   * the Map's or Parallel's result.
   */
  private static ObjectNode standIn(TestedState tested, boolean mocked) {
    JsonNode s = tested.state();
    if (mocked && (tested.type().equals("Map") || tested.type().equals("Parallel"))) {
      ObjectNode task = NODES.objectNode();
      task.put("Type", "Task");
      task.put("Resource", STAND_IN_RESOURCE);
      for (String f :
          List.of(
              "Comment",
              "QueryLanguage",
              "InputPath",
              "ResultSelector",
              "ResultPath",
              "OutputPath",
              "Output",
              "Assign",
              "Catch",
              "Next",
              "End")) {
        if (s.has(f)) {
          task.set(f, s.get(f).deepCopy());
        }
      }
      return task;
    }
    ObjectNode copy = s.deepCopy();
    copy.remove("Retry");
    return copy;
  }

  /** The mock as the stand-in's response; a Map's failed iterations may turn it into an error. */
  private static MockResult mockResult(
      Mock mock,
      TestedState tested,
      StateTestRequest request,
      JsonNode input,
      Map<String, JsonNode> variables) {
    if (mock.result().isEmpty()) {
      return new MockResult.Throw(mock.error().orElse(""), mock.cause());
    }
    JsonNode result = parse(mock.result().get(), "mock.result");
    if (tested.type().equals("Map")) {
      int failed = request.configuration().mapIterationFailureCount().orElse(0);
      int items = result.isArray() ? result.size() : 0;
      if (MapFields.exceedsTolerance(tested, input, variables, failed, items)) {
        return new MockResult.Throw(THRESHOLD_ERROR, Optional.of(THRESHOLD_CAUSE));
      }
    }
    return new MockResult.Return(result);
  }

  /** The request's variables: a JSON object, by name. */
  private static Map<String, JsonNode> variables(Optional<String> text) {
    if (text.isEmpty()) {
      return Map.of();
    }
    JsonNode v = parse(text.get(), "variables");
    if (!v.isObject()) {
      throw new IllegalArgumentException(
          "variables must be a JSON object, was " + v.getNodeType().name().toLowerCase());
    }
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static String stateEntered(HistoryEvent e) {
    JsonNode d = e.details();
    return d == null ? "" : d.path("name").asText();
  }

  /** The result of the Task's call, from its {@code TaskSucceeded} or Lambda event, if any. */
  private static Optional<JsonNode> taskResult(List<HistoryEvent> events) {
    for (HistoryEvent e : events) {
      if (e.type().equals("TaskSucceeded") || e.type().equals("LambdaFunctionSucceeded")) {
        JsonNode out = e.details() == null ? null : e.details().get("output");
        if (out != null) {
          if (out.isTextual()) {
            try {
              return Optional.of(JSON.readTree(out.asText()));
            } catch (JsonProcessingException ex) {
              return Optional.of(out);
            }
          }
          return Optional.of(out);
        }
      }
    }
    return Optional.empty();
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

  static JsonNode parse(String text, String field) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(field + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
