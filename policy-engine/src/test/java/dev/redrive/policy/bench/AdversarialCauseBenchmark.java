package dev.redrive.policy.bench;

import dev.redrive.policy.Decision;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per decision when every rule runs a pattern that makes a backtracking engine take
 * exponential time ({@code bench/adversarial-causes.yaml}) over a cause of {@code length}
 * characters: all a's ({@code ones}) or a's with an x every 64 ({@code broken}). The target: any
 * cause up to 32 KiB decided in under 1 ms. See policy-engine/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdversarialCauseBenchmark {
  private static final Instant NOW = Instant.parse("2023-11-16T07:00:00Z");

  @Param({"31", "1024", "32768"})
  public int length;

  @Param({"ones", "broken"})
  public String shape;

  private Policy policy;
  private ExecutionEvent event;
  private final SplittableRandom random = new SplittableRandom(42);

  /** Loads the policy and builds the event with the cause. */
  @Setup
  public void setUp() {
    policy = PolicyLoader.parse(resource("bench/adversarial-causes.yaml"), "adversarial");
    StringBuilder cause = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      cause.append(shape.equals("broken") && i % 64 == 63 ? 'x' : 'a');
    }
    String json = resource("test-events/failed-lambda-redrive-count-0.json");
    event =
        EventParser.parse(
            json.replaceFirst("\"cause\": \"[^\"]*\"", "\"cause\": \"" + cause + "\""));
    if (!event.cause().orElseThrow().equals(cause.toString())) {
      throw new IllegalStateException("the cause was not replaced");
    }
  }

  /** One decision: all five patterns searched over the whole cause, then the last rule. */
  @Benchmark
  public Decision decideAdversarialCause() {
    return policy.decide(event, NOW, random);
  }

  private static String resource(String name) {
    try (InputStream in =
        AdversarialCauseBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
