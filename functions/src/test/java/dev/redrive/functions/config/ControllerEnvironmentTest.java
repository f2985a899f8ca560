package dev.redrive.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.functions.controller.ControllerMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerEnvironmentTest {
  @Test
  void appliesDefaultsToWhatIsNotSet() {
    ControllerEnvironment env =
        ControllerEnvironment.from(
            Map.of("LEDGER_TABLE", "ledger", "REDRIVE_QUEUE_URL", "https://sqs/q"));
    assertThat(env.giveUpBus()).isEqualTo("default");
    assertThat(env.giveUpSource()).isEqualTo("redrive.controller");
    assertThat(env.giveUpTopicArn()).isEmpty();
    assertThat(env.policyFile()).isEmpty();
    assertThat(env.controller().auditRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(env.controller().checkNestedParents()).isTrue();
    assertThat(env.controller().mode()).isEqualTo(ControllerMode.ENFORCE);
    assertThat(env.resilience().maxAttempts()).isEqualTo(5);
    assertThat(env.resilience().redrivesPerSecond()).isEqualTo(2.0);
  }

  @Test
  void reportsEveryBadVariableAtOnce() {
    assertThatThrownBy(
            () ->
                ControllerEnvironment.from(
                    Map.of(
                        "AUDIT_TTL_DAYS", "soon",
                        "SFN_MAX_ATTEMPTS", "0",
                        "SFN_REDRIVES_PER_SECOND", "-1",
                        "NESTED_CHECK", "maybe",
                        "CONTROLLER_MODE", "dry-run")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LEDGER_TABLE is required")
        .hasMessageContaining("REDRIVE_QUEUE_URL is required")
        .hasMessageContaining("AUDIT_TTL_DAYS must be a whole number, was 'soon'")
        .hasMessageContaining("SFN_MAX_ATTEMPTS must be >= 1, was 0")
        .hasMessageContaining("SFN_REDRIVES_PER_SECOND must be > 0, was -1")
        .hasMessageContaining("NESTED_CHECK must be true or false, was 'maybe'")
        .hasMessageContaining("CONTROLLER_MODE: expected enforce or shadow, found 'dry-run'");
  }

  @Test
  void readsTheShadowMode() {
    ControllerEnvironment env =
        ControllerEnvironment.from(
            Map.of(
                "LEDGER_TABLE", "ledger",
                "REDRIVE_QUEUE_URL", "https://sqs/q",
                "CONTROLLER_MODE", "shadow"));
    assertThat(env.controller().mode()).isEqualTo(ControllerMode.SHADOW);
  }
}
