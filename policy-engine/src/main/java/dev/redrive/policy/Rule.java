package dev.redrive.policy;

import dev.redrive.policy.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One entry of the policy's {@code rules}, with the defaults already applied field by field: a rule
 * that gives only {@code backoff: {initialDelay: 30s}} has the defaults' multiplier, maxDelay and
 * jitter here.
 *
 * @param name unique within the policy, not blank
 * @param match which events the rule decides
 * @param action what it decides for them
 * @param maxRedrives for {@code redrive}: redrive only while {@code redriveCount < maxRedrives}; >=
 *     0
 * @param backoff for {@code redrive}: the delay before each redrive
 * @param onGiveUp what to do besides the "Redrive Given Up" event when this rule gives up
 * @param budget for {@code redrive}: the cap on redrives per state machine, enforced by the
 *     controller (the decision itself does not depend on it)
 */
public record Rule(
    String name,
    Match match,
    Action action,
    int maxRedrives,
    Backoff backoff,
    OnGiveUp onGiveUp,
    Optional<Budget> budget) {

  /**
   * How long after an execution stops AWS lets it be redriven: 14 days ("You can redrive executions
   * that have failed, aborted, or timed out within 14 days of the stop date", AWS Step Functions
   * developer guide, "Redriving executions").
   */
  public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

  private static final long REDRIVABLE_PERIOD_MILLIS = REDRIVABLE_PERIOD.toMillis();

  /** Checks the values: a non-blank name, {@code maxRedrives >= 0}, the rest non-null. */
  public Rule {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    if (maxRedrives < 0) {
      throw new IllegalArgumentException("maxRedrives must be >= 0, was " + maxRedrives);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(onGiveUp, "onGiveUp");
    Objects.requireNonNull(budget, "budget");
  }

  /**
   * A builder for a rule named {@code name} that inherits everything else from {@code defaults}.
   */
  public static Builder builder(String name, RuleDefaults defaults) {
    return new Builder(name, defaults);
  }

  /**
   * Step 4 of the decision, for an event this rule matches: {@code ignore} and {@code give-up}
   * decide at once; {@code redrive} gives up when the execution stopped {@link #REDRIVABLE_PERIOD}
   * or more before {@code now}, or when {@code redriveCount >= maxRedrives}, and otherwise redrives
   * after the backoff for the event's {@code redriveCount}.
   *
   * @param event an event this rule's match holds for
   * @param now the current time, for the redrivable period
   * @param random the source of jitter
   */
  public Decision decide(ExecutionEvent event, Instant now, RandomGenerator random) {
    switch (action) {
      case IGNORE:
        return Decision.ignore(Optional.of(name), "rule '" + name + "' says ignore");
      case GIVE_UP:
        return Decision.giveUp(Optional.of(name), "rule '" + name + "' says give up");
      default:
        break;
    }
    if (event.stopDate().isPresent()) {
      long stoppedFor = millisBetween(event.stopDate().getAsLong(), now);
      if (stoppedFor >= REDRIVABLE_PERIOD_MILLIS) {
        return Decision.giveUp(
            Optional.of(name),
            "redrivable period exceeded: the execution stopped "
                + Durations.formatLong(Duration.ofMillis(stoppedFor))
                + " ago, and AWS redrives only within 14 days of the stop (rule '"
                + name
                + "')");
      }
    }
    int count = event.redriveCount();
    if (count >= maxRedrives) {
      return Decision.giveUp(
          Optional.of(name),
          "limit reached: the execution was redriven "
              + count
              + (count == 1 ? " time" : " times")
              + " and rule '"
              + name
              + "' allows "
              + maxRedrives);
    }
    long delay = backoff.delaySeconds(count, random);
    // Built in one sized StringBuilder: this runs for every redrive, and the build compiles
    // string concatenation to StringBuilder calls (-XDstringConcat=inline) that would start at 16
    // characters and copy the text each time it grows.
    StringBuilder reason = new StringBuilder(64 + name.length());
    reason
        .append("rule '")
        .append(name)
        .append("' redrives (redrive ")
        .append(count + 1)
        .append(" of ")
        .append(maxRedrives);
    if (delay == 0) {
      reason.append(") now");
    } else {
      reason.append(") after ").append(Durations.formatSeconds(delay));
    }
    return Decision.redrive(name, delay, reason.toString());
  }

  /**
   * Milliseconds from {@code epochMillis} to {@code now}, saturated at {@link Long#MIN_VALUE} and
   * {@link Long#MAX_VALUE}: any stop date, even {@code Long.MIN_VALUE}, and any instant compare
   * without overflow (a plain subtraction made the oldest date look like a recent one).
   */
  static long millisBetween(long epochMillis, Instant now) {
    long nowMillis;
    if (now.getEpochSecond() >= Long.MAX_VALUE / 1000 - 1) {
      nowMillis = Long.MAX_VALUE;
    } else if (now.getEpochSecond() <= Long.MIN_VALUE / 1000 + 1) {
      nowMillis = Long.MIN_VALUE;
    } else {
      nowMillis = now.toEpochMilli();
    }
    long difference = nowMillis - epochMillis;
    // Overflow when the operands have different signs and the result's sign differs from now's.
    if (((nowMillis ^ epochMillis) & (nowMillis ^ difference)) < 0) {
      return nowMillis < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return difference;
  }

  /** Builds a {@link Rule}, checking each value as it is set. */
  public static final class Builder {
    private final String name;
    private Match match = Match.ANY;
    private Action action = Action.IGNORE;
    private int maxRedrives;
    private Backoff backoff;
    private OnGiveUp onGiveUp;
    private Optional<Budget> budget;

    private Builder(String name, RuleDefaults defaults) {
      this.name = Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.maxRedrives = defaults.maxRedrives();
      this.backoff = defaults.backoff();
      this.onGiveUp = defaults.onGiveUp();
      this.budget = defaults.budget();
    }

    /** Which events the rule decides; default: every event. */
    public Builder match(Match match) {
      this.match = Objects.requireNonNull(match, "match");
      return this;
    }

    /** What the rule decides; default {@link Action#IGNORE}. */
    public Builder action(Action action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /** The redrive limit; >= 0; default from the defaults. */
    public Builder maxRedrives(int maxRedrives) {
      if (maxRedrives < 0) {
        throw new IllegalArgumentException("maxRedrives must be >= 0, was " + maxRedrives);
      }
      this.maxRedrives = maxRedrives;
      return this;
    }

    /** The backoff; default from the defaults. */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Notify or stay silent on give-up; default from the defaults. */
    public Builder onGiveUp(OnGiveUp onGiveUp) {
      this.onGiveUp = Objects.requireNonNull(onGiveUp, "onGiveUp");
      return this;
    }

    /** The per-state-machine redrive budget; default from the defaults. */
    public Builder budget(Optional<Budget> budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** The rule. */
    public Rule build() {
      return new Rule(name, match, action, maxRedrives, backoff, onGiveUp, budget);
    }
  }
}
