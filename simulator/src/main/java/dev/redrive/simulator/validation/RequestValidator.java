package dev.redrive.simulator.validation;

import java.util.List;

/**
 * The checks AWS makes on a request before it looks up any resource, one method per operation, in
 * the order AWS applies them: the API model's constraints first (lengths, ranges, enums, all
 * reported together), then ARN syntax, names, inputs and the rules between fields.
 *
 * <p>Each method throws {@link InvalidRequestException} with AWS's code and message; a request that
 * passes may still fail later (an ARN naming no resource, say).
 */
public final class RequestValidator {
  /** Largest {@code maxResults} of the List operations. */
  public static final int MAX_RESULTS = 1000;

  /** Longest definition AWS accepts, in characters (1 MiB). */
  public static final int MAX_DEFINITION = 1_048_576;

  /** Longest {@code nextToken} AWS accepts. */
  public static final int MAX_NEXT_TOKEN = 3096;

  /** The values of ListExecutions' {@code statusFilter}, in the order AWS lists them. */
  public static final List<String> EXECUTION_STATUSES =
      List.of("SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING");

  /** The values of CreateStateMachine's {@code type}. */
  public static final List<String> STATE_MACHINE_TYPES = List.of("STANDARD", "EXPRESS");

  private RequestValidator() {}

  /** CreateActivity: the activity name. */
  public static void createActivity(String name) {
    Names.check("name", name);
  }

  /**
   * DescribeStateMachine, DeleteStateMachine, ListStateMachineVersions, ...: a state machine ARN,
   * possibly qualified by a version or alias.
   */
  public static void stateMachineArn(String stateMachineArn) {
    Arns.require(stateMachineArn, ArnKind.STATE_MACHINE);
  }

  /**
   * DescribeExecution, StopExecution, RedriveExecution, GetExecutionHistory: an execution ARN,
   * standard or express.
   */
  public static void executionArn(String executionArn) {
    Arns.require(executionArn, ArnKind.EXECUTION, ArnKind.EXPRESS_EXECUTION);
  }

  /** RedriveExecution: the execution ARN and the optional client token (1 to 64 characters). */
  public static void redriveExecution(String executionArn, String clientToken) {
    new Constraints().length("clientToken", clientToken, 1, 64).check();
    executionArn(executionArn);
  }

  /** DescribeMapRun, UpdateMapRun: a map run ARN. */
  public static void mapRunArn(String mapRunArn) {
    Arns.require(mapRunArn, ArnKind.MAP_RUN);
  }

  /** DescribeActivity, DeleteActivity: the activity ARN. */
  public static void activityArn(String activityArn) {
    Arns.require(activityArn, ArnKind.ACTIVITY);
  }

  /** GetActivityTask: the activity ARN and the optional worker name (at most 80 characters). */
  public static void getActivityTask(String activityArn, String workerName) {
    new Constraints().length("workerName", workerName, 1, Names.MAX_LENGTH).check();
    activityArn(activityArn);
  }

  /**
   * CreateStateMachine: name, type, and {@code versionDescription}, which needs {@code publish}.
   *
   * @param publish {@code null} when absent (false)
   */
  public static void createStateMachine(
      String name, String type, Boolean publish, String versionDescription) {
    new Constraints().oneOf("type", type, STATE_MACHINE_TYPES).check();
    Names.check("name", name);
    versionDescription(publish, versionDescription);
  }

  /**
   * UpdateStateMachine: the ARN, at least one thing to update, and {@code versionDescription} only
   * with {@code publish}.
   */
  public static void updateStateMachine(
      String stateMachineArn,
      String definition,
      String roleArn,
      boolean hasLoggingConfiguration,
      boolean hasTracingConfiguration,
      Boolean publish,
      String versionDescription) {
    Arns.require(stateMachineArn, ArnKind.STATE_MACHINE);
    if (definition == null
        && roleArn == null
        && !hasLoggingConfiguration
        && !hasTracingConfiguration) {
      throw new InvalidRequestException(
          InvalidRequestException.MISSING_REQUIRED_PARAMETER,
          "Either the definition, the role ARN, the LoggingConfiguration, or the"
              + " TracingConfiguration must be specified");
    }
    versionDescription(publish, versionDescription);
  }

  /**
   * StartExecution, StartSyncExecution: the state machine ARN (possibly qualified by a version or
   * alias), the optional execution name and the input.
   */
  public static void startExecution(String stateMachineArn, String name, String input) {
    new Constraints().length("name", name, 1, Names.MAX_LENGTH).check();
    Arns.require(stateMachineArn, ArnKind.STATE_MACHINE);
    if (name != null) {
      Names.check("name", name);
    }
    ExecutionInput.check(input);
  }

  /**
   * CreateStateMachine, UpdateStateMachine, ValidateStateMachineDefinition: the definition's size
   * (1 MiB). The definition is sensitive, so the message names the field without its value, as AWS
   * does.
   */
  public static void definitionSize(String definition) {
    if (definition != null && (definition.isEmpty() || definition.length() > MAX_DEFINITION)) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member"
              + " must have length "
              + (definition.isEmpty()
                  ? "greater than or equal to 1"
                  : "less than or equal to " + MAX_DEFINITION));
    }
  }

  /**
   * CreateStateMachine, UpdateStateMachine: the role is an IAM role ARN ({@code
   * arn:<partition>:iam::<account>:role/<name>}), 1 to 256 characters.
   *
   * @throws InvalidRequestException {@code ValidationException} for the length, {@code InvalidArn}
   *     for anything that is not an IAM role ARN
   */
  public static void roleArn(String roleArn) {
    new Constraints().length("roleArn", roleArn, 1, 256).check();
    if (roleArn == null) {
      return;
    }
    String[] parts = roleArn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty()) {
      throw new InvalidRequestException(
          InvalidRequestException.INVALID_ARN,
          "Invalid Arn: 'Invalid ARN prefix: " + roleArn + "'");
    }
    if (!parts[2].equals("iam") || !parts[5].startsWith("role/") || parts[5].length() == 5) {
      throw new InvalidRequestException(
          InvalidRequestException.INVALID_ARN,
          "Invalid Arn: 'Resource type not valid in this context: " + parts[2] + "'");
    }
  }

  /**
   * DescribeExecution, DescribeStateMachine, DescribeStateMachineForExecution: {@code includedData}
   * is {@code ALL_DATA} or {@code METADATA_ONLY}.
   */
  public static void includedData(String includedData) {
    new Constraints()
        .oneOf("includedData", includedData, List.of("ALL_DATA", "METADATA_ONLY"))
        .check();
  }

  /**
   * ListExecutions: paging, the status filter, and the state machine or map run ARN.
   *
   * @param stateMachineArn {@code null} when a map run is listed instead
   * @param mapRunArn {@code null} when a state machine is listed
   */
  public static void listExecutions(
      String stateMachineArn,
      String mapRunArn,
      Integer maxResults,
      String nextToken,
      String statusFilter) {
    paging(maxResults, nextToken).oneOf("statusFilter", statusFilter, EXECUTION_STATUSES).check();
    if (stateMachineArn != null) {
      Arns.require(stateMachineArn, ArnKind.STATE_MACHINE);
    }
    if (mapRunArn != null) {
      Arns.require(mapRunArn, ArnKind.MAP_RUN);
    }
  }

  /**
   * Any List operation's paging ({@code maxResults} 0 to 1000, {@code nextToken} 1 to 3096
   * characters) and, for the ones that take it, the state machine ARN.
   *
   * @param stateMachineArn {@code null} for operations without one (ListStateMachines,
   *     ListActivities)
   */
  public static void list(String stateMachineArn, Integer maxResults, String nextToken) {
    paging(maxResults, nextToken).check();
    if (stateMachineArn != null) {
      Arns.require(stateMachineArn, ArnKind.STATE_MACHINE);
    }
  }

  /**
   * TestState: the definition, then the mock, the state configuration and the role, as AWS checks
   * them.
   *
   * @throws dev.redrive.simulator.definition.validation.InvalidDefinitionException when the
   *     definition is invalid, or names a Map or Parallel state without a mock
   * @throws InvalidRequestException {@code ValidationException} for a mock or configuration AWS
   *     refuses, or a Task state without a role or mock
   */
  public static void testState(TestStateRequest request) {
    TestStateChecks.check(request);
  }

  private static Constraints paging(Integer maxResults, String nextToken) {
    return new Constraints()
        .maxValue("maxResults", maxResults, MAX_RESULTS)
        .minValue("maxResults", maxResults, 0)
        .length("nextToken", nextToken, 1, MAX_NEXT_TOKEN);
  }

  private static void versionDescription(Boolean publish, String versionDescription) {
    if (versionDescription != null && !Boolean.TRUE.equals(publish)) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Version description can only be set when publish is true");
    }
  }
}
