package dev.redrive.functions.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.handler.SqsEventHandler;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.PolicyLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Invokes the SQS handler once, locally, on one event file, against a Step Functions endpoint such
 * as the simulator: {@code java -cp redrive-functions.jar dev.redrive.functions.local.LocalInvoke
 * ENDPOINT POLICY.yaml EVENT.json}.
 *
 * <p>The ledger is in memory, delayed redrives and give-ups are printed: this is for timing a cold
 * invocation and for trying a policy on a local execution, not for production. Exit code 0 when the
 * record succeeded, 1 when it was reported as a batch item failure, 2 for bad usage.
 */
public final class LocalInvoke {
  private LocalInvoke() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: LocalInvoke ENDPOINT POLICY.yaml EVENT.json");
      System.exit(2);
    }
    Clock clock = Clock.systemUTC();
    DecisionLog log = new DecisionLog(System.out);
    SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(URI.create(args[0]))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    RedriveController controller =
        new RedriveController(
            PolicyLoader.load(Path.of(args[1])),
            new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {}),
            new InMemoryLedger(),
            (body, delay) -> System.out.println("delayed " + delay + ": " + body),
            (notice, alsoMessage) -> System.out.println("given up: " + notice),
            log,
            clock,
            new SecureRandom(),
            ControllerSettings.DEFAULTS);
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId("local-1");
    record.setBody(Files.readString(Path.of(args[2])));
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(record));
    SQSBatchResponse response =
        new SqsEventHandler(controller, log, clock).handleRequest(event, null);
    System.exit(response.getBatchItemFailures().isEmpty() ? 0 : 1);
  }
}
