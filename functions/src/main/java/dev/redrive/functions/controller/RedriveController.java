package dev.redrive.functions.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.functions.controller.Outcome.Result;
import dev.redrive.functions.delay.DelayQueue;
import dev.redrive.functions.ledger.AuditRecord;
import dev.redrive.functions.ledger.Ledger;
import dev.redrive.functions.notify.GiveUpNotice;
import dev.redrive.functions.notify.GiveUpNotifier;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ExecutionView;
import dev.redrive.functions.sfn.FailurePoint;
import dev.redrive.functions.sfn.RedriveResult;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.Action;
import dev.redrive.policy.Budget;
import dev.redrive.policy.Decision;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.MalformedEventException;
import dev.redrive.policy.OnGiveUp;
import dev.redrive.policy.Policy;
import dev.redrive.policy.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides and acts on one Step Functions status-change event: the heart of both Lambda handlers and
 * of {@code redrive serve --policy}.
 *
 * <p>Guarantees: at most one RedriveExecution per {@code (executionArn, redriveCount)} (a ledger
 * claim, then a client token derived from the same pair); a delayed redrive happens only if the
 * execution is still failed at the same redriveCount when it is due; a nested child is redriven
 * only while its parent still waits. Anything that fails transiently is thrown, so the message
 * returns to the queue; a malformed event throws {@link MalformedEventException}.
 *
 * <p>In {@link ControllerMode#SHADOW} mode every event is decided, logged and audited the same way,
 * reading Step Functions and the ledger as in enforce mode, but nothing acts: no ledger claim, no
 * budget charge, no RedriveExecution, no delayed message, no give-up event. Each outcome says it
 * was not taken. A delayed redrive queued before the switch to shadow is recorded as not taken and
 * dropped.
 */
public final class RedriveController {
  /** The input field Step Functions sets on a child execution started by another one. */
  public static final String STARTED_BY = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Policy policy;
  private final StepFunctionsGateway sfn;
  private final Ledger ledger;
  private final DelayQueue delays;
  private final GiveUpNotifier notifier;
  private final DecisionLog log;
  private final Clock clock;
  private final RandomGenerator random;
  private final ControllerSettings settings;
  private final boolean policyReadsFailedState;
  private final boolean act;

  public RedriveController(
      Policy policy,
      StepFunctionsGateway sfn,
      Ledger ledger,
      DelayQueue delays,
      GiveUpNotifier notifier,
      DecisionLog log,
      Clock clock,
      RandomGenerator random,
      ControllerSettings settings) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.delays = Objects.requireNonNull(delays, "delays");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policyReadsFailedState =
        policy.rules().stream().anyMatch(rule -> !rule.match().failedStates().isEmpty());
    this.act = settings.mode() == ControllerMode.ENFORCE;
  }

  /** How one message is handled: by the queue's consumer, or by {@code redrive sweep}. */
  private enum Path {
    /** A backoff goes through the delay queue; a give-up is published. */
    QUEUED,
    /**
     * For a sweep of executions that failed long ago: a REDRIVE is done now whatever its backoff
     * (the delay is reported in the decision), and a give-up is reported, not published (the sweep
     * is no substitute for the notification the controller sends when it sees the failure).
     */
    SWEEP
  }

  /**
   * Handles one message: an EventBridge event, or a delayed redrive that came back from the queue.
   *
   * @throws MalformedEventException when the body is not an event the controller can read
   * @throws RuntimeException when a call failed after its retries; the caller requeues the message
   */
  public Outcome handle(String body) {
    JsonNode tree = EventParser.readTree(body);
    if (DelayedRedrive.isEnvelope(tree)) {
      DelayedRedrive delayed;
      try {
        delayed = DelayedRedrive.fromJson(tree);
      } catch (IllegalArgumentException e) {
        throw new MalformedEventException(e.getMessage(), e);
      }
      return whenDue(delayed);
    }
    return handle(tree, Path.QUEUED);
  }

  /**
   * Handles one status-change event for {@code redrive sweep}: decided as {@link #handle} decides
   * it, with the same guarantees, except that a REDRIVE decision is carried out now whatever its
   * backoff (reported in the outcome's decision), and a GIVE_UP is reported (not taken), not
   * published.
   *
   * @throws MalformedEventException when the body is not a status-change event
   * @throws RuntimeException when a call failed after its retries
   */
  public Outcome handleNow(String event) {
    return handle(EventParser.readTree(event), Path.SWEEP);
  }

  private Outcome handle(JsonNode tree, Path path) {
    ExecutionEvent event = EventParser.fromTree(tree);
    Instant now = clock.instant();
    Decision decision = policy.decide(event, now, random);
    Optional<FailurePoint> failure = Optional.empty();
    if (policyReadsFailedState && reachesRules(decision, event)) {
      failure = sfn.failurePoint(event.executionArn());
      if (failure.isPresent()) {
        event = event.withFailedState(failure.get().stateName());
        decision = policy.decide(event, now, random);
      }
    }
    switch (decision.action()) {
      case IGNORE:
        return done(event, decision, Result.IGNORED, decision.reason());
      case GIVE_UP:
        return giveUp(event, decision, path);
      case REDRIVE:
      default:
        break;
    }
    // Duplicates are common (EventBridge delivers at least once): one ledger read spares them the
    // DescribeExecution and GetExecutionHistory calls below, whose quotas are small.
    if (ledger.completed(event.executionArn(), event.redriveCount())) {
      return done(event, decision, Result.DUPLICATE, "already redriven at this redriveCount");
    }
    Optional<String> parentNotWaiting = parentNotWaiting(event);
    if (parentNotWaiting.isPresent()) {
      return done(event, decision, Result.DEFERRED, parentNotWaiting.get());
    }
    if (failure.isEmpty()) {
      failure = sfn.failurePoint(event.executionArn());
    }
    if (failure.isPresent() && failure.get().reachedThroughCatch()) {
      Decision caught =
          Decision.giveUp(
              decision.rule(),
              "the execution ended in Fail state '"
                  + failure.get().stateName()
                  + "' reached through a Catch: a redrive would only run the Fail state again");
      return giveUp(event, caught, path);
    }
    if (decision.delaySeconds() > 0 && path == Path.QUEUED) {
      Instant due = now.plusSeconds(decision.delaySeconds());
      if (!act) {
        return done(
            event, decision, Result.DELAYED, "redrive would be due at " + due, Optional.empty());
      }
      DelayedRedrive delayed = new DelayedRedrive(tree, due, decision.rule(), decision.reason());
      delays.send(delayed.toJson(), hop(now, due));
      return done(event, decision, Result.DELAYED, "redrive due at " + due);
    }
    return redriveNow(event, decision, path);
  }

  /** Whether the decision came from a rule, so knowing the failed state could change it. */
  private static boolean reachesRules(Decision decision, ExecutionEvent event) {
    return event.isStatusChange()
        && Policy.FAILURE_STATUSES.contains(event.status())
        && !event.redriveStatus().map(s -> s.equals("NOT_REDRIVABLE")).orElse(false)
        && !event.redriveStatus().map(s -> s.equals("REDRIVABLE_BY_MAP_RUN")).orElse(false);
  }

  private Outcome whenDue(DelayedRedrive delayed) {
    ExecutionEvent event = EventParser.fromTree(delayed.event());
    Instant now = clock.instant();
    Decision decision = Decision.redrive(delayed.rule().orElse(null), 0, delayed.reason());
    if (now.isBefore(delayed.dueAt())) {
      if (!act) {
        return done(
            event,
            decision,
            Result.DELAYED,
            "shadow mode: a redrive queued before the switch, due at "
                + delayed.dueAt()
                + ", is dropped",
            Optional.empty());
      }
      delays.send(delayed.toJson(), hop(now, delayed.dueAt()));
      return new Outcome(
          Result.DELAYED,
          event.executionArn(),
          event.redriveCount(),
          Optional.of(decision),
          "redrive due at " + delayed.dueAt(),
          true);
    }
    // The parent may have failed while this child's redrive waited: then its own event decides.
    Optional<String> parentNotWaiting = parentNotWaiting(event);
    if (parentNotWaiting.isPresent()) {
      return done(event, decision, Result.DEFERRED, parentNotWaiting.get());
    }
    return redriveNow(event, decision, Path.QUEUED);
  }

  private static Duration hop(Instant now, Instant due) {
    Duration left = Duration.between(now, due);
    return left.compareTo(DelayQueue.MAX_HOP) > 0 ? DelayQueue.MAX_HOP : left;
  }

  private Outcome redriveNow(ExecutionEvent event, Decision decision, Path path) {
    Instant now = clock.instant();
    String arn = event.executionArn();
    long count = event.redriveCount();
    if (!act) {
      return wouldRedrive(event, decision, path);
    }
    Ledger.ClaimResult claim = ledger.claim(arn, count, now);
    if (claim == Ledger.ClaimResult.COMPLETED) {
      return done(event, decision, Result.DUPLICATE, "already redriven at this redriveCount");
    }
    // Events arrive late and out of order, and an earlier attempt may have claimed and then
    // failed midway: redrive only while the execution still sits failed at the event's count.
    ExecutionView current = sfn.describe(arn);
    if (!current.isRedrivableStatus() || current.redriveCount() != count) {
      ledger.complete(arn, count, now);
      return done(
          event,
          decision,
          claim == Ledger.ClaimResult.PENDING ? Result.DUPLICATE : Result.SUPERSEDED,
          "the execution is now "
              + current.status()
              + " at redriveCount "
              + current.redriveCount()
              + ", not failed at "
              + count);
    }
    Optional<Budget> budget = budgetOf(decision);
    if (claim == Ledger.ClaimResult.CLAIMED
        && budget.isPresent()
        && !ledger.tryConsumeBudget(
            event.stateMachineArn(), budget.get().maxRedrives(), budget.get().per(), now)) {
      ledger.complete(arn, count, now);
      return giveUp(
          event,
          Decision.giveUp(
              decision.rule(),
              "budget exhausted: at most "
                  + budget.get().maxRedrives()
                  + " redrives per "
                  + budget.get().per()
                  + " for this state machine"),
          Path.QUEUED);
    }
    RedriveResult result = sfn.redrive(arn, ClientTokens.of(arn, count));
    ledger.complete(arn, count, clock.instant());
    switch (result.kind()) {
      case REDRIVEN:
        Optional<Long> latency =
            event.stopDate().isPresent()
                ? Optional.of(clock.millis() - event.stopDate().getAsLong())
                : Optional.empty();
        return done(event, decision, Result.REDRIVEN, decision.reason(), latency);
      case NOT_REDRIVABLE:
      case NOT_FOUND:
      default:
        return done(
            event,
            decision,
            Result.NOT_REDRIVABLE,
            "RedriveExecution refused: " + result.message());
    }
  }

  /**
   * Shadow mode: what {@link #redriveNow} would do, from reads only. The budget is not charged, so
   * a shadow run cannot say when it would run out. A sweep built the event from DescribeExecution a
   * moment ago: reading it again would only cost a call per execution.
   */
  private Outcome wouldRedrive(ExecutionEvent event, Decision decision, Path path) {
    if (path == Path.SWEEP) {
      return done(event, decision, Result.REDRIVEN, decision.reason(), Optional.empty());
    }
    ExecutionView current = sfn.describe(event.executionArn());
    if (!current.isRedrivableStatus() || current.redriveCount() != event.redriveCount()) {
      return done(
          event,
          decision,
          Result.SUPERSEDED,
          "the execution is now "
              + current.status()
              + " at redriveCount "
              + current.redriveCount()
              + ", not failed at "
              + event.redriveCount(),
          Optional.empty());
    }
    return done(event, decision, Result.REDRIVEN, decision.reason(), Optional.empty());
  }

  private Optional<Budget> budgetOf(Decision decision) {
    return decision.rule().flatMap(policy::rule).flatMap(Rule::budget);
  }

  /**
   * For a child execution (its input names the execution that started it): why it must not be
   * redriven now, or empty when its parent still waits for it (or it has no parent).
   */
  private Optional<String> parentNotWaiting(ExecutionEvent event) {
    if (!settings.checkNestedParents()) {
      return Optional.empty();
    }
    Optional<String> input = event.input();
    if (input.isEmpty()) {
      input = sfn.describe(event.executionArn()).input();
    }
    Optional<String> parent = input.flatMap(RedriveController::startedBy);
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    ExecutionView view = sfn.describe(parent.get());
    if (view.status().equals("RUNNING")) {
      return Optional.empty();
    }
    return Optional.of(
        "deferred to the parent execution "
            + parent.get()
            + ", which is "
            + view.status()
            + ": its own event decides");
  }

  static Optional<String> startedBy(String input) {
    if (!input.contains(STARTED_BY)) {
      return Optional.empty();
    }
    try {
      JsonNode parent = JSON.readTree(input).get(STARTED_BY);
      return parent != null && parent.isTextual() ? Optional.of(parent.asText()) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private Outcome giveUp(ExecutionEvent event, Decision decision, Path path) {
    if (!act || path == Path.SWEEP) {
      return done(event, decision, Result.GAVE_UP, decision.reason(), Optional.empty(), false);
    }
    if (ledger.claimNotice(event.executionArn(), event.redriveCount(), clock.instant())) {
      notifier.givenUp(
          new GiveUpNotice(
              event.executionArn(),
              event.stateMachineArn(),
              event.status(),
              event.error(),
              event.cause(),
              event.redriveCount(),
              decision.rule(),
              decision.reason()),
          policy.onGiveUp(decision) == OnGiveUp.NOTIFY);
      return done(event, decision, Result.GAVE_UP, decision.reason());
    }
    return done(event, decision, Result.DUPLICATE, "give-up already published");
  }

  private Outcome done(ExecutionEvent event, Decision decision, Result result, String detail) {
    return done(event, decision, result, detail, Optional.empty());
  }

  private Outcome done(
      ExecutionEvent event,
      Decision decision,
      Result result,
      String detail,
      Optional<Long> latencyMillis) {
    return done(event, decision, result, detail, latencyMillis, act);
  }

  private Outcome done(
      ExecutionEvent event,
      Decision decision,
      Result result,
      String detail,
      Optional<Long> latencyMillis,
      boolean taken) {
    Instant now = clock.instant();
    String action = result == Result.REDRIVEN ? Action.REDRIVE.name() : result.name();
    ledger.record(
        new AuditRecord(
            event.executionArn(),
            event.redriveCount(),
            event.status().isEmpty() ? "UNKNOWN" : event.status(),
            action,
            decision.rule(),
            detail,
            now,
            now.plus(settings.auditRetention()),
            decision.delaySeconds(),
            taken));
    log.decision(
        now,
        event.executionArn(),
        event.redriveCount(),
        event.status(),
        event.error(),
        action,
        decision.delaySeconds(),
        decision.rule(),
        detail,
        latencyMillis,
        taken);
    return new Outcome(
        result, event.executionArn(), event.redriveCount(), Optional.of(decision), detail, taken);
  }
}
