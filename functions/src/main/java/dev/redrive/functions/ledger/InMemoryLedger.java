package dev.redrive.functions.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Ledger} held in memory, for {@code redrive serve --policy} and tests. Thread-safe; lost
 * when the process ends.
 */
public final class InMemoryLedger implements Ledger {
  private final Map<String, Boolean> claims = new ConcurrentHashMap<>();
  private final Map<String, Integer> budgets = new ConcurrentHashMap<>();
  private final List<AuditRecord> audit = new ArrayList<>();

  @Override
  public ClaimResult claim(String executionArn, long redriveCount, Instant now) {
    Boolean previous = claims.putIfAbsent(LedgerKeys.claim(executionArn, redriveCount), false);
    if (previous == null) {
      return ClaimResult.CLAIMED;
    }
    return previous ? ClaimResult.COMPLETED : ClaimResult.PENDING;
  }

  @Override
  public boolean claimNotice(String executionArn, long redriveCount, Instant now) {
    return claims.putIfAbsent(LedgerKeys.notice(executionArn, redriveCount), true) == null;
  }

  @Override
  public boolean completed(String executionArn, long redriveCount) {
    return Boolean.TRUE.equals(claims.get(LedgerKeys.claim(executionArn, redriveCount)));
  }

  @Override
  public void complete(String executionArn, long redriveCount, Instant now) {
    claims.put(LedgerKeys.claim(executionArn, redriveCount), true);
  }

  @Override
  public boolean tryConsumeBudget(
      String stateMachineArn, int maxRedrives, Duration per, Instant now) {
    String key = LedgerKeys.budget(stateMachineArn, per, now);
    boolean[] charged = {false};
    budgets.compute(
        key,
        (k, used) -> {
          int n = used == null ? 0 : used;
          if (n < maxRedrives) {
            charged[0] = true;
            return n + 1;
          }
          return n;
        });
    return charged[0];
  }

  @Override
  public synchronized void record(AuditRecord record) {
    audit.add(record);
  }

  /** Every record so far, oldest first. */
  public synchronized List<AuditRecord> auditTrail() {
    return List.copyOf(audit);
  }
}
