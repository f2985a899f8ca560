package dev.redrive.cli.serve;

import static dev.redrive.cli.Cli.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code redrive serve --policy} as its own process, its output sent to a file as a script or a
 * service manager would, and a client that starts executions the moment the port opens, while the
 * controller may still be starting: every failure, the first included, gets exactly one decision.
 */
class ServeProcessTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  /** Executions started after the controller announced itself, besides those started before. */
  static final int AFTER_ATTACHED = 3;

  /** Executions at most, should the announcement never come. */
  static final int AT_MOST = 500;

  /** Between two executions: a steady trickle of failures while the controller starts. */
  static final Duration PACE = Duration.ofMillis(100);

  @TempDir Path dir;
  Process serve;

  @AfterEach
  void stopServe() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroy();
      if (!serve.waitFor(10, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A client without the SDK's retries: a refused connection fails at once. */
  static SfnClient client(URI endpoint) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * Creates the state machine as soon as serve answers, calling it until it does, as a script that
   * polls the port would (the client is ready before serve starts, so no time is lost on our side).
   */
  String createStateMachineOnceServing(SfnClient sfn, String definition, Path output)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return sfn.createStateMachine(
                b ->
                    b.name("orders")
                        .definition(definition)
                        .roleArn("arn:aws:iam::111111111111:role/orders"))
            .stateMachineArn();
      } catch (SdkClientException notServingYet) {
        if (!serve.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "serve did not answer within " + WAIT + ":\n" + read(output), notServingYet);
        }
        Thread.sleep(5);
      }
    }
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void decidesEveryFailureOnceFromTheMomentThePortOpens() throws Exception {
    int port = freePort();
    Path output = dir.resolve("serve.log");
    Path events = dir.resolve("events.jsonl");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                "dev.redrive.cli.Main",
                "serve",
                "--port",
                String.valueOf(port),
                "--policy",
                resource("serve/redrive-once.yaml"),
                "--mock-config",
                resource("serve/mock-config.json"),
                "--events-file",
                events.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    String definition = Files.readString(Path.of(resource("serve/orders.asl.json")));
    List<String> arns = new ArrayList<>();
    int beforeAttached = 0;
    try (SfnClient sfn = client(endpoint)) {
      // Ready before serve starts: the SDK's first use is slow.
      assertThatThrownBy(() -> sfn.listStateMachines()).isInstanceOf(SdkClientException.class);
      serve = process.start();
      String machine = createStateMachineOnceServing(sfn, definition, output);
      // Each execution fails at once (the mock throws twice, then returns): started from the
      // moment the port opens, the first ones fail while the controller may still be starting.
      int afterAttached = 0;
      while (afterAttached < AFTER_ATTACHED && arns.size() < AT_MOST) {
        if (read(output).contains("controller attached")) {
          afterAttached++;
        } else {
          beforeAttached++;
        }
        String name = "order-" + (arns.size() + 1);
        arns.add(
            sfn.startExecution(
                    b -> b.stateMachineArn(machine + "#ThrottledTwice").name(name).input("{}"))
                .executionArn());
        Thread.sleep(PACE.toMillis());
      }
      assertThat(read(output)).contains("controller attached");

      // The mock throws twice: each execution fails, is redriven once (the policy allows one),
      // fails again and is given up. The attached controller redrives at most 2 per second by
      // default, hence the time allowed per execution.
      Duration allowed = WAIT.plus(Duration.ofMillis(500L * arns.size()));
      long deadline = System.nanoTime() + allowed.toNanos();
      while (ServeCommandTest.jsonLines(read(output), "decision").size() < 2 * arns.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }

    serve.destroy();
    assertThat(serve.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String log = read(output);
    List<JsonNode> failures =
        ServeCommandTest.jsonLines(read(events), null).stream()
            .filter(e -> e.at("/detail/status").asText().equals("FAILED"))
            .toList();
    Map<String, Long> decisionsPerFailure =
        ServeCommandTest.jsonLines(log, "decision").stream()
            .collect(
                Collectors.groupingBy(
                    d -> d.get("executionArn").asText() + "@" + d.get("redriveCount").asText(),
                    Collectors.counting()));
    Map<String, Long> expected =
        failures.stream()
            .collect(
                Collectors.toMap(
                    e -> e.at("/detail/executionArn").asText() + "@" + e.at("/detail/redriveCount"),
                    e -> 1L));
    // Not asserted (it depends on the machine's speed), but said when the test fails.
    log = beforeAttached + " executions started before the controller was announced\n" + log;
    assertThat(failures).as(log).hasSize(2 * arns.size());
    assertThat(decisionsPerFailure).as(log).isEqualTo(expected);
    assertThat(ServeCommandTest.jsonLines(log, "decision"))
        .extracting(d -> d.get("action").asText())
        .containsOnly("REDRIVE", "GAVE_UP")
        .filteredOn("REDRIVE"::equals)
        .hasSize(arns.size());
    assertThat(log).doesNotContain("message dropped", "record failed", "not delivered");
  }
}
