package dev.redrive.simulator.execution;

/**
 * Thrown when a status is asked to move where its transition table does not allow, e.g. an
 * execution from {@code SUCCEEDED} to {@code RUNNING}. A programming error in the caller, or a
 * request the caller should have refused first (the service answers {@code ExecutionNotRedrivable}
 * before asking). It extends {@link IllegalStateException}, which the simulator threw before it
 * existed.
 */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Enum<?> from;
  private final transient Enum<?> to;

  /**
   * @param what what moves, e.g. {@code "execution status"}
   * @param from the current status
   * @param to the status asked for
   * @param allowed the statuses allowed from {@code from}
   */
  IllegalTransitionException(String what, Enum<?> from, Enum<?> to, Object allowed) {
    super(
        what
            + " cannot go from "
            + from
            + " to "
            + to
            + " (allowed from "
            + from
            + ": "
            + allowed
            + ")");
    this.from = from;
    this.to = to;
  }

  /** The status it was in. */
  public Enum<?> from() {
    return from;
  }

  /** The status asked for. */
  public Enum<?> to() {
    return to;
  }
}
