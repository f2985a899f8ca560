package dev.redrive.functions.config;

import dev.redrive.functions.controller.ControllerMode;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.sfn.ResilienceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The handler's settings, read from environment variables. Every variable, with its default:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>LEDGER_TABLE</td><td>(required)</td><td>the DynamoDB ledger table</td></tr>
 *   <tr><td>REDRIVE_QUEUE_URL</td><td>(required)</td><td>the controller's own SQS queue, for
 *       delayed redrives</td></tr>
 *   <tr><td>GIVE_UP_EVENT_BUS</td><td>default</td><td>bus of the "Redrive Given Up" events</td></tr>
 *   <tr><td>GIVE_UP_EVENT_SOURCE</td><td>redrive.controller</td><td>their source</td></tr>
 *   <tr><td>GIVE_UP_TOPIC_ARN</td><td>(none)</td><td>SNS topic for give-up messages</td></tr>
 *   <tr><td>POLICY_FILE</td><td>(the packaged redrive-policy.yaml)</td><td>policy file path</td></tr>
 *   <tr><td>AUDIT_TTL_DAYS</td><td>30</td><td>how long decisions stay in the ledger</td></tr>
 *   <tr><td>SFN_MAX_ATTEMPTS</td><td>5</td><td>attempts per Step Functions call on
 *       throttling</td></tr>
 *   <tr><td>SFN_REDRIVES_PER_SECOND</td><td>2</td><td>RedriveExecution calls per second per
 *       instance</td></tr>
 *   <tr><td>NESTED_CHECK</td><td>true</td><td>redrive a child only while its parent runs</td></tr>
 *   <tr><td>CONTROLLER_MODE</td><td>enforce</td><td>{@code shadow}: decide, log, audit and count,
 *       but act on nothing</td></tr>
 * </table>
 *
 * <p>{@code AWS_REGION} is set by Lambda and read by the AWS SDK.
 */
public record ControllerEnvironment(
    String ledgerTable,
    String queueUrl,
    String giveUpBus,
    String giveUpSource,
    Optional<String> giveUpTopicArn,
    Optional<Path> policyFile,
    ControllerSettings controller,
    ResilienceSettings resilience) {

  /** Exactly the variables this class reads; the SAM template sets these and no others. */
  public static final Set<String> NAMES =
      Set.of(
          "LEDGER_TABLE",
          "REDRIVE_QUEUE_URL",
          "GIVE_UP_EVENT_BUS",
          "GIVE_UP_EVENT_SOURCE",
          "GIVE_UP_TOPIC_ARN",
          "POLICY_FILE",
          "AUDIT_TTL_DAYS",
          "SFN_MAX_ATTEMPTS",
          "SFN_REDRIVES_PER_SECOND",
          "NESTED_CHECK",
          "CONTROLLER_MODE");

  public ControllerEnvironment {
    Objects.requireNonNull(ledgerTable, "ledgerTable");
    Objects.requireNonNull(queueUrl, "queueUrl");
    Objects.requireNonNull(giveUpBus, "giveUpBus");
    Objects.requireNonNull(giveUpSource, "giveUpSource");
    Objects.requireNonNull(giveUpTopicArn, "giveUpTopicArn");
    Objects.requireNonNull(policyFile, "policyFile");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(resilience, "resilience");
  }

  /**
   * Reads the variables, collecting every problem before failing.
   *
   * @throws IllegalArgumentException naming each missing or malformed variable, what was expected
   *     and what was found
   */
  public static ControllerEnvironment from(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String table = required(env, "LEDGER_TABLE", problems);
    String queue = required(env, "REDRIVE_QUEUE_URL", problems);
    int auditDays = integer(env, "AUDIT_TTL_DAYS", 30, 1, problems);
    int attempts = integer(env, "SFN_MAX_ATTEMPTS", 5, 1, problems);
    double perSecond = 2.0;
    String rate = env.get("SFN_REDRIVES_PER_SECOND");
    if (rate != null && !rate.isBlank()) {
      try {
        perSecond = Double.parseDouble(rate.trim());
        if (!(perSecond > 0)) {
          problems.add("SFN_REDRIVES_PER_SECOND must be > 0, was " + rate);
        }
      } catch (NumberFormatException e) {
        problems.add("SFN_REDRIVES_PER_SECOND must be a number, was '" + rate + "'");
      }
    }
    boolean nested = true;
    String nestedText = env.get("NESTED_CHECK");
    if (nestedText != null && !nestedText.isBlank()) {
      if (nestedText.trim().equalsIgnoreCase("true")
          || nestedText.trim().equalsIgnoreCase("false")) {
        nested = Boolean.parseBoolean(nestedText.trim());
      } else {
        problems.add("NESTED_CHECK must be true or false, was '" + nestedText + "'");
      }
    }
    ControllerMode mode = ControllerMode.ENFORCE;
    Optional<String> modeText = optional(env, "CONTROLLER_MODE");
    if (modeText.isPresent()) {
      try {
        mode = ControllerMode.parse(modeText.get());
      } catch (IllegalArgumentException e) {
        problems.add("CONTROLLER_MODE: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid controller environment: " + String.join("; ", problems));
    }
    ResilienceSettings d = ResilienceSettings.DEFAULTS;
    return new ControllerEnvironment(
        table,
        queue,
        optional(env, "GIVE_UP_EVENT_BUS").orElse("default"),
        optional(env, "GIVE_UP_EVENT_SOURCE").orElse("redrive.controller"),
        optional(env, "GIVE_UP_TOPIC_ARN"),
        optional(env, "POLICY_FILE").map(Path::of),
        new ControllerSettings(Duration.ofDays(auditDays), nested, mode),
        new ResilienceSettings(
            attempts,
            d.initialBackoff(),
            d.maxBackoff(),
            perSecond,
            d.rateLimitWait(),
            d.breakerFailureRatePercent(),
            d.breakerOpenFor()));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static String required(Map<String, String> env, String name, List<String> problems) {
    Optional<String> value = optional(env, name);
    if (value.isEmpty()) {
      problems.add(name + " is required and was not set");
      return "";
    }
    return value.get();
  }

  private static int integer(
      Map<String, String> env, String name, int fallback, int min, List<String> problems) {
    Optional<String> value = optional(env, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n < min) {
        problems.add(name + " must be >= " + min + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, was '" + value.get() + "'");
      return fallback;
    }
  }
}
