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
 * Time of one execution of a Distributed Map over 10,000 items, each a Standard child execution
 * through a Choice and a Pass state: a map run, 10,000 children and their histories (6 events
 * each).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DistributedMapBenchmark {
  private Simulator simulator;
  private StateMachineDefinition definition;
  private JsonNode input;

  @Setup
  public void setUp() throws Exception {
    simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            .build();
    definition = DefinitionParser.parse(Machines.distributedMapOfPassAndChoice());
    input = new ObjectMapper().readTree(Machines.items(10_000));
  }

  @Benchmark
  public ExecutionResult distributedMap10k() {
    return simulator.run(definition, input, RunOptions.defaults().withExecutionName("bench"));
  }
}
