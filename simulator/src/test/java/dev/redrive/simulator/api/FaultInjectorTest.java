package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.api.FaultInjector.Fault;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** Faults injected into the HTTP API, as the AWS SDK v2 sees them. */
class FaultInjectorTest {
  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void throttlesEveryNthCallOfTheChosenOperationsOnlyAsTheSdkRecognisesThrottling() {
    FaultInjector faults =
        FaultInjector.builder().everyNth(Fault.THROTTLING, 2, List.of("ListStateMachines")).build();
    endpoint.server.faults(faults);

    endpoint.sfn.listStateMachines(b -> {});
    assertThatThrownBy(() -> endpoint.sfn.listStateMachines(b -> {}))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> {
              assertThat(e.isThrottlingException()).as("isThrottlingException").isTrue();
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
            });
    for (int i = 0; i < 4; i++) {
      endpoint.sfn.listActivities(b -> {});
    }

    assertThat(faults.calls("ListStateMachines")).isEqualTo(2);
    assertThat(faults.injected("ListStateMachines")).isEqualTo(1);
    assertThat(faults.injected("ListActivities")).isZero();
    assertThat(faults.injected()).isEqualTo(1);
  }

  @Test
  void theSdksOwnRetryStrategyRetriesInjectedFaultsAndTheCallsSucceed() {
    FaultInjector faults =
        FaultInjector.builder()
            .everyNth(Fault.THROTTLING, 2, List.of("ListStateMachines"))
            .everyNth(Fault.SERVICE_UNAVAILABLE, 2, List.of("ListActivities"))
            .build();
    endpoint.server.faults(faults);
    try (SfnClient retrying =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.server.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        StandardRetryStrategy.builder()
                            .maxAttempts(3)
                            .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                            .throttlingBackoffStrategy(
                                BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                            .build()))
            .build()) {
      retrying.listStateMachines(b -> {});
      retrying.listStateMachines(b -> {});
      retrying.listActivities(b -> {});
      retrying.listActivities(b -> {});
    }

    assertThat(faults.calls("ListStateMachines")).as("calls, the retry included").isEqualTo(3);
    assertThat(faults.calls("ListActivities")).as("calls, the retry included").isEqualTo(3);
    assertThat(faults.injected()).isEqualTo(2);
  }

  @Test
  void answersServiceUnavailableWith503AndInternalFailureWith500() {
    endpoint.server.faults(
        FaultInjector.builder()
            .everyNth(Fault.SERVICE_UNAVAILABLE, 1, List.of("ListStateMachines"))
            .everyNth(Fault.INTERNAL_FAILURE, 1, List.of())
            .build());

    assertThatThrownBy(() -> endpoint.sfn.listStateMachines(b -> {}))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
              assertThat(e.isThrottlingException()).isFalse();
            });
    assertThatThrownBy(() -> endpoint.sfn.listActivities(b -> {}))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            });

    endpoint.server.faults(FaultInjector.none());
    assertThat(endpoint.sfn.listActivities(b -> {}).activities()).isEmpty();
  }

  @Test
  void aFractionIsDrawnFromTheSeedSoTheSameCallsFailTheSameWay() {
    FaultInjector first = FaultInjector.parse(Fault.THROTTLING, "0.3", "--throttle", 7);
    FaultInjector second = FaultInjector.parse(Fault.THROTTLING, "0.3", "--throttle", 7);
    List<Optional<Fault>> a = new ArrayList<>();
    List<Optional<Fault>> b = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      a.add(first.decide("DescribeExecution"));
      b.add(second.decide("DescribeExecution"));
    }

    assertThat(a).isEqualTo(b);
    assertThat(first.injected("DescribeExecution")).isBetween(2_800L, 3_200L);
    assertThat(first.calls("DescribeExecution")).isEqualTo(10_000);
  }

  @Test
  void parsesRateAndOperations() {
    FaultInjector some =
        FaultInjector.parse(
            Fault.THROTTLING, "1/3:RedriveExecution, DescribeExecution", "--throttle", 0);
    List<Boolean> redrives = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      redrives.add(some.decide("RedriveExecution").isPresent());
    }

    assertThat(redrives).containsExactly(false, false, true, false, false, true);
    assertThat(some.decide("StartExecution")).isEmpty();
    assertThat(some)
        .hasToString(
            "ThrottlingException on 1 call in 3 of DescribeExecution, RedriveExecution (seed 0)");
    assertThat(FaultInjector.parse(Fault.THROTTLING, "1", "--throttle", 0).decide("TestState"))
        .contains(Fault.THROTTLING);
    assertThat(FaultInjector.none().isActive()).isFalse();
  }

  @Test
  void rejectsABadRateOrAnUnknownOperationNamingTheOption() {
    assertThatThrownBy(() -> FaultInjector.parse(Fault.THROTTLING, "half", "--throttle", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--throttle: expected RATE[:Operation,...] with RATE a fraction such as 0.5 or 1/N,"
                + " found 'half'");
    assertThatThrownBy(() -> FaultInjector.parse(Fault.THROTTLING, "1.5", "--throttle", 0))
        .hasMessage("--throttle: fraction must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> FaultInjector.parse(Fault.THROTTLING, "1/0", "--throttle", 0))
        .hasMessage("--throttle: N in 1/N must be >= 1, was 0");
    assertThatThrownBy(() -> FaultInjector.parse(Fault.THROTTLING, "0.5:Redrive", "--throttle", 0))
        .hasMessageStartingWith(
            "--throttle: expected Step Functions operations such as RedriveExecution or"
                + " DescribeExecution, found unknown 'Redrive' (known: CreateActivity,");
  }

  @Test
  void knowsEveryOperationTheEndpointServes() {
    try (StepFunctionsService service = StepFunctionsService.builder().build()) {
      assertThat(FaultInjector.OPERATIONS)
          .containsExactlyInAnyOrderElementsOf(new Operations(service).names());
    }
  }
}
