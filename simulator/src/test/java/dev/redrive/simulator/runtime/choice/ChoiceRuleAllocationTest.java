package dev.redrive.simulator.runtime.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.path.PathResolver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules are compiled once and evaluated on every pass through a Choice state, so evaluation must
 * not allocate: no regex compiled, no literal re-parsed, no boxing. Measured with the JVM's
 * per-thread allocation counter, against a resolver that allocates nothing itself.
 */
class ChoiceRuleAllocationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS = 200_000;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":1.5}",
        "{\"Variable\":\"$.n\",\"NumericEqualsPath\":\"$.m\"}",
        "{\"Variable\":\"$.s\",\"StringLessThan\":\"zzz\"}",
        "{\"Variable\":\"$.s\",\"StringMatches\":\"log-*.t\\\\*t\"}",
        "{\"Variable\":\"$.b\",\"BooleanEquals\":true}",
        "{\"And\":[{\"Variable\":\"$.s\",\"IsString\":true},{\"Not\":{\"Variable\":\"$.x\","
            + "\"IsPresent\":true}}]}",
      })
  void evaluatesWithoutAllocating(String json) throws IOException {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "per-thread allocation counter unavailable");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ChoiceRule rule = ChoiceRules.compile(JSON.readTree(json));
    PathResolver resolver = preresolved("{\"n\":2,\"m\":2.0,\"s\":\"log-1.t*t\",\"b\":true}");
    boolean expected = rule.matches(resolver);
    for (int i = 0; i < RUNS; i++) {
      rule.matches(resolver);
    }

    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    int agreeing = 0;
    for (int i = 0; i < RUNS; i++) {
      agreeing += rule.matches(resolver) == expected ? 1 : 0;
    }
    long perRun = (threads.getThreadAllocatedBytes(thread) - before) / RUNS;

    assertThat(expected).isTrue();
    assertThat(agreeing).isEqualTo(RUNS);
    assertThat(perRun).as("bytes allocated per evaluation").isLessThan(2);
  }

  /** A resolver that hands out Optionals built in advance, so it allocates nothing itself. */
  private static PathResolver preresolved(String input) throws IOException {
    JsonNode root = JSON.readTree(input);
    Map<String, Optional<JsonNode>> values = new HashMap<>();
    root.properties().forEach(e -> values.put("$." + e.getKey(), Optional.of(e.getValue())));
    return path -> values.getOrDefault(path, Optional.empty());
  }
}
