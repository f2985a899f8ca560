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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * State transitions per second on one thread: one execution of a 100-state chain of Pass states
 * with Parameters (a path, a context path) and ResultPath, history recorded. The score is in
 * transitions (states run) per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PassChainBenchmark {
  static final int LENGTH = 100;

  private Simulator simulator;
  private StateMachineDefinition definition;
  private JsonNode input;
  private RunOptions options;

  @Setup
  public void setUp() throws Exception {
    simulator =
        Simulator.builder()
            .clock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")))
            .validateDefinitions(false)
            .build();
    definition = DefinitionParser.parse(Machines.passChain(LENGTH));
    input = new ObjectMapper().readTree("{\"value\": {\"a\": 1, \"b\": [1, 2, 3]}}");
    options = RunOptions.defaults().withExecutionName("bench");
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public ExecutionResult passChain() {
    return simulator.run(definition, input, options);
  }
}
