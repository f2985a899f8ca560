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
 * out the garbage collector's threads). 30 runs to warm up, then the median of 20. With the
 * argument {@code pass-chain}, also the 100-Pass chain of {@code PassChainBenchmark} (2,000 runs to
 * warm up), as transitions per CPU second.
 */
public final class MapCpuTime {
  private MapCpuTime() {}

  public static void main(String[] args) throws Exception {
    JsonNode input = new ObjectMapper().readTree(Machines.items(10_000));
    measure("inline", Machines.mapOfPassAndChoice(), input);
    measure("distributed", Machines.distributedMapOfPassAndChoice(), input);
    if (args.length > 0 && args[0].equals("pass-chain")) {
      JsonNode chainInput =
          new ObjectMapper().readTree("{\"value\": {\"a\": 1, \"b\": [1, 2, 3]}}");
      double median = measure("100-Pass chain", Machines.passChain(100), chainInput, 2_000, 100);
      System.out.printf("100-Pass chain: %.0f transitions per CPU second%n", 100 * 1000 / median);
    }
  }

  private static double measure(String name, String definition, JsonNode input) {
    return measure(name, definition, input, 30, 1);
  }

  /**
   * Runs {@code warmUp} times, then prints and returns the median thread CPU ms per run of 20
   * samples of {@code perSample} runs each.
   */
  private static double measure(
      String name, String definition, JsonNode input, int warmUp, int perSample) {
    Simulator simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            .build();
    StateMachineDefinition parsed = DefinitionParser.parse(definition);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < warmUp; i++) {
      simulator.run(parsed, input, RunOptions.defaults());
    }
    double[] ms = new double[20];
    for (int i = 0; i < ms.length; i++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int k = 0; k < perSample; k++) {
        simulator.run(parsed, input, RunOptions.defaults());
      }
      ms[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6 / perSample;
    }
    Arrays.sort(ms);
    System.out.printf(
        "%s: thread CPU per run, median %.3f ms (min %.3f, max %.3f)%n",
        name, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    return ms[ms.length / 2];
  }
}
