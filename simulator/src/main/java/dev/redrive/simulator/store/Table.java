package dev.redrive.simulator.store;

/**
 * The kinds of rows a {@link StateStore} keeps; each row is a key, a parent key and a JSON value.
 */
public enum Table {
  /** The current revision of each state machine; key: its ARN. */
  STATE_MACHINE,
  /**
   * Every revision of a state machine an execution ran; key: {@code ARN#revision}, parent: the ARN.
   * Kept after the state machine is deleted, as executions keep theirs.
   */
  STATE_MACHINE_REVISION,
  /** Activities; key: the ARN. */
  ACTIVITY,
  /** Executions as DescribeExecution reports them; key: the ARN, parent: the state machine ARN. */
  EXECUTION,
  /**
   * An execution's progress as the engine serializes it, for resuming after a restart; key: the
   * execution ARN, parent: the same. Dropped when the execution ends.
   */
  PROGRESS,
  /** Map runs; key: the map run ARN, parent: the execution that started it. */
  MAP_RUN,
  /** Task tokens issued and not answered yet; key: the token, parent: the execution ARN. */
  TASK_TOKEN
}
