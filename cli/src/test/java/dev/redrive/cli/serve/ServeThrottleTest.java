package dev.redrive.cli.serve;

import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** {@code redrive serve --throttle}: throttling injected into the simulator's API. */
class ServeThrottleTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Pattern LISTENING =
      Pattern.compile("Step Functions simulator on (http://127\\.0\\.0\\.1:\\d+)\n");

  final ExecutorService runner = Executors.newSingleThreadExecutor();
  final CountDownLatch stop = new CountDownLatch(1);
  final StringWriter out = new StringWriter();

  @AfterEach
  void stopServing() {
    stop.countDown();
    runner.shutdownNow();
  }

  @Test
  void throttlesEveryNthCallOfTheOperationsListed() throws Exception {
    CommandLine command =
        new CommandLine(new ServeCommand(stop))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true));
    Future<Integer> serving =
        runner.submit(() -> command.execute("--port", "0", "--throttle", "1/2:ListActivities"));
    URI endpoint = awaitEndpoint(serving);

    try (SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      sfn.listActivities(b -> {});
      assertThatThrownBy(() -> sfn.listActivities(b -> {}))
          .isInstanceOfSatisfying(
              SfnException.class, e -> assertThat(e.isThrottlingException()).isTrue());
      sfn.listStateMachines(b -> {});
      sfn.listStateMachines(b -> {});
    }
    assertThat(out.toString())
        .contains("injecting ThrottlingException on 1 call in 2 of ListActivities (seed 0)");
    stop.countDown();
    assertThat(serving.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aBadThrottleIsBadInput() {
    Cli.Result result = run("serve", "--port", "0", "--throttle", "0.5:Redrive");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "redrive: --throttle: expected Step Functions operations such as RedriveExecution or"
                + " DescribeExecution, found unknown 'Redrive'");
  }

  private URI awaitEndpoint(Future<Integer> serving) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find() && out.toString().contains("injecting")) {
        return URI.create(m.group(1));
      }
      if (serving.isDone()) {
        throw new AssertionError("serve ended with " + serving.get() + " before listening");
      }
      Thread.sleep(10);
    }
    throw new AssertionError("serve did not print its endpoint within " + WAIT + ": " + out);
  }
}
