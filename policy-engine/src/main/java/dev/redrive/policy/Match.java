package dev.redrive.policy;

import dev.redrive.policy.internal.CausePattern;
import dev.redrive.policy.internal.FirstCharacters;
import dev.redrive.policy.internal.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code match} of a rule: which events it decides. Every field given must hold; a list holds
 * when any entry holds; an empty match holds for every event. Patterns are compiled once, when the
 * match is built, so that {@link #matches(ExecutionEvent)} does no parsing and no allocation.
 *
 * <ul>
 *   <li>{@code stateMachines}: patterns with {@code *}; a pattern without {@code :} is matched
 *       against the state machine's name (the last part of its ARN), otherwise against the whole
 *       ARN.
 *   <li>{@code statuses}: {@code FAILED}, {@code TIMED_OUT}, {@code ABORTED}.
 *   <li>{@code errors}: error names, {@code *} as wildcard; {@code States.ALL} matches any error,
 *       also none. An event without an error matches only {@code States.ALL}.
 *   <li>{@code causes}: regular expressions in RE2 syntax (run by RE2/J, in time linear in the
 *       cause), found anywhere in the cause. An event without a cause matches none.
 *   <li>{@code failedStates}: state-name patterns with {@code *}; they hold only when the failed
 *       state is known.
 * </ul>
 *
 * <p>A field that is not given is an empty list here. Equality is by the patterns.
 */
public final class Match {
  /** The statuses a {@code statuses} entry may name. */
  public static final Set<String> STATUSES = Set.of("FAILED", "TIMED_OUT", "ABORTED");

  /** The error name that matches every error, and no error. */
  public static final String ALL_ERRORS = "States.ALL";

  /** The match that holds for every event: {@code match: {}}. */
  public static final Match ANY = builder().build();

  private final List<String> stateMachines;
  private final List<String> statuses;
  private final List<String> errors;
  private final List<String> causes;
  private final List<String> failedStates;

  /** The {@code stateMachines} patterns with a {@code :} (matched against the ARN) first. */
  private final Glob[] stateMachineGlobs;

  /** How many of {@link #stateMachineGlobs} are ARN patterns; the others match the name. */
  private final int stateMachineArnGlobCount;

  private final String[] statusArray;
  private final int statusMask;
  private final boolean anyError;
  private final Glob[] errorGlobs;
  private final FirstCharacters errorStarts;
  private final CausePattern[] causePatterns;
  private final Glob[] failedStateGlobs;

  private Match(Builder builder) {
    this.stateMachines = List.copyOf(builder.stateMachines);
    this.statuses = List.copyOf(builder.statuses);
    this.errors = List.copyOf(builder.errors);
    this.causes = List.copyOf(builder.causes);
    this.failedStates = List.copyOf(builder.failedStates);
    Glob[] arnGlobs =
        stateMachines.stream()
            .filter(p -> p.indexOf(':') >= 0)
            .map(Glob::compile)
            .toArray(Glob[]::new);
    Glob[] nameGlobs =
        stateMachines.stream()
            .filter(p -> p.indexOf(':') < 0)
            .map(Glob::compile)
            .toArray(Glob[]::new);
    this.stateMachineGlobs = Arrays.copyOf(arnGlobs, arnGlobs.length + nameGlobs.length);
    System.arraycopy(nameGlobs, 0, stateMachineGlobs, arnGlobs.length, nameGlobs.length);
    this.stateMachineArnGlobCount = arnGlobs.length;
    this.statusArray = statuses.toArray(String[]::new);
    this.statusMask = statuses.stream().mapToInt(Match::statusBit).reduce(0, (a, b) -> a | b);
    this.anyError = errors.contains(ALL_ERRORS);
    this.errorGlobs = errors.stream().map(Glob::compile).toArray(Glob[]::new);
    this.errorStarts = FirstCharacters.of(errors);
    this.causePatterns = causes.stream().map(CausePattern::compile).toArray(CausePattern[]::new);
    this.failedStateGlobs = failedStates.stream().map(Glob::compile).toArray(Glob[]::new);
  }

  /** A builder for a match with no fields (which holds for every event). */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code stateMachines} patterns; empty when not given. */
  public List<String> stateMachines() {
    return stateMachines;
  }

  /** {@code statuses}; empty when not given. */
  public List<String> statuses() {
    return statuses;
  }

  /** {@code errors} patterns; empty when not given. */
  public List<String> errors() {
    return errors;
  }

  /** {@code causes} regular expressions; empty when not given. */
  public List<String> causes() {
    return causes;
  }

  /** {@code failedStates} patterns; empty when not given. */
  public List<String> failedStates() {
    return failedStates;
  }

  /** Whether no field is given, so that the match holds for every event. */
  public boolean isEmpty() {
    return stateMachines.isEmpty()
        && statuses.isEmpty()
        && errors.isEmpty()
        && causes.isEmpty()
        && failedStates.isEmpty();
  }

  /** Whether every given field holds for {@code event}. The cheap fields are checked first. */
  public boolean matches(ExecutionEvent event) {
    return matches(event, nameStart(event.stateMachineArn()), statusBit(event.status()));
  }

  /**
   * {@link #matches(ExecutionEvent)} with what is computed once per decision rather than once per
   * rule: the index where the state machine's name starts in its ARN, and {@link #statusBit}.
   */
  boolean matches(ExecutionEvent event, int nameStart, int statusBit) {
    return (statusMask == 0 || (statusMask & statusBit) != 0)
        && (errorGlobs.length == 0 || errorHolds(event.error()))
        && (stateMachineGlobs.length == 0
            || stateMachineHolds(event.stateMachineArn(), nameStart)
            || qualifiedArnHolds(event) != null)
        && (failedStateGlobs.length == 0 || failedStateHolds(event.failedState()))
        && (causePatterns.length == 0 || causeHolds(event.cause()));
  }

  static int nameStart(String stateMachineArn) {
    return stateMachineArn.lastIndexOf(':') + 1;
  }

  /** The bit of {@code status} in a status mask: 1 FAILED, 2 TIMED_OUT, 4 ABORTED, else 0. */
  static int statusBit(String status) {
    return switch (status) {
      case "FAILED" -> 1;
      case "TIMED_OUT" -> 2;
      case "ABORTED" -> 4;
      default -> 0;
    };
  }

  /**
   * Each given field, in the order of the policy format, with whether it holds for {@code event}
   * and why: the per-field trace of {@code redrive policy explain}.
   */
  public List<Explanation.Check> explain(ExecutionEvent event) {
    List<Explanation.Check> checks = new ArrayList<>(5);
    if (!stateMachines.isEmpty()) {
      String arn = event.stateMachineArn();
      boolean direct = stateMachineHolds(arn, nameStart(arn));
      String qualified = direct ? null : qualifiedArnHolds(event);
      boolean holds = direct || qualified != null;
      String detail =
          direct
              ? "state machine " + quote(arn) + " matches " + firstStateMachineMatch(arn)
              : qualified != null
                  ? "state machine " + quote(arn) + " started by " + qualified
                  : "state machine "
                      + quote(arn)
                      + " (name "
                      + quote(event.stateMachineName())
                      + ") matches none of "
                      + stateMachines;
      checks.add(new Explanation.Check("stateMachines", holds, detail));
    }
    if (!statuses.isEmpty()) {
      boolean holds = statusHolds(event.status());
      checks.add(
          new Explanation.Check(
              "statuses",
              holds,
              "status " + quote(event.status()) + (holds ? " is in " : " is not in ") + statuses));
    }
    if (!errors.isEmpty()) {
      boolean holds = errorHolds(event.error());
      String detail;
      if (event.error().isEmpty()) {
        detail =
            holds
                ? "no error, which States.ALL matches"
                : "no error, and only States.ALL matches an event without one";
      } else {
        String error = event.error().get();
        detail =
            holds
                ? "error " + quote(error) + " matches " + quote(firstMatch(errorGlobs, error))
                : "error " + quote(error) + " matches none of " + errors;
      }
      checks.add(new Explanation.Check("errors", holds, detail));
    }
    if (!causes.isEmpty()) {
      boolean holds = causeHolds(event.cause());
      String detail;
      if (event.cause().isEmpty()) {
        detail = "no cause in the event";
      } else {
        detail =
            holds
                ? "cause matches " + quote(firstCauseMatch(event.cause().get()))
                : "cause matches none of " + causes;
      }
      checks.add(new Explanation.Check("causes", holds, detail));
    }
    if (!failedStates.isEmpty()) {
      boolean holds = failedStateHolds(event.failedState());
      String detail;
      if (event.failedState().isEmpty()) {
        detail = "failed state unknown (the controller finds it in the execution history)";
      } else {
        String state = event.failedState().get();
        detail =
            holds
                ? "failed state "
                    + quote(state)
                    + " matches "
                    + quote(firstMatch(failedStateGlobs, state))
                : "failed state " + quote(state) + " matches none of " + failedStates;
      }
      checks.add(new Explanation.Check("failedStates", holds, detail));
    }
    return List.copyOf(checks);
  }

  private boolean statusHolds(String status) {
    for (String candidate : statusArray) {
      if (candidate.equals(status)) {
        return true;
      }
    }
    return false;
  }

  private boolean errorHolds(Optional<String> error) {
    if (anyError) {
      return true;
    }
    if (error.isEmpty()) {
      return false;
    }
    String text = error.get();
    return errorStarts.mayStart(text, 0) && anyMatch(errorGlobs, text);
  }

  /**
   * The version or alias ARN of the event that an ARN pattern matches, or null: an execution
   * started by a version or alias ARN is also matched by the patterns of that ARN.
   */
  private String qualifiedArnHolds(ExecutionEvent event) {
    // Two plain checks, no list: this runs on the decision path when the direct match fails.
    String version = qualifiedArnMatch(event.stateMachineVersionArn());
    return version != null ? version : qualifiedArnMatch(event.stateMachineAliasArn());
  }

  private String qualifiedArnMatch(Optional<String> qualified) {
    if (qualified.isEmpty()) {
      return null;
    }
    for (int i = 0; i < stateMachineArnGlobCount; i++) {
      if (stateMachineGlobs[i].matches(qualified.get(), 0)) {
        return quote(qualified.get()) + ", which matches " + quote(stateMachineGlobs[i].pattern());
      }
    }
    return null;
  }

  private boolean stateMachineHolds(String arn, int nameStart) {
    return firstStateMachineMatch(arn, nameStart) >= 0;
  }

  /** The index in {@link #stateMachineGlobs} of the first pattern that matches, or -1. */
  private int firstStateMachineMatch(String arn, int nameStart) {
    // One loop (rather than one per kind of pattern) keeps this small enough to be inlined.
    for (int i = 0; i < stateMachineGlobs.length; i++) {
      if (stateMachineGlobs[i].matches(arn, i < stateMachineArnGlobCount ? 0 : nameStart)) {
        return i;
      }
    }
    return -1;
  }

  private boolean failedStateHolds(Optional<String> failedState) {
    return failedState.isPresent() && anyMatch(failedStateGlobs, failedState.get());
  }

  private boolean causeHolds(Optional<String> cause) {
    if (cause.isEmpty()) {
      return false;
    }
    String text = cause.get();
    for (CausePattern pattern : causePatterns) {
      if (pattern.find(text)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyMatch(Glob[] globs, String text) {
    for (Glob glob : globs) {
      if (glob.matches(text)) {
        return true;
      }
    }
    return false;
  }

  private static String firstMatch(Glob[] globs, String text) {
    for (Glob glob : globs) {
      if (glob.matches(text)) {
        return glob.pattern();
      }
    }
    return ALL_ERRORS;
  }

  private String firstStateMachineMatch(String arn) {
    int nameStart = nameStart(arn);
    int index = firstStateMachineMatch(arn, nameStart);
    if (index < 0) {
      return "";
    }
    String pattern = quote(stateMachineGlobs[index].pattern());
    return index < stateMachineArnGlobCount
        ? pattern + " (ARN)"
        : pattern + " (name " + quote(arn.substring(nameStart)) + ")";
  }

  private String firstCauseMatch(String cause) {
    for (CausePattern pattern : causePatterns) {
      if (pattern.find(cause)) {
        return pattern.regex();
      }
    }
    return "";
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Match that
        && stateMachines.equals(that.stateMachines)
        && statuses.equals(that.statuses)
        && errors.equals(that.errors)
        && causes.equals(that.causes)
        && failedStates.equals(that.failedStates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stateMachines, statuses, errors, causes, failedStates);
  }

  @Override
  public String toString() {
    return "Match[stateMachines="
        + stateMachines
        + ", statuses="
        + statuses
        + ", errors="
        + errors
        + ", causes="
        + causes
        + ", failedStates="
        + failedStates
        + "]";
  }

  /**
   * Builds a {@link Match}, checking each list as it is set: entries non-blank, statuses among
   * {@link #STATUSES}, {@code States.ALL} alone in {@code errors}, causes valid regular
   * expressions. Lists must not be empty (a list holds when any entry holds, so an empty one would
   * never hold).
   */
  public static final class Builder {
    private List<String> stateMachines = List.of();
    private List<String> statuses = List.of();
    private List<String> errors = List.of();
    private List<String> causes = List.of();
    private List<String> failedStates = List.of();

    private Builder() {}

    /** State machine name or ARN patterns with {@code *}. */
    public Builder stateMachines(List<String> patterns) {
      this.stateMachines = checked("stateMachines", patterns);
      return this;
    }

    /** Statuses among {@code FAILED}, {@code TIMED_OUT}, {@code ABORTED}. */
    public Builder statuses(List<String> statuses) {
      List<String> checked = checked("statuses", statuses);
      for (String status : checked) {
        if (!STATUSES.contains(status)) {
          throw new IllegalArgumentException(
              "statuses must be among FAILED, TIMED_OUT, ABORTED, was " + status);
        }
      }
      this.statuses = checked;
      return this;
    }

    /** Error name patterns with {@code *}; {@code States.ALL} only alone. */
    public Builder errors(List<String> errors) {
      List<String> checked = checked("errors", errors);
      if (checked.contains(ALL_ERRORS) && checked.size() > 1) {
        throw new IllegalArgumentException(
            "errors must not mix States.ALL with other error names, was " + checked);
      }
      this.errors = checked;
      return this;
    }

    /**
     * Regular expressions (RE2 syntax) found anywhere in the cause.
     *
     * @throws IllegalArgumentException if one cannot be run, naming it and saying why
     */
    public Builder causes(List<String> regexes) {
      List<String> checked = checked("causes", regexes);
      for (int i = 0; i < checked.size(); i++) {
        int index = i;
        CausePattern.problem(checked.get(i))
            .ifPresent(
                problem -> {
                  throw new IllegalArgumentException(
                      "causes["
                          + index
                          + "] must be a regular expression RE2 can run, was '"
                          + checked.get(index)
                          + "': "
                          + problem);
                });
      }
      this.causes = checked;
      return this;
    }

    /** State name patterns with {@code *}. */
    public Builder failedStates(List<String> patterns) {
      this.failedStates = checked("failedStates", patterns);
      return this;
    }

    /** The match. */
    public Match build() {
      return new Match(this);
    }

    private static List<String> checked(String field, List<String> values) {
      List<String> copy = List.copyOf(values);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException(field + " must not be empty");
      }
      for (String value : copy) {
        if (value.isBlank()) {
          throw new IllegalArgumentException(field + " entries must not be blank");
        }
      }
      return copy;
    }
  }
}
