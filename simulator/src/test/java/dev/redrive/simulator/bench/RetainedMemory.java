package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.DefinitionParser;
import dev.redrive.simulator.definition.StateMachineDefinition;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the heap a finished execution keeps (its result and 100-event history): runs N
 * executions of a 49-state Pass chain (1 + 49 × 2 + 1 = 100 events), keeps the results, and
 * compares used heap after full GCs before and after.
 */
public final class RetainedMemory {
  private RetainedMemory() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    Simulator simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            .build();
    StateMachineDefinition definition = DefinitionParser.parse(Machines.passChain(49));
    JsonNode input = new ObjectMapper().readTree("{\"value\": {\"a\": 1, \"b\": [1, 2, 3]}}");
    // warm up, and check the history size
    ExecutionResult probe = simulator.run(definition, input, RunOptions.defaults());
    System.out.println("events per execution: " + probe.history().size());
    long before = usedAfterGc();
    List<ExecutionResult> kept = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kept.add(simulator.run(definition, input, RunOptions.defaults()));
    }
    long after = usedAfterGc();
    System.out.printf(
        "executions kept: %d, retained: %.1f MB, per execution: %.1f KB%n",
        kept.size(), (after - before) / 1e6, (after - before) / 1024.0 / kept.size());
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
