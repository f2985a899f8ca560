package dev.redrive.cli.policy;

import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.InstantConverter;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.cli.replay.EventFiles;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.Explanation;
import dev.redrive.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code redrive policy explain --policy FILE [--now ISO-8601] [--json] EVENT.json}: the decision
 * for one event, and why: the steps before the rules, then every rule with each field of its match.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {"The decision a policy makes for one event, and why.", ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a decision was made",
      "2:bad usage, an invalid policy, or a malformed event"
    })
public final class ExplainCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec private CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "the policy file (YAML)")
  private Path policyFile;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      converter = InstantConverter.class,
      description = "the time to decide at, for the 14-day redrivable period (default: the clock)")
  private Instant now;

  @Option(
      names = "--failed-state",
      paramLabel = "STATE",
      description =
          "the state the execution failed in, as the controller finds it in the history"
              + " (for failedStates)")
  private String failedState;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "seed of the random generator for full jitter (default: ${DEFAULT-VALUE})")
  private long seed;

  @Option(
      names = "--json",
      description =
          "print the decision as JSON: {\"action\", \"delaySeconds\", \"rule\", \"reason\"}")
  private boolean json;

  @Parameters(index = "0", paramLabel = "EVENT.json", description = "one EventBridge event")
  private Path eventFile;

  /** The command, taking "now" from {@code clock} when {@code --now} is not given. */
  public ExplainCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Policy policy = PolicyFiles.load(policyFile);
    ExecutionEvent event = readEvent();
    if (failedState != null) {
      event = event.withFailedState(failedState);
    }
    Instant at = now != null ? now : clock.instant();
    Explanation explanation = policy.explain(event, at, new SplittableRandom(seed));
    if (json) {
      out.println(explanation.decision().toJson());
      return ExitCodes.OK;
    }
    out.println("event:  " + eventFile);
    out.println("        " + describe(event));
    out.println("now:    " + at);
    out.println("policy: " + policyFile);
    out.println();
    out.print(explanation.toText());
    return ExitCodes.OK;
  }

  /** The event, read as {@code replay} reads its inputs (see {@link EventFiles}). */
  private ExecutionEvent readEvent() {
    return EventFiles.readOne(eventFile);
  }

  /** The facts of the event a policy looks at: its ARN, then status, counts and error. */
  static String describe(ExecutionEvent event) {
    StringBuilder text = new StringBuilder();
    text.append(event.executionArn());
    text.append("\n        status ").append(event.status().isEmpty() ? "(none)" : event.status());
    text.append(", redriveCount ").append(event.redriveCount());
    event.redriveStatus().ifPresent(status -> text.append(", redriveStatus ").append(status));
    text.append(", error ").append(event.error().orElse("(none)"));
    event.failedState().ifPresent(state -> text.append(", failed state ").append(state));
    return text.toString();
  }
}
