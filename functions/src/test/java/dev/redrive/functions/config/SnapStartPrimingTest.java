package dev.redrive.functions.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
  @Test
  void primesOnlyWhenLambdaInitialisesAheadOfInvocations() {
    assertThat(SnapStartPriming.isWanted(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")))
        .isTrue();
    assertThat(
            SnapStartPriming.isWanted(
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")))
        .isTrue();
    assertThat(SnapStartPriming.isWanted(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")))
        .isFalse();
    assertThat(SnapStartPriming.isWanted(Map.of())).isFalse();
  }

  @Test
  void aRedrivingPolicyRunsTheThreeCallsThroughTheControllerAndOnceMore() {
    // handle(): GetExecutionHistory, DescribeExecution, RedriveExecution; then each once directly.
    assertThat(
            SnapStartPriming.run(policy("redrive-task-failures.yaml"), ControllerSettings.DEFAULTS))
        .isEqualTo(6);
  }

  @Test
  void aPolicyThatGivesUpStillWarmsTheThreeCalls() {
    assertThat(SnapStartPriming.run(policy("give-up-everything.yaml"), ControllerSettings.DEFAULTS))
        .isEqualTo(3);
  }

  private static Policy policy(String name) {
    try (InputStream in = SnapStartPrimingTest.class.getResourceAsStream("/priming/" + name)) {
      return PolicyLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
