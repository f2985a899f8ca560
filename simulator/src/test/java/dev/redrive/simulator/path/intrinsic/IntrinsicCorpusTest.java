package dev.redrive.simulator.path.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Golden test against AWS's recordings: every intrinsic call of the conformance corpus, evaluated
 * against the input AWS recorded, must give the output (or error) AWS recorded. See {@link
 * CorpusCase} for how a case is replayed.
 */
class IntrinsicCorpusTest {
  /**
   * Cases of feature area {@code intrinsic_functions} matched when this baseline was recorded. The
   * 20 JSONata cases of that area call no intrinsic and are not counted.
   */
  private static final int INTRINSIC_AREA_BASELINE = 88;

  /** Cases of other feature areas whose Pass Parameters or Map ItemSelector call intrinsics. */
  private static final int OTHER_AREAS_BASELINE = 5;

  @Test
  void matchesAwsOnEveryIntrinsicFunctionsCase() {
    Corpus.requireDir();
    int passed =
        replay(c -> "intrinsic_functions".equals(c.path("feature_area").asText()), "intrinsic");
    assertThat(passed).isGreaterThanOrEqualTo(INTRINSIC_AREA_BASELINE);
  }

  @Test
  void matchesAwsOnIntrinsicsUsedByOtherCases() {
    Corpus.requireDir();
    int passed =
        replay(c -> !"intrinsic_functions".equals(c.path("feature_area").asText()), "other");
    assertThat(passed).isGreaterThanOrEqualTo(OTHER_AREAS_BASELINE);
  }

  /** Replays the selected cases, prints a summary and every mismatch, returns the pass count. */
  private static int replay(Predicate<JsonNode> selection, String label) {
    List<JsonNode> cases = new ArrayList<>(Corpus.cases("execution-cases.jsonl"));
    cases.addAll(Corpus.cases("lambda-cases.jsonl"));
    int applicable = 0;
    int passed = 0;
    for (JsonNode recorded : cases) {
      if (!selection.test(recorded)) {
        continue;
      }
      CorpusCase replayed = CorpusCase.replay(recorded);
      if (replayed.checks() == 0) {
        continue;
      }
      applicable++;
      if (replayed.passed()) {
        passed++;
      } else {
        System.out.println("MISMATCH " + replayed.id() + "\n  " + replayed.mismatches());
      }
    }
    System.out.printf("intrinsic corpus (%s): %d/%d cases match AWS%n", label, passed, applicable);
    return passed;
  }
}
