package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.DefinitionParser;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the heap kept by one finished execution of the 10,000-item Map, inline and distributed:
 * the result and history, and for the distributed one also its map run as the service keeps it
 * (10,000 Standard child executions with their 6-event histories). Used heap after full GCs, before
 * and after.
 */
public final class MapRunMemory {
  private MapRunMemory() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    JsonNode input = new ObjectMapper().readTree(Machines.items(items));
    measure("inline", Machines.mapOfPassAndChoice(), input);
    measure("distributed", Machines.distributedMapOfPassAndChoice(), input);
  }

  private static void measure(String name, String definition, JsonNode input) throws Exception {
    List<MapRun> kept = new ArrayList<>();
    Simulator simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            .build();
    simulator.onMapRunStarted(kept::add);
    var parsed = DefinitionParser.parse(definition);
    simulator.run(parsed, input, RunOptions.defaults()); // warm up
    kept.clear();
    long before = usedAfterGc();
    long cpu = System.nanoTime();
    ExecutionResult r = simulator.run(parsed, input, RunOptions.defaults());
    long took = System.nanoTime() - cpu;
    long after = usedAfterGc();
    long children = kept.stream().mapToLong(m -> m.snapshot().executionCounts().total()).sum();
    System.out.printf(
        "%s: %s, %d parent events, %d child executions kept, retained %.1f MB, one run %.0f ms%n",
        name, r.status(), r.history().size(), children, (after - before) / 1e6, took / 1e6);
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
