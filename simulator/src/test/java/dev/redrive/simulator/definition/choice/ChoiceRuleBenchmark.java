package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.path.PathResolver;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluations of a compiled Choice rule per second, and, with {@code -prof gc}, the bytes allocated
 * per evaluation ({@code gc.alloc.rate.norm}, expected 0: rules are compiled once, so evaluation
 * compiles no regex, re-parses no literal and boxes nothing). The resolver hands out Optionals
 * built in advance, so it allocates nothing itself. Was {@code ChoiceRuleAllocationTest}, which
 * asserted on the allocation counter: a measurement, so it lives with the benchmarks.
 *
 * <pre>./mvnw -q -B -pl simulator -Pbench test-compile exec:exec -Dbench.args='ChoiceRule -prof gc'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChoiceRuleBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Param({
    "{\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":1.5}",
    "{\"Variable\":\"$.n\",\"NumericEqualsPath\":\"$.m\"}",
    "{\"Variable\":\"$.s\",\"StringLessThan\":\"zzz\"}",
    "{\"Variable\":\"$.s\",\"StringMatches\":\"log-*.t\\\\*t\"}",
    "{\"Variable\":\"$.b\",\"BooleanEquals\":true}",
    "{\"And\":[{\"Variable\":\"$.s\",\"IsString\":true},{\"Not\":{\"Variable\":\"$.x\",\"IsPresent\":true}}]}"
  })
  public String rule;

  private ChoiceRule compiled;
  private PathResolver resolver;

  @Setup
  public void setUp() throws IOException {
    compiled = ChoiceRules.compile(JSON.readTree(rule));
    JsonNode root = JSON.readTree("{\"n\":2,\"m\":2.0,\"s\":\"log-1.t*t\",\"b\":true}");
    Map<String, Optional<JsonNode>> values = new HashMap<>();
    root.properties().forEach(e -> values.put("$." + e.getKey(), Optional.of(e.getValue())));
    resolver = path -> values.getOrDefault(path, Optional.empty());
    if (!compiled.matches(resolver)) {
      throw new IllegalStateException("expected the rule " + rule + " to match, it did not");
    }
  }

  @Benchmark
  public boolean evaluate() {
    return compiled.matches(resolver);
  }
}
