package dev.redrive.functions.config;

import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.delay.SqsDelayQueue;
import dev.redrive.functions.ledger.DynamoDbLedger;
import dev.redrive.functions.notify.AwsGiveUpNotifier;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the controller as it runs in Lambda: real AWS clients on the url-connection HTTP client
 * (small and quick to start), region from {@code AWS_REGION}, settings from the environment.
 *
 * <p>Every client is built here, at once, even those only a give-up or a delayed redrive uses (SQS,
 * EventBridge, SNS). This is deliberate: the function runs with SnapStart, so this code runs once,
 * in the init phase before the snapshot, and every restored instance starts with all of them ready.
 * Built lazily, each would cost its first give-up or delayed redrive a few tens of milliseconds on
 * every restored instance instead (measured in functions/BENCHMARKS.md).
 *
 * <p>Under SnapStart and provisioned concurrency it also primes the request path before returning
 * ({@link SnapStartPriming}), so that the first invocation does not run it cold.
 */
public final class ControllerFactory {
  /** The policy packaged into the function jar from the user's checkout. */
  public static final String PACKAGED_POLICY = "redrive-policy.yaml";

  private ControllerFactory() {}

  /** The controller from {@link ControllerEnvironment} variables. */
  public static RedriveController fromEnvironment(Map<String, String> variables, DecisionLog log) {
    ControllerEnvironment env = ControllerEnvironment.from(variables);
    Clock clock = Clock.systemUTC();
    // Step Functions calls are retried by the gateway (resilience4j); the SDK must not retry too.
    SfnClient sfn =
        SfnClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(AwsRetryStrategy.doNotRetry())
                    .build())
            .build();
    SnsClient sns =
        env.giveUpTopicArn().isPresent()
            ? SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()
            : null;
    Policy policy = loadPolicy(env);
    RedriveController controller =
        new RedriveController(
            policy,
            new StepFunctionsGateway(sfn, env.resilience(), () -> log.throttle(clock.instant())),
            new DynamoDbLedger(
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                env.ledgerTable()),
            new SqsDelayQueue(
                SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                env.queueUrl()),
            new AwsGiveUpNotifier(
                EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                env.giveUpBus(),
                env.giveUpSource(),
                java.util.Optional.ofNullable(sns),
                env.giveUpTopicArn()),
            log,
            clock,
            new SecureRandom(),
            env.controller());
    if (SnapStartPriming.isWanted(variables)) {
      prime(policy, env.controller());
    }
    return controller;
  }

  /**
   * Primes the request path before a SnapStart snapshot ({@link SnapStartPriming}). A failure here
   * is a bug in the priming, not in the controller: it is reported on standard error and the
   * function starts unprimed rather than not at all.
   */
  private static void prime(Policy policy, ControllerSettings settings) {
    try {
      SnapStartPriming.run(policy, settings);
    } catch (RuntimeException e) {
      System.err.println("priming failed, starting unprimed: " + e);
    }
  }

  /** The policy from POLICY_FILE, or the one packaged into the jar. */
  static Policy loadPolicy(ControllerEnvironment env) {
    if (env.policyFile().isPresent()) {
      return PolicyLoader.load(env.policyFile().get());
    }
    try (InputStream in =
        ControllerFactory.class.getClassLoader().getResourceAsStream(PACKAGED_POLICY)) {
      if (in == null) {
        throw new IllegalStateException(
            "no policy: set POLICY_FILE, or build the function with -Dredrive.policy.file=PATH so"
                + " that "
                + PACKAGED_POLICY
                + " is packaged");
      }
      return PolicyLoader.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), PACKAGED_POLICY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the packaged " + PACKAGED_POLICY, e);
    }
  }
}
