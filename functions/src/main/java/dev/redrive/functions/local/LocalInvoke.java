package dev.redrive.functions.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.redrive.functions.config.SnapStartPriming;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.handler.SqsEventHandler;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
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
 *
 * <p>With {@code -Dredrive.startupTrace=true}, prints to standard error when each step of the start
 * ended, in milliseconds since the JVM started; functions/BENCHMARKS.md uses it. With {@code
 * -Dredrive.prime=true}, runs {@link SnapStartPriming} before handling the event, as the function
 * does in its init phase under SnapStart: the "handled" step then shows what priming leaves to the
 * first invocation.
 */
public final class LocalInvoke {
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private LocalInvoke() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: LocalInvoke ENDPOINT POLICY.yaml EVENT.json");
      System.exit(2);
    }
    Checkpoints marks = new Checkpoints(Boolean.getBoolean("redrive.startupTrace"));
    marks.mark("main");
    Clock clock = Clock.systemUTC();
    DecisionLog log = new DecisionLog(System.out);
    marks.mark("decision log");
    URI endpoint = URI.create(args[0]);
    SdkHttpClient http = httpClient(endpoint);
    marks.mark("http client");
    SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(http)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    marks.mark("sfn client");
    var policy = PolicyLoader.load(Path.of(args[1]));
    marks.mark("policy");
    var gateway = new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {});
    marks.mark("gateway");
    RedriveController controller =
        new RedriveController(
            policy,
            gateway,
            new InMemoryLedger(),
            (body, delay) -> System.out.println("delayed " + delay + ": " + body),
            (notice, alsoMessage) -> System.out.println("given up: " + notice),
            log,
            clock,
            new SecureRandom(),
            ControllerSettings.DEFAULTS);
    marks.mark("controller");
    if (Boolean.getBoolean("redrive.prime")) {
      SnapStartPriming.run(policy, ControllerSettings.DEFAULTS);
      marks.mark("primed");
    }
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId("local-1");
    record.setBody(Files.readString(Path.of(args[2])));
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(record));
    SQSBatchResponse response =
        new SqsEventHandler(controller, log, clock).handleRequest(event, null);
    marks.mark("handled");
    marks.print();
    System.exit(response.getBatchItemFailures().isEmpty() ? 0 : 1);
  }

  /**
   * The url-connection client for {@code endpoint}. Created the usual way, it builds an {@code
   * SSLContext} at once, reading and parsing the JDK's trust store (about a fifth of a cold
   * invocation on the benchmark machine): a plain-HTTP endpoint such as the simulator needs none of
   * it, so its connections are opened by the JDK directly.
   */
  static SdkHttpClient httpClient(URI endpoint) {
    if (!"http".equalsIgnoreCase(endpoint.getScheme())) {
      return UrlConnectionHttpClient.create();
    }
    return UrlConnectionHttpClient.create(
        uri -> {
          try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            return connection;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
          }
        });
  }
}
