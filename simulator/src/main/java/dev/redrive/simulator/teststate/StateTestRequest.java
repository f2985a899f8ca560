package dev.redrive.simulator.teststate;

import java.util.Objects;
import java.util.Optional;

/**
 * What a TestState request asks the tester to run (the fields of the {@code TestState} API that
 * change the run; the request checks are {@link
 * dev.redrive.simulator.validation.TestStateRequest}).
 *
 * @param definition the state, or a whole state machine with {@code stateName} naming the state
 * @param stateName the state of a whole state machine to test (default: its StartAt); a state
 *     inside a Map's ItemProcessor or a Parallel branch may be named too
 * @param input the input JSON text, empty for {@code {}}
 * @param mock the mocked result or error, if any
 * @param inspectionLevel how much {@code inspectionData} to answer
 * @param configuration {@code stateConfiguration}
 * @param context {@code context}: a context object ({@code $$}) as JSON text, laid over the one
 *     TestState makes
 * @param roleArn {@code roleArn}, reported as {@code $$.Execution.RoleArn}
 * @param variables {@code variables}: a JSON object of workflow variables in scope for the state
 */
public record StateTestRequest(
    String definition,
    Optional<String> stateName,
    Optional<String> input,
    Optional<StateTester.Mock> mock,
    InspectionLevel inspectionLevel,
    Configuration configuration,
    Optional<String> context,
    Optional<String> roleArn,
    Optional<String> variables) {
  public StateTestRequest {
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(mock, "mock");
    Objects.requireNonNull(inspectionLevel, "inspectionLevel");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(roleArn, "roleArn");
  }

  /** A request at the {@code INFO} level, without configuration, context, role or variables. */
  public static StateTestRequest of(
      String definition,
      Optional<String> stateName,
      Optional<String> input,
      Optional<StateTester.Mock> mock) {
    return new StateTestRequest(
        definition,
        stateName,
        input,
        mock,
        InspectionLevel.INFO,
        Configuration.NONE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** {@code inspectionLevel}: {@code INFO} answers no inspection data. */
  public enum InspectionLevel {
    INFO,
    DEBUG,
    TRACE;

    /** The level named {@code text}; {@code INFO} when null. */
    public static InspectionLevel parse(String text) {
      if (text == null) {
        return INFO;
      }
      for (InspectionLevel l : values()) {
        if (l.name().equals(text)) {
          return l;
        }
      }
      throw new IllegalArgumentException(
          "inspectionLevel must be one of INFO, DEBUG, TRACE, was '" + text + "'");
    }
  }

  /**
   * {@code stateConfiguration}.
   *
   * @param retrierRetryCount retries already made by the Retrier that matches the mocked error
   *     (default 0)
   * @param errorCausedByState the state inside a Map or Parallel where the mocked error happened
   * @param mapIterationFailureCount Map iterations that failed (default 0)
   * @param mapItemReaderData what a Distributed Map's ItemReader read, as text
   */
  public record Configuration(
      Optional<Integer> retrierRetryCount,
      Optional<String> errorCausedByState,
      Optional<Integer> mapIterationFailureCount,
      Optional<String> mapItemReaderData) {
    /** No configuration. */
    public static final Configuration NONE =
        new Configuration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Configuration {
      Objects.requireNonNull(retrierRetryCount, "retrierRetryCount");
      Objects.requireNonNull(errorCausedByState, "errorCausedByState");
      Objects.requireNonNull(mapIterationFailureCount, "mapIterationFailureCount");
      Objects.requireNonNull(mapItemReaderData, "mapItemReaderData");
      retrierRetryCount.ifPresent(n -> requireNotNegative("retrierRetryCount", n));
      mapIterationFailureCount.ifPresent(n -> requireNotNegative("mapIterationFailureCount", n));
    }

    private static void requireNotNegative(String field, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(field + " must be >= 0, was " + value);
      }
    }
  }
}
