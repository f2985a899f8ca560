package dev.redrive.simulator.definition;

import java.util.List;

/**
 * A {@code Parallel} state.
 *
 * @param branches the branches, in order
 */
public record ParallelState(StateCommon common, List<StateMachineDefinition> branches)
    implements State {
  public ParallelState {
    branches = List.copyOf(branches);
  }
}
