package dev.redrive.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.console.ControllerDecisions;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.local.AttachedController;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.Explanation;
import dev.redrive.policy.MalformedEventException;
import dev.redrive.policy.Policy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The attached controller's decisions as the console shows them: the events the controller received
 * (the same pattern, on the same bus), each with what the controller did ({@link
 * AttachedController#outcomes(String)}) and the policy's explanation, the text {@code redrive
 * policy explain} prints for that event at the time it arrived.
 *
 * <p>With {@code jitter: full}, the explanation's delay is drawn again and may differ from the
 * delay the controller drew; the delay shown is the controller's.
 */
final class ControllerDecisionsView implements ControllerDecisions, Consumer<JsonNode> {
  private record Received(Instant at, JsonNode event) {}

  private final Policy policy;
  private final Clock clock;
  private final Map<String, List<Received>> events = new ConcurrentHashMap<>();
  private volatile Optional<AttachedController> controller = Optional.empty();

  ControllerDecisionsView(Policy policy, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** From now on, the decisions are this controller's. */
  void attach(AttachedController attached) {
    controller = Optional.of(attached);
  }

  /** Records an event the controller receives too (subscribed with the same pattern). */
  @Override
  public void accept(JsonNode event) {
    String arn = event.path("detail").path("executionArn").asText("");
    if (!arn.isEmpty()) {
      events
          .computeIfAbsent(arn, k -> new CopyOnWriteArrayList<>())
          .add(new Received(clock.instant(), event));
    }
  }

  @Override
  public boolean attached() {
    return controller.isPresent();
  }

  @Override
  public List<Decision> forExecution(String executionArn, Optional<String> failedState) {
    List<Received> received = events.getOrDefault(executionArn, List.of());
    List<Outcome> outcomes = controller.map(c -> c.outcomes(executionArn)).orElse(List.of());
    Set<Integer> used = new HashSet<>();
    List<Decision> decisions = new ArrayList<>();
    for (Received r : received) {
      ExecutionEvent event;
      try {
        event = EventParser.parse(r.event().toString());
      } catch (MalformedEventException e) {
        continue;
      }
      if (failedState.isPresent()) {
        event = event.withFailedState(failedState.get());
      }
      Explanation explanation = policy.explain(event, r.at(), new SplittableRandom(0));
      Optional<Outcome> outcome = Optional.empty();
      for (int i = 0; i < outcomes.size(); i++) {
        if (!used.contains(i) && outcomes.get(i).redriveCount() == event.redriveCount()) {
          used.add(i);
          outcome = Optional.of(outcomes.get(i));
          break;
        }
      }
      dev.redrive.policy.Decision decided =
          outcome.flatMap(Outcome::decision).orElse(explanation.decision());
      decisions.add(
          new Decision(
              r.at(),
              event.status(),
              event.redriveCount(),
              Optional.of(decided.action().name()),
              decided.rule(),
              decided.reason(),
              decided.delaySeconds(),
              outcome.map(o -> o.result().name()),
              outcome.map(Outcome::detail).orElse(""),
              explanation.toText()));
    }
    return decisions;
  }
}
