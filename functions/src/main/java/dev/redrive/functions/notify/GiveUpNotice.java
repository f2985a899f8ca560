package dev.redrive.functions.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * What a "Step Functions Redrive Given Up" event says: which execution, how it failed, and which
 * rule gave up on it and why.
 */
public record GiveUpNotice(
    String executionArn,
    String stateMachineArn,
    String status,
    Optional<String> error,
    Optional<String> cause,
    long redriveCount,
    Optional<String> rule,
    String reason) {
  public GiveUpNotice {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }
}
