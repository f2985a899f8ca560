package dev.redrive.policy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.policy.Action;
import dev.redrive.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark measures what it says: the last rule decides, and the mix reaches every step. */
class DecideBenchmarkTest {

  @Test
  void worstCaseIsDecidedByTheLastOfTwentyRules() {
    DecideBenchmark benchmark = new DecideBenchmark();
    benchmark.setUp();

    Decision decision = benchmark.lastRuleMatches();

    assertThat(decision.action()).isEqualTo(Action.REDRIVE);
    assertThat(decision.rule()).contains("my-state-machine-lambda");
    assertThat(benchmark.parseThenDecide().rule()).contains("my-state-machine-lambda");
  }

  @Test
  void typicalMixReachesEveryAction() {
    DecideBenchmark benchmark = new DecideBenchmark();
    benchmark.setUp();

    List<String> decided = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Decision decision = benchmark.typicalMix();
      decided.add(decision.action() + " " + decision.rule().orElse("-"));
    }

    assertThat(decided)
        .containsExactly(
            "REDRIVE my-state-machine-lambda",
            "REDRIVE my-state-machine-lambda",
            "GIVE_UP my-state-machine-lambda",
            "IGNORE -",
            "IGNORE -",
            "REDRIVE team-3-transient",
            "GIVE_UP input-errors-10",
            "GIVE_UP my-state-machine-lambda",
            "GIVE_UP -",
            "REDRIVE transient-cause-15");
  }
}
