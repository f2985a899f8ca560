package dev.redrive.functions.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

class PrimingHttpClientTest {
  private final PrimingHttpClient http = new PrimingHttpClient();
  private final SfnClient sfn =
      SfnClient.builder()
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
          .httpClient(http)
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .build();
  private final StepFunctionsGateway gateway =
      new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {});

  @Test
  void answersTheGatewaysCallsAsStepFunctionsWould() {
    assertThat(gateway.failurePoint(PrimingHttpClient.EXECUTION_ARN))
        .contains(new FailurePoint("Priming", "Task", false));
    ExecutionView view = gateway.describe(PrimingHttpClient.EXECUTION_ARN);
    assertThat(view.status()).isEqualTo("FAILED");
    assertThat(view.redriveCount()).isZero();
    assertThat(gateway.redrive(PrimingHttpClient.EXECUTION_ARN, "token").kind())
        .isEqualTo(RedriveResult.Kind.REDRIVEN);
    assertThat(http.answered()).isEqualTo(3);
  }

  @Test
  void refusesAnyOtherOperationNamingIt() {
    assertThatThrownBy(() -> sfn.listStateMachines(r -> {}))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("ListStateMachines")
        .hasMessageContaining("priming client");
  }
}
