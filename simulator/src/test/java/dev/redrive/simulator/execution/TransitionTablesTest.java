package dev.redrive.simulator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** The execution status and redrive status lifecycles, every pair of statuses listed in a file. */
class TransitionTablesTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvFileSource(resources = "/execution/status-transitions.csv")
  void executionStatusMovesOnlyWhereTheTableAllows(String from, String to, String allowed) {
    ExecutionStatus a = ExecutionStatus.parse(from);
    ExecutionStatus b = ExecutionStatus.parse(to);
    if (allowed.equals("yes")) {
      assertThat(a.canMoveTo(b)).isTrue();
      assertThat(a.moveTo(b)).isEqualTo(b);
      assertThat(a.next()).contains(b);
    } else {
      assertThat(a.canMoveTo(b)).isFalse();
      assertThatThrownBy(() -> a.moveTo(b))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageStartingWith("execution status cannot go from " + from + " to " + to)
          .satisfies(
              e -> {
                assertThat(((IllegalTransitionException) e).from()).isEqualTo(a);
                assertThat(((IllegalTransitionException) e).to()).isEqualTo(b);
              });
    }
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvFileSource(resources = "/execution/redrive-status-transitions.csv")
  void redriveStatusMovesOnlyWhereTheTableAllows(String from, String to, String allowed) {
    RedriveStatus a = RedriveStatus.parse(from);
    RedriveStatus b = RedriveStatus.parse(to);
    if (allowed.equals("yes")) {
      assertThat(a.moveTo(b)).isEqualTo(b);
    } else {
      assertThatThrownBy(() -> a.moveTo(b))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageStartingWith("redrive status cannot go from " + from + " to " + to);
    }
  }

  @ParameterizedTest(name = "{0}, by map run {1}, history full {2}: {3}")
  @CsvSource({
    "RUNNING, false, false, NOT_REDRIVABLE",
    "SUCCEEDED, false, false, NOT_REDRIVABLE",
    "FAILED, false, false, REDRIVABLE",
    "TIMED_OUT, false, false, REDRIVABLE",
    "ABORTED, false, false, REDRIVABLE",
    "FAILED, false, true, NOT_REDRIVABLE",
    "FAILED, true, false, REDRIVABLE_BY_MAP_RUN",
    "SUCCEEDED, true, false, NOT_REDRIVABLE",
    "PENDING_REDRIVE, true, false, NOT_REDRIVABLE"
  })
  void redriveStatusFollowsTheExecutionStatus(
      ExecutionStatus status, boolean byMapRun, boolean historyFull, RedriveStatus expected) {
    assertThat(RedriveStatus.on(status, byMapRun, historyFull)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void unknownStatusNamesTheExpectedOnes() {
    assertThatThrownBy(() -> ExecutionStatus.parse("DONE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RUNNING")
        .hasMessageEndingWith("was DONE");
    assertThatThrownBy(() -> RedriveStatus.parse("MAYBE"))
        .hasMessageContaining("REDRIVABLE_BY_MAP_RUN")
        .hasMessageEndingWith("was MAYBE");
  }
}
