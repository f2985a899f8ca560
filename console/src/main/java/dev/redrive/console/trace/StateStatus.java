package dev.redrive.console.trace;

/** What happened to a state, as the console colours it. */
public enum StateStatus {
  /** Entered and exited. */
  SUCCEEDED,
  /** Failed, and the failure ended its scope (the execution, the branch or the iteration). */
  FAILED,
  /** Failed, and a {@code Catch} sent the execution on to another state. */
  CAUGHT,
  /** Running now. */
  RUNNING,
  /** Waiting for a task token ({@code .waitForTaskToken}) or for an activity worker. */
  WAITING,
  /** Stopped without ending by itself: the execution stopped, or a sibling branch failed. */
  ABORTED,
  /** Not reached in any attempt. */
  NOT_REACHED;

  /** How much a status of one run says about the state, when runs disagree (higher wins). */
  int weight() {
    return switch (this) {
      case RUNNING, WAITING -> 5;
      case FAILED -> 4;
      case ABORTED -> 3;
      case CAUGHT -> 2;
      case SUCCEEDED -> 1;
      case NOT_REACHED -> 0;
    };
  }
}
