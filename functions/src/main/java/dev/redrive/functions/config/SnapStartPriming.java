package dev.redrive.functions.config;

import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.PrimingHttpClient;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.Policy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Priming for SnapStart: runs one event through a throwaway controller whose Step Functions client
 * answers from {@link PrimingHttpClient}, without network, so that what the first invocation would
 * otherwise do cold (Jackson reading the event and writing the decision line, the policy, the
 * resilience4j decorators, the SDK's marshalling, endpoint rules, SigV4 signing and unmarshalling
 * of the three calls) is loaded and compiled before Lambda takes the snapshot.
 *
 * <p>Only the code is warmed: nothing of it is kept. The throwaway controller has its own in-memory
 * ledger, a decision log that writes nowhere, its own circuit breaker and rate limiter, dummy
 * credentials and fixed responses; no AWS endpoint is called, no connection is opened, and the real
 * clients and their credentials are left untouched.
 */
public final class SnapStartPriming {
  /** The variable in which Lambda says how the execution environment is being initialised. */
  public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  private SnapStartPriming() {}

  /**
   * Whether to prime: when Lambda initialises the environment ahead of invocations, for a SnapStart
   * snapshot ({@code snap-start}) or for provisioned concurrency ({@code provisioned-concurrency}).
   * Not for {@code on-demand} (or outside Lambda), where priming would only lengthen the cold start
   * it is meant to shorten.
   */
  public static boolean isWanted(Map<String, String> variables) {
    String type = variables.getOrDefault(INITIALIZATION_TYPE, "");
    return type.equals("snap-start") || type.equals("provisioned-concurrency");
  }

  /**
   * Primes with {@code policy}: handles one FAILED event (whatever the policy decides for it), then
   * makes each of the gateway's three calls once, so that the SDK's path is warmed even when the
   * policy does not redrive that event.
   *
   * @return how many Step Functions requests the priming client answered
   * @throws RuntimeException if any step fails: a bug, since every answer is fixed
   */
  public static int run(Policy policy, ControllerSettings settings) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(settings, "settings");
    PrimingHttpClient http = new PrimingHttpClient();
    try (SfnClient sfn =
        SfnClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
            .httpClient(http)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      StepFunctionsGateway gateway =
          new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {});
      new RedriveController(
              policy,
              gateway,
              new InMemoryLedger(),
              (body, delay) -> {},
              (notice, alsoMessage) -> {},
              new DecisionLog(new PrintStream(OutputStream.nullOutputStream())),
              Clock.systemUTC(),
              new Random(0),
              settings)
          .handle(event(Clock.systemUTC().millis()));
      gateway.failurePoint(PrimingHttpClient.EXECUTION_ARN);
      gateway.describe(PrimingHttpClient.EXECUTION_ARN);
      gateway.redrive(PrimingHttpClient.EXECUTION_ARN, "priming");
    }
    return http.answered();
  }

  /**
   * A FAILED status-change event of the execution {@link PrimingHttpClient} describes, stopped a
   * few seconds before {@code nowMillis}: recent, as the policy redrives only within AWS's redrive
   * period.
   */
  private static String event(long nowMillis) {
    return "{\"version\":\"0\",\"id\":\"priming\","
        + "\"detail-type\":\"Step Functions Execution Status Change\",\"source\":\"aws.states\","
        + "\"account\":\"111111111111\",\"region\":\"us-east-1\",\"resources\":[\""
        + PrimingHttpClient.EXECUTION_ARN
        + "\"],\"detail\":{\"executionArn\":\""
        + PrimingHttpClient.EXECUTION_ARN
        + "\",\"stateMachineArn\":\"arn:aws:states:us-east-1:111111111111:stateMachine:priming\","
        + "\"name\":\"priming\",\"status\":\"FAILED\",\"startDate\":"
        + (nowMillis - 4_000)
        + ",\"stopDate\":"
        + (nowMillis - 1_000)
        + ",\"input\":\"{}\",\"redriveCount\":0,\"redriveStatus\":\"REDRIVABLE\","
        + "\"error\":\"States.TaskFailed\",\"cause\":\"priming\"}}";
  }
}
