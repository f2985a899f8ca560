package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.DefinitionParser;
import dev.redrive.simulator.definition.StateMachineDefinition;
import dev.redrive.simulator.runtime.VirtualClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;

/**
 * CPU time of the executing thread for one run of the 10,000-item Map, inline and distributed:
 * unlike JMH's wall-clock figures, it barely moves when other processes load the machine (it leaves
 * out the garbage collector's threads). 30 runs to warm up, then the median of 20.
 */
public final class MapCpuTime {
  private MapCpuTime() {}

  public static void main(String[] args) throws Exception {
    JsonNode input = new ObjectMapper().readTree(Machines.items(10_000));
    measure("inline", Machines.mapOfPassAndChoice(), input);
    measure("distributed", Machines.distributedMapOfPassAndChoice(), input);
  }

  private static void measure(String name, String definition, JsonNode input) {
    Simulator simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            .build();
    StateMachineDefinition parsed = DefinitionParser.parse(definition);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 30; i++) {
      simulator.run(parsed, input, RunOptions.defaults());
    }
    double[] ms = new double[20];
    for (int i = 0; i < ms.length; i++) {
      long start = threads.getCurrentThreadCpuTime();
      simulator.run(parsed, input, RunOptions.defaults());
      ms[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        "%s: thread CPU per run, median %.1f ms (min %.1f, max %.1f)%n",
        name, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
  }
}
