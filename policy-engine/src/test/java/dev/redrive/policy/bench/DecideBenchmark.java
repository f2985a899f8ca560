package dev.redrive.policy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of {@link Policy#decide} for the 20-rule policy {@code
 * bench/twenty-rules.yaml} on events already parsed: the worst case (the captured failure matches
 * only the last rule) and a typical mix (early and late rules, give-ups, decisions before the
 * rules). Also parse + decide from the event's JSON, which is what the controller does per message.
 * See policy-engine/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecideBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2023-11-16T07:00:00Z");
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  private Policy policy;
  private ExecutionEvent lastRuleEvent;
  private ExecutionEvent[] mix;
  private String lastRuleJson;
  private int next;
  private final SplittableRandom random = new SplittableRandom(42);

  /** Loads the policy and parses the events once. */
  @Setup
  public void setUp() {
    policy = PolicyLoader.parse(resource("bench/twenty-rules.yaml"), "twenty-rules.yaml");
    lastRuleJson = resource("test-events/failed-lambda-redrive-count-0.json");
    lastRuleEvent = EventParser.parse(lastRuleJson);
    List<ExecutionEvent> events = new ArrayList<>();
    events.add(lastRuleEvent);
    events.add(event("failed-lambda-redrive-count-2.json", detail -> {}));
    events.add(event("failed-lambda-redrive-count-2.json", d -> d.put("redriveCount", 3)));
    events.add(event("running-after-redrive-not-redrivable.json", detail -> {}));
    events.add(event("succeeded-after-redrives.json", detail -> {}));
    events.add(
        event(
            "failed-lambda-redrive-count-0.json",
            d -> d.put("stateMachineArn", ARN + "team-3-orders")));
    events.add(event("failed-lambda-redrive-count-0.json", d -> d.put("error", "States.Runtime")));
    events.add(
        event("failed-lambda-redrive-count-1.json", d -> d.put("stopDate", 1_698_000_000_000L)));
    events.add(
        event(
            "failed-lambda-redrive-count-1.json",
            d -> d.put("redriveStatus", "NOT_REDRIVABLE").put("redriveStatusReason", "too old")));
    events.add(event("failed-lambda-redrive-count-0.json", d -> d.put("cause", "Rate exceeded")));
    mix = events.toArray(ExecutionEvent[]::new);
  }

  /** The worst case: the event is checked against all 20 rules and matches the last. */
  @Benchmark
  public Decision lastRuleMatches() {
    return policy.decide(lastRuleEvent, NOW, random);
  }

  /** Ten events in turn, decided at every step of the decision. */
  @Benchmark
  public Decision typicalMix() {
    ExecutionEvent event = mix[next];
    next = next + 1 == mix.length ? 0 : next + 1;
    return policy.decide(event, NOW, random);
  }

  /** Parsing the event's JSON, then the worst-case decision. */
  @Benchmark
  public Decision parseThenDecide() {
    return policy.decide(EventParser.parse(lastRuleJson), NOW, random);
  }

  private static ExecutionEvent event(String name, Consumer<ObjectNode> change) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(resource("test-events/" + name));
      change.accept((ObjectNode) event.get("detail"));
      return EventParser.fromTree(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = DecideBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
