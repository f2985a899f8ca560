package dev.redrive.functions.ledger;

import java.time.Duration;
import java.time.Instant;

/** The keys under which the ledger stores claims and budget windows. */
final class LedgerKeys {
  private LedgerKeys() {}

  static String claim(String executionArn, long redriveCount) {
    return "claim#" + executionArn + "#" + redriveCount;
  }

  /** The fixed window of length {@code per} that holds {@code now}, keyed by its start. */
  static String budget(String stateMachineArn, Duration per, Instant now) {
    long perSeconds = per.toSeconds();
    if (perSeconds <= 0) {
      throw new IllegalArgumentException("budget period must be >= 1s, was " + per);
    }
    long windowStart = Math.floorDiv(now.getEpochSecond(), perSeconds) * perSeconds;
    return "budget#" + stateMachineArn + "#" + windowStart;
  }

  static String notice(String executionArn, long redriveCount) {
    return "notice#" + executionArn + "#" + redriveCount;
  }

  static String audit(String executionArn, long redriveCount) {
    return audit(executionArn) + "#" + redriveCount;
  }

  /** The start of the audit keys of executions whose ARN starts with {@code executionArn}. */
  static String audit(String executionArnPrefix) {
    return "audit#" + executionArnPrefix;
  }
}
