package dev.redrive.functions.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.functions.ledger.Ledger.ClaimResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link Ledger} must do; run against each implementation by a subclass. */
abstract class LedgerContractTest {
  static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:e-1";
  static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
  static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

  abstract Ledger ledger();

  @Test
  void firstClaimWinsAndLaterOnesSeePending() {
    Ledger ledger = ledger();
    assertThat(ledger.claim(ARN, 0, NOW)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(ledger.claim(ARN, 0, NOW)).isEqualTo(ClaimResult.PENDING);
  }

  @Test
  void completedClaimIsReportedAsCompleted() {
    Ledger ledger = ledger();
    ledger.claim(ARN, 0, NOW);
    ledger.complete(ARN, 0, NOW);
    assertThat(ledger.claim(ARN, 0, NOW)).isEqualTo(ClaimResult.COMPLETED);
  }

  @Test
  void onlyACompletedClaimReadsAsCompleted() {
    Ledger ledger = ledger();
    assertThat(ledger.completed(ARN, 0)).isFalse();
    ledger.claim(ARN, 0, NOW);
    assertThat(ledger.completed(ARN, 0)).isFalse();
    ledger.complete(ARN, 0, NOW);
    assertThat(ledger.completed(ARN, 0)).isTrue();
    assertThat(ledger.completed(ARN, 1)).isFalse();
  }

  @Test
  void eachRedriveCountIsClaimedSeparately() {
    Ledger ledger = ledger();
    assertThat(ledger.claim(ARN, 0, NOW)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(ledger.claim(ARN, 1, NOW)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(ledger.claim(ARN + "-other", 0, NOW)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void concurrentClaimsHaveExactlyOneWinner() throws Exception {
    Ledger ledger = ledger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ClaimResult>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(() -> ledger.claim(ARN, 3, NOW));
      }
      int winners = 0;
      for (Future<ClaimResult> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        if (f.get() == ClaimResult.CLAIMED) {
          winners++;
        }
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void budgetStopsAfterMaxRedrivesInAWindowAndRefillsInTheNext() {
    Ledger ledger = ledger();
    Duration hour = Duration.ofHours(1);
    assertThat(ledger.tryConsumeBudget(SM, 2, hour, NOW)).isTrue();
    assertThat(ledger.tryConsumeBudget(SM, 2, hour, NOW.plusSeconds(60))).isTrue();
    assertThat(ledger.tryConsumeBudget(SM, 2, hour, NOW.plusSeconds(120))).isFalse();
    assertThat(ledger.tryConsumeBudget(SM + "-other", 2, hour, NOW)).isTrue();
    assertThat(ledger.tryConsumeBudget(SM, 2, hour, NOW.plus(hour))).isTrue();
  }

  @Test
  void giveUpNoticeIsClaimedOncePerRedriveCount() {
    Ledger ledger = ledger();
    assertThat(ledger.claimNotice(ARN, 1, NOW)).isTrue();
    assertThat(ledger.claimNotice(ARN, 1, NOW)).isFalse();
    assertThat(ledger.claimNotice(ARN, 2, NOW)).isTrue();
    assertThat(ledger.claim(ARN, 1, NOW)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void recordsDecisions() {
    Ledger ledger = ledger();
    ledger.record(
        new AuditRecord(
            ARN,
            0,
            "FAILED",
            "REDRIVE",
            Optional.of("orders-transient"),
            "redrive 1 of 3",
            NOW,
            NOW.plus(Duration.ofDays(30))));
  }
}
