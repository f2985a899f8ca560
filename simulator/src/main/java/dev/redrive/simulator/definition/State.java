package dev.redrive.simulator.definition;

/** A state of a state machine, parsed and compiled once; one record per state type. */
public sealed interface State
    permits PassState,
        TaskState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {

  /** The fields every state type shares. */
  StateCommon common();

  /** The state's name. */
  default String name() {
    return common().name();
  }
}
