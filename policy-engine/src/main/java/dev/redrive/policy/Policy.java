package dev.redrive.policy;

import dev.redrive.policy.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A loaded policy: the defaults and the rules, in order, with the defaults already applied to every
 * rule. Immutable and safe to share between threads; {@link #decide} is a pure function of its
 * arguments.
 *
 * <p>The decision, in order (DESIGN.md, "The policy file"):
 *
 * <ol>
 *   <li>An event that is not a Step Functions execution status change, or whose status is not
 *       {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}: {@code IGNORE}.
 *   <li>{@code redriveStatus: NOT_REDRIVABLE}: {@code GIVE_UP} with {@code redriveStatusReason} as
 *       the reason. {@code REDRIVABLE_BY_MAP_RUN}: {@code IGNORE} (a Distributed Map child: the
 *       parent is redriven instead). Any other or missing value counts as {@code REDRIVABLE}.
 *   <li>The first rule whose match holds decides ({@link Rule#decide}); if none does: {@code
 *       IGNORE}.
 * </ol>
 *
 * @param version the policy format version; only 1 exists
 * @param defaults the defaults as the policy file gives them (over the built-in ones)
 * @param rules the rules in file order, names unique
 */
public record Policy(int version, RuleDefaults defaults, List<Rule> rules) {

  /** The only version of the policy format this engine reads. */
  public static final int SUPPORTED_VERSION = 1;

  /** The statuses the controller acts on. */
  public static final Set<String> FAILURE_STATUSES = Match.STATUSES;

  private static final Decision NO_RULE_MATCHED =
      Decision.ignore(Optional.empty(), "no rule matches this event");
  private static final Decision MAP_RUN_CHILD =
      Decision.ignore(
          Optional.empty(),
          "redriveStatus is REDRIVABLE_BY_MAP_RUN: this is a Distributed Map child execution, and"
              + " its parent is redriven instead");

  /** Checks the values: the supported version, unique rule names; copies the list. */
  public Policy {
    if (version != SUPPORTED_VERSION) {
      throw new IllegalArgumentException(
          "version must be " + SUPPORTED_VERSION + ", was " + version);
    }
    Objects.requireNonNull(defaults, "defaults");
    rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException(
            "rule names must be unique, was " + rule.name() + " twice");
      }
    }
  }

  /**
   * Decides what to do with one event.
   *
   * @param event the event, parsed (and, by the controller, with its failed state)
   * @param now the current time, for the 14-day redrivable period
   * @param random the source of backoff jitter; pass a seeded generator for reproducible delays
   * @return the decision; never null
   */
  public Decision decide(ExecutionEvent event, Instant now, RandomGenerator random) {
    Decision early = beforeRules(event);
    if (early != null) {
      return early;
    }
    int nameStart = Match.nameStart(event.stateMachineArn());
    int statusBit = Match.statusBit(event.status());
    List<Rule> ordered = rules;
    for (int i = 0, n = ordered.size(); i < n; i++) {
      Rule rule = ordered.get(i);
      if (rule.match().matches(event, nameStart, statusBit)) {
        return rule.decide(event, now, random);
      }
    }
    return NO_RULE_MATCHED;
  }

  /**
   * Decides what to do with one event, and says why: the steps before the rules, each rule's match
   * field by field, and the arithmetic of the decision. Gives the same decision as {@link #decide}
   * with a generator in the same state.
   */
  public Explanation explain(ExecutionEvent event, Instant now, RandomGenerator random) {
    Decision decision = decide(event, now, random);
    List<String> steps = new ArrayList<>();
    boolean reachedRules = describeStepsBeforeRules(event, steps);
    List<Explanation.RuleTrace> traces = new ArrayList<>(rules.size());
    boolean decided = !reachedRules;
    for (Rule rule : rules) {
      List<Explanation.Check> checks = rule.match().explain(event);
      boolean matches = checks.stream().allMatch(Explanation.Check::holds);
      Explanation.Outcome outcome;
      if (decided) {
        outcome = Explanation.Outcome.NOT_REACHED;
      } else if (matches) {
        outcome = Explanation.Outcome.DECIDED;
        decided = true;
        describeRuleStep(rule, event, now, steps);
      } else {
        outcome = Explanation.Outcome.NOT_MATCHED;
      }
      traces.add(new Explanation.RuleTrace(rule.name(), outcome, matches, checks));
    }
    if (reachedRules && decision.rule().isEmpty()) {
      steps.add("no rule matches: IGNORE");
    }
    return new Explanation(decision, steps, traces);
  }

  /** The rule named {@code name}, if the policy has one. */
  public Optional<Rule> rule(String name) {
    return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
  }

  /**
   * What to do besides publishing "Redrive Given Up" for a {@link Action#GIVE_UP} decision: the
   * deciding rule's {@code onGiveUp}, or the defaults' when no rule decided.
   */
  public OnGiveUp onGiveUp(Decision decision) {
    return decision.rule().flatMap(this::rule).map(Rule::onGiveUp).orElse(defaults.onGiveUp());
  }

  private static Decision beforeRules(ExecutionEvent event) {
    if (!event.isStatusChange()) {
      return Decision.ignore(
          Optional.empty(),
          "not a Step Functions execution status change (detail-type '"
              + event.detailType()
              + "', source '"
              + event.source()
              + "')");
    }
    String status = event.status();
    if (!FAILURE_STATUSES.contains(status)) {
      return Decision.ignore(
          Optional.empty(),
          "status is "
              + (status.isEmpty() ? "missing" : status)
              + ": only FAILED, TIMED_OUT and ABORTED executions can be redriven");
    }
    Optional<String> redriveStatus = event.redriveStatus();
    if (redriveStatus.isPresent()) {
      String value = redriveStatus.get();
      if ("NOT_REDRIVABLE".equals(value)) {
        return Decision.giveUp(
            Optional.empty(),
            event
                .redriveStatusReason()
                .filter(reason -> !reason.isBlank())
                .orElse("redriveStatus is NOT_REDRIVABLE (the event gives no reason)"));
      }
      if ("REDRIVABLE_BY_MAP_RUN".equals(value)) {
        return MAP_RUN_CHILD;
      }
    }
    return null;
  }

  private static boolean describeStepsBeforeRules(ExecutionEvent event, List<String> steps) {
    if (!event.isStatusChange()) {
      steps.add(
          "step 1: detail-type '"
              + event.detailType()
              + "' from source '"
              + event.source()
              + "' is not a Step Functions execution status change: IGNORE");
      return false;
    }
    if (!FAILURE_STATUSES.contains(event.status())) {
      steps.add(
          "step 1: status "
              + (event.status().isEmpty() ? "missing" : event.status())
              + " is not FAILED, TIMED_OUT or ABORTED: IGNORE");
      return false;
    }
    steps.add("step 1: a status change to " + event.status() + ": a failure the policy acts on");
    String redriveStatus = event.redriveStatus().orElse("");
    switch (redriveStatus) {
      case "NOT_REDRIVABLE":
        steps.add(
            "step 2: redriveStatus NOT_REDRIVABLE ("
                + event.redriveStatusReason().orElse("no reason given")
                + "): GIVE_UP");
        return false;
      case "REDRIVABLE_BY_MAP_RUN":
        steps.add("step 2: redriveStatus REDRIVABLE_BY_MAP_RUN: the parent is redriven: IGNORE");
        return false;
      case "":
        steps.add("step 2: no redriveStatus, which counts as REDRIVABLE: the rules decide");
        break;
      default:
        steps.add(
            "step 2: redriveStatus "
                + redriveStatus
                + (redriveStatus.equals("REDRIVABLE") ? "" : ", which counts as REDRIVABLE")
                + ": the rules decide");
    }
    return true;
  }

  private static void describeRuleStep(
      Rule rule, ExecutionEvent event, Instant now, List<String> steps) {
    steps.add("step 3: rule '" + rule.name() + "' is the first rule that matches");
    if (rule.action() != Action.REDRIVE) {
      steps.add("step 4: its action is " + rule.action().policyName());
      return;
    }
    if (event.stopDate().isPresent()) {
      Duration stopped = Duration.ofMillis(Rule.millisBetween(event.stopDate().getAsLong(), now));
      boolean exceeded = stopped.compareTo(Rule.REDRIVABLE_PERIOD) >= 0;
      steps.add(
          "step 4: stopped "
              + Durations.formatLong(stopped)
              + " before now "
              + (exceeded
                  ? "(14 days or more: GIVE_UP)"
                  : "(within the 14-day redrivable period)"));
      if (exceeded) {
        return;
      }
    } else {
      steps.add("step 4: no stopDate in the event: the 14-day redrivable period is not checked");
    }
    int count = event.redriveCount();
    if (count >= rule.maxRedrives()) {
      steps.add(
          "step 4: redriveCount " + count + " >= maxRedrives " + rule.maxRedrives() + ": GIVE_UP");
      return;
    }
    Backoff backoff = rule.backoff();
    steps.add(
        "step 4: redriveCount "
            + count
            + " < maxRedrives "
            + rule.maxRedrives()
            + "; backoff min("
            + Durations.format(backoff.initialDelay())
            + " * "
            + backoff.multiplier()
            + "^"
            + count
            + ", "
            + Durations.format(backoff.maxDelay())
            + ") = "
            + backoff.baseDelaySeconds(count)
            + "s"
            + (backoff.jitter() == Jitter.FULL
                ? ", full jitter: uniform in [0, " + backoff.baseDelaySeconds(count) + "]s"
                : ""));
  }
}
