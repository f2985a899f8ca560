package dev.redrive.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.cli.BadInputException;
import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.validation.InvalidDefinitionException;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.runtime.VirtualClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code redrive run DEFINITION.json [--input JSON|@FILE] [--history] [--json]}: runs one execution
 * of a state machine in-process on the simulator and prints how it ended.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run one execution of a state machine definition in-process on the simulator and print how"
          + " it ended (and, with --history, its GetExecutionHistory events).",
      "Waits, retries and timeouts take no real time unless --real-time is given.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the execution succeeded",
      "1:the execution failed, timed out or was aborted",
      "2:bad usage, an unreadable file, input that is not JSON, or an invalid definition"
    })
public final class RunCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEFINITION.json", description = "the ASL definition")
  private Path definition;

  @Option(
      names = "--input",
      paramLabel = "JSON|@FILE",
      description = "the execution input: JSON text, or @ and a file name (default: {})")
  private String input = "{}";

  @Option(names = "--history", description = "also print the execution history")
  private boolean history;

  @Option(
      names = "--json",
      description = "print JSON: the result, and the history under \"events\"")
  private boolean json;

  @Option(names = "--name", description = "the execution name (default: local-execution)")
  private String name = "local-execution";

  @Option(
      names = "--real-time",
      description = "let Wait states, retries and timeouts take real time")
  private boolean realTime;

  /** A command whose virtual clock starts at {@code clock}'s now. */
  public RunCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    String definitionText = PolicyFiles.read(definition, "state machine definition");
    String inputText =
        input.startsWith("@") ? PolicyFiles.read(Path.of(input.substring(1)), "input") : input;
    SimClock simClock = realTime ? SimClock.system() : new VirtualClock(clock.instant());
    Simulator simulator = Simulator.builder().clock(simClock).build();
    ExecutionResult result;
    try {
      result =
          simulator.run(
              definitionText,
              inputText,
              RunOptions.defaults()
                  .withExecutionName(name)
                  .withStateMachineName(stateMachineName(definition)));
    } catch (InvalidDefinitionException e) {
      throw new BadInputException(definition + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--input: expected JSON, " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode document = result.toJson();
      if (history) {
        document.set("events", HistoryJson.response(result.history()).get("events"));
      }
      out.println(document);
    } else {
      printForPeople(result, out);
    }
    return result.status() == ExecutionStatus.SUCCEEDED ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private void printForPeople(ExecutionResult result, PrintWriter out) {
    if (history) {
      for (HistoryEvent event : result.history()) {
        out.printf(
            "%4d %4d  %-32s %s%n",
            event.id(), event.previousEventId(), event.type(), summary(event));
      }
      out.println();
    }
    out.println("status: " + result.status());
    result.output().ifPresent(o -> out.println("output: " + HistoryJson.text(o)));
    result.error().ifPresent(e -> out.println("error:  " + e));
    result.cause().ifPresent(c -> out.println("cause:  " + c));
  }

  /** The state's name, or the error, of a history event: what a person scans for. */
  private static String summary(HistoryEvent event) {
    ObjectNode details = event.details();
    if (details == null) {
      return "";
    }
    if (details.hasNonNull("name")) {
      return details.get("name").asText();
    }
    if (details.hasNonNull("error")) {
      return details.get("error").asText();
    }
    return "";
  }

  /** The file name without its extensions, as the state machine's name in ARNs. */
  private static String stateMachineName(Path definition) {
    String file = definition.getFileName().toString();
    int dot = file.indexOf('.');
    String base = dot > 0 ? file.substring(0, dot) : file;
    String cleaned = base.replaceAll("[^A-Za-z0-9_-]", "-");
    return cleaned.isEmpty() ? "LocalStateMachine" : cleaned;
  }
}
