package dev.redrive.simulator.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers chosen API calls with a fault instead of running them, as AWS does under load: to test
 * that a client (the redrive controller, a user's own code) retries and loses nothing.
 *
 * <p>Each rule names a {@link Fault}, the operations it applies to (none: every operation), and
 * which of their calls fail: a fraction of them, drawn from a random sequence seeded by {@link
 * Builder#seed} (the same calls in the same order fail the same way), or every Nth call. The first
 * rule that fires answers the call; the operation does not run. Faults are answered as AWS's JSON
 * 1.0 protocol does: {@code ThrottlingException} with HTTP 400 (the AWS SDK v2 sees it as a
 * throttling error, {@code isThrottlingException()}, and its default retry strategy retries it),
 * {@code ServiceUnavailable} with 503 and {@code InternalFailure} with 500 (retried as 5xx).
 *
 * <pre>{@code
 * FaultInjector faults = FaultInjector.builder()
 *     .fraction(Fault.THROTTLING, 0.5, List.of("RedriveExecution", "DescribeExecution"))
 *     .seed(42)
 *     .build();
 * server.faults(faults);
 * }</pre>
 *
 * Thread-safe; it counts calls and faults per operation ({@link #calls}, {@link #injected}).
 */
public final class FaultInjector {

  /** A fault answered instead of running the operation. */
  public enum Fault {
    /** HTTP 400, {@code ThrottlingException}: the request rate is over the account's quota. */
    THROTTLING(400, "ThrottlingException", "Rate exceeded"),
    /** HTTP 503, {@code ServiceUnavailable}: the service cannot take the request now. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Service Unavailable"),
    /** HTTP 500, {@code InternalFailure}: the service failed on its side. */
    INTERNAL_FAILURE(500, "InternalFailure", "Internal failure (injected)");

    private final int status;
    private final String code;
    private final String message;

    Fault(int status, String code, String message) {
      this.status = status;
      this.code = code;
      this.message = message;
    }

    /** The HTTP status of the response. */
    public int status() {
      return status;
    }

    /** The {@code __type} of the response body. */
    public String code() {
      return code;
    }

    ApiException exception() {
      return new ApiException(status, code, message);
    }
  }

  /** The operation names the endpoint serves, for checking rules. */
  static final Set<String> OPERATIONS =
      Set.of(
          "CreateStateMachine",
          "DescribeStateMachine",
          "ListStateMachines",
          "UpdateStateMachine",
          "DeleteStateMachine",
          "ValidateStateMachineDefinition",
          "StartExecution",
          "StartSyncExecution",
          "TestState",
          "DescribeExecution",
          "ListExecutions",
          "StopExecution",
          "GetExecutionHistory",
          "RedriveExecution",
          "DescribeStateMachineForExecution",
          "SendTaskSuccess",
          "SendTaskFailure",
          "SendTaskHeartbeat",
          "CreateActivity",
          "DescribeActivity",
          "ListActivities",
          "DeleteActivity",
          "GetActivityTask",
          "ListMapRuns",
          "DescribeMapRun",
          "UpdateMapRun",
          "PublishStateMachineVersion",
          "ListStateMachineVersions",
          "DeleteStateMachineVersion",
          "CreateStateMachineAlias",
          "DescribeStateMachineAlias",
          "UpdateStateMachineAlias",
          "ListStateMachineAliases",
          "DeleteStateMachineAlias",
          "TagResource",
          "UntagResource",
          "ListTagsForResource");

  private static final FaultInjector NONE = new FaultInjector(List.of(), 0);

  private final List<Rule> rules;
  private final long seed;
  private final Random random;
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

  private FaultInjector(List<Rule> rules, long seed) {
    this.rules = List.copyOf(rules);
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** No fault: every call runs. */
  public static FaultInjector none() {
    return NONE;
  }

  /** A builder of rules; the seed defaults to 0. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A single rule from its text, as {@code redrive serve --throttle} takes it: {@code
   * RATE[:Operation,...]} where RATE is a fraction in [0, 1] ({@code 0.5}: about half the calls) or
   * {@code 1/N} (every Nth call, N >= 1), and the operations are those of the Step Functions API
   * ({@code RedriveExecution}); without them every operation.
   *
   * @param option the option the text came from, named in error messages
   * @throws IllegalArgumentException naming the option, what was expected and what was found
   */
  public static FaultInjector parse(Fault fault, String text, String option, long seed) {
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    String rate = (colon < 0 ? text : text.substring(0, colon)).trim();
    List<String> operations = new ArrayList<>();
    if (colon >= 0) {
      for (String name : text.substring(colon + 1).split(",", -1)) {
        operations.add(name.trim());
      }
    }
    Builder builder = builder().seed(seed);
    try {
      if (rate.startsWith("1/")) {
        builder.everyNth(fault, Integer.parseInt(rate.substring(2)), operations);
      } else {
        builder.fraction(fault, Double.parseDouble(rate), operations);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option
              + ": expected RATE[:Operation,...] with RATE a fraction such as 0.5 or 1/N, found '"
              + text
              + "'",
          e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
    return builder.build();
  }

  /** Whether any rule is configured. */
  public boolean isActive() {
    return !rules.isEmpty();
  }

  /**
   * Decides for one call of {@code operation}: the fault to answer, or empty to run it. Counts the
   * call, and the fault if any.
   */
  public Optional<Fault> decide(String operation) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    for (Rule rule : rules) {
      if (rule.fires(operation, random)) {
        injected.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        return Optional.of(rule.fault);
      }
    }
    return Optional.empty();
  }

  /** Throws the fault's error when {@link #decide} picks one for this call. */
  void apply(String operation) {
    Optional<Fault> fault = decide(operation);
    if (fault.isPresent()) {
      throw fault.get().exception();
    }
  }

  /** Calls of {@code operation} seen so far (only counted while a rule is configured). */
  public long calls(String operation) {
    AtomicLong n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Calls of {@code operation} answered with a fault so far. */
  public long injected(String operation) {
    AtomicLong n = injected.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Calls of every operation answered with a fault so far. */
  public long injected() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** The rules in words, e.g. {@code ThrottlingException on 50% of RedriveExecution (seed 0)}. */
  @Override
  public String toString() {
    if (rules.isEmpty()) {
      return "no faults";
    }
    List<String> parts = new ArrayList<>();
    for (Rule rule : rules) {
      parts.add(rule.toString());
    }
    return String.join("; ", parts) + " (seed " + seed + ")";
  }

  /** Builds a {@link FaultInjector}; each method checks its values. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private long seed;

    private Builder() {}

    /**
     * Answers about {@code fraction} of the calls of {@code operations} with {@code fault}.
     *
     * @param fraction in [0, 1]
     * @param operations operation names; empty for every operation
     * @throws IllegalArgumentException for a fraction out of range or an unknown operation
     */
    public Builder fraction(Fault fault, double fraction, Collection<String> operations) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
      }
      rules.add(new Rule(fault, fraction, 0, checked(operations)));
      return this;
    }

    /**
     * Answers every {@code n}th call of {@code operations} (counted together) with {@code fault}:
     * calls n, 2n, 3n...
     *
     * @param n at least 1 (1: every call)
     * @param operations operation names; empty for every operation
     * @throws IllegalArgumentException for n < 1 or an unknown operation
     */
    public Builder everyNth(Fault fault, int n, Collection<String> operations) {
      if (n < 1) {
        throw new IllegalArgumentException("N in 1/N must be >= 1, was " + n);
      }
      rules.add(new Rule(fault, 0, n, checked(operations)));
      return this;
    }

    /** The seed of the random draws of {@link #fraction} rules (default 0). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The injector. */
    public FaultInjector build() {
      return new FaultInjector(rules, seed);
    }

    private static Set<String> checked(Collection<String> operations) {
      Objects.requireNonNull(operations, "operations");
      Set<String> names = new TreeSet<>();
      List<String> unknown = new ArrayList<>();
      for (String name : operations) {
        if (OPERATIONS.contains(name)) {
          names.add(name);
        } else {
          unknown.add("'" + name + "'");
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "expected Step Functions operations such as RedriveExecution or DescribeExecution,"
                + " found unknown "
                + String.join(", ", unknown)
                + " (known: "
                + String.join(", ", new TreeSet<>(OPERATIONS))
                + ")");
      }
      return names;
    }
  }

  /** One rule: a fault on a fraction of the calls, or on every Nth call, of some operations. */
  private static final class Rule {
    private final Fault fault;
    private final double fraction;
    private final int everyNth;
    private final Set<String> operations;
    private final AtomicLong matched = new AtomicLong();

    Rule(Fault fault, double fraction, int everyNth, Set<String> operations) {
      this.fault = Objects.requireNonNull(fault, "fault");
      this.fraction = fraction;
      this.everyNth = everyNth;
      this.operations = Collections.unmodifiableSortedSet(new TreeSet<>(operations));
    }

    boolean fires(String operation, Random random) {
      if (!operations.isEmpty() && !operations.contains(operation)) {
        return false;
      }
      if (everyNth > 0) {
        return matched.incrementAndGet() % everyNth == 0;
      }
      synchronized (random) {
        return random.nextDouble() < fraction;
      }
    }

    @Override
    public String toString() {
      String which =
          everyNth > 0
              ? (everyNth == 1 ? "every call" : "1 call in " + everyNth)
              : Math.round(fraction * 1000) / 10.0 + "% of the calls";
      String of = operations.isEmpty() ? "every operation" : String.join(", ", operations);
      return fault.code() + " on " + which + " of " + of;
    }
  }
}
