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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time of one execution of an inline Map over 10,000 items, each through a Choice and a Pass state
 * (about 40,000 history events).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InlineMapBenchmark {
  private Simulator simulator;
  private StateMachineDefinition definition;
  private JsonNode input;

  @Setup
  public void setUp() throws Exception {
    simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            // 60,006 events: past AWS's quota of 25,000, lifted to measure speed
            .historyEventLimit(100_000)
            .build();
    definition = DefinitionParser.parse(Machines.mapOfPassAndChoice());
    input = new ObjectMapper().readTree(Machines.items(10_000));
  }

  @Benchmark
  public ExecutionResult map10k() {
    return simulator.run(definition, input, RunOptions.defaults().withExecutionName("bench"));
  }
}
