package dev.redrive.simulator.validation;

/**
 * The Step Functions resources an ARN may name, by the resource type segment of {@code
 * arn:<partition>:states:<region>:<account>:<type>:...}.
 */
public enum ArnKind {
  /** {@code stateMachine:<name>}, optionally qualified {@code :<version>} or {@code :<alias>}. */
  STATE_MACHINE("stateMachine", 1, 2),
  /** {@code execution:<stateMachine>:<name>}, optionally qualified by a version or alias. */
  EXECUTION("execution", 2, 3),
  /** {@code express:<stateMachine>:<name>:<id>}, an express execution. */
  EXPRESS_EXECUTION("express", 3, 3),
  /** {@code activity:<name>}. */
  ACTIVITY("activity", 1, 1),
  /** {@code mapRun:<stateMachine>/<label>:<id>}. */
  MAP_RUN("mapRun", 2, 2);

  private final String type;
  private final int minParts;
  private final int maxParts;

  ArnKind(String type, int minParts, int maxParts) {
    this.type = type;
    this.minParts = minParts;
    this.maxParts = maxParts;
  }

  /** The resource type segment, e.g. {@code stateMachine}. */
  public String type() {
    return type;
  }

  boolean acceptsParts(int parts) {
    return parts >= minParts && parts <= maxParts;
  }
}
