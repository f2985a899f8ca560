package dev.redrive.policy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The scenarios of {@link DecideBenchmark}, measured in decisions per second of the measuring
 * thread's own CPU time: on a shared machine, JMH's wall-clock throughput counts the time the
 * thread waits for a core, which this does not. Run by the bench profile with {@code
 * -Dbench.main=dev.redrive.policy.bench.DecideCpuTime}.
 */
public final class DecideCpuTime {
  private static final int WARMUP_ROUNDS = 5;
  private static final int ROUNDS = 5;
  private static final int DECISIONS_PER_ROUND = 2_000_000;
  private static final int PARSES_PER_ROUND = 200_000;

  private DecideCpuTime() {}

  /** Prints one line per scenario: mean, min and max decisions per CPU-second over the rounds. */
  public static void main(String[] args) {
    DecideBenchmark benchmark = new DecideBenchmark();
    benchmark.setUp();
    measure(
        "lastRuleMatches", b -> b.lastRuleMatches().delaySeconds(), benchmark, DECISIONS_PER_ROUND);
    measure("typicalMix", b -> b.typicalMix().delaySeconds(), benchmark, DECISIONS_PER_ROUND);
    measure(
        "parseThenDecide", b -> b.parseThenDecide().delaySeconds(), benchmark, PARSES_PER_ROUND);
  }

  private static void measure(
      String name,
      ToLongFunction<DecideBenchmark> decision,
      DecideBenchmark benchmark,
      int decisionsPerRound) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    double sum = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < decisionsPerRound; i++) {
        sink += decision.applyAsLong(benchmark);
      }
      long cpuNanos = threads.getCurrentThreadCpuTime() - start;
      double perSecond = decisionsPerRound * 1e9 / cpuNanos;
      if (round >= WARMUP_ROUNDS) {
        sum += perSecond;
        min = Math.min(min, perSecond);
        max = Math.max(max, perSecond);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-16s %,12.0f decisions per CPU-second (min %,.0f, max %,.0f; %d rounds of %,d)%n",
        name,
        sum / ROUNDS,
        min,
        max,
        ROUNDS,
        decisionsPerRound);
    if (sink == 42) {
      System.out.println("(sink)");
    }
  }
}
