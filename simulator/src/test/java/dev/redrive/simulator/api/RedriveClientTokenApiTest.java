package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** RedriveExecution's clientToken over HTTP: a repeated request is answered, not run again. */
class RedriveClientTokenApiTest {
  private static final String FAILING =
      "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Fail\","
          + "\"Error\":\"Payment.Declined\",\"Cause\":\"card declined\"}}}";

  private Endpoint endpoint;
  private String arn;

  @BeforeEach
  void failedExecution() {
    endpoint = new Endpoint();
    String sm = endpoint.createStateMachine("charge", FAILING);
    arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    assertThat(endpoint.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @AfterEach
  void close() {
    endpoint.close();
  }

  private Instant redrive(String token) {
    return endpoint.sfn.redriveExecution(b -> b.executionArn(arn).clientToken(token)).redriveDate();
  }

  @Test
  void theSameTokenAnswersTheSameRedriveAndRunsNothingMore() {
    Instant first = redrive("controller-token-1");
    Instant again = redrive("controller-token-1");

    assertThat(again).isEqualTo(first);
    assertThat(endpoint.awaitEnd(arn).redriveCount()).isEqualTo(1);
    // the execution failed again: the same token still answers the first redrive
    assertThat(redrive("controller-token-1")).isEqualTo(first);
    assertThat(endpoint.awaitEnd(arn).redriveCount()).isEqualTo(1);
  }

  @Test
  void aNewTokenRedrivesAgainOnceTheExecutionFailedAgain() {
    redrive("token-a");
    assertThat(endpoint.awaitEnd(arn).redriveCount()).isEqualTo(1);
    redrive("token-b");
    assertThat(endpoint.awaitEnd(arn).redriveCount()).isEqualTo(2);
  }

  @Test
  void aNewTokenWhileTheRedriveRunsIsRefused() {
    String sm =
        endpoint.createStateMachine(
            "slow",
            "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":5,"
                + "\"Next\":\"Fail\"},\"Fail\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}");
    String slow = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    endpoint.sfn.stopExecution(b -> b.executionArn(slow));
    assertThat(endpoint.awaitEnd(slow).status()).isEqualTo(ExecutionStatus.ABORTED);
    endpoint.sfn.redriveExecution(b -> b.executionArn(slow).clientToken("first"));

    assertThatThrownBy(
            () -> endpoint.sfn.redriveExecution(b -> b.executionArn(slow).clientToken("second")))
        .isInstanceOf(ExecutionNotRedrivableException.class);
    endpoint.sfn.redriveExecution(b -> b.executionArn(slow).clientToken("first"));
    endpoint.sfn.stopExecution(b -> b.executionArn(slow));
  }

  @Test
  void aTokenLongerThan64CharactersIsAValidationError() {
    assertThatThrownBy(() -> redrive("x".repeat(65)))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("clientToken")
        .hasMessageContaining("64");
    assertThat(endpoint.sfn.describeExecution(b -> b.executionArn(arn)).redriveCount()).isZero();
  }
}
