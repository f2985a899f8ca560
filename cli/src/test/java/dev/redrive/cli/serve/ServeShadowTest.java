package dev.redrive.cli.serve;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** {@code redrive serve --policy P --shadow}: every decision logged, none acted on. */
class ServeShadowTest {
  static final Duration WAIT = ServeCommandTest.WAIT;

  final ExecutorService runner = Executors.newSingleThreadExecutor();
  final CountDownLatch stop = new CountDownLatch(1);
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @AfterEach
  void stopServing() {
    stop.countDown();
    runner.shutdownNow();
  }

  @Test
  void decidesAndLogsEveryFailureButRedrivesNothing() throws Exception {
    String policy = resource("serve/flaky-orders.yaml");
    CommandLine command =
        new CommandLine(new ServeCommand(stop))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    Future<Integer> serving =
        runner.submit(() -> command.execute("--port", "0", "--policy", policy, "--shadow"));
    URI endpoint = awaitEndpoint(serving);
    assertThat(out.toString()).contains("controller attached (policy " + policy + ", shadow mode");

    String definition = Files.readString(Path.of(resource("serve/missing-function.asl.json")));
    try (SfnClient sfn = ServeCommandTest.client(endpoint)) {
      String machine =
          sfn.createStateMachine(
                  b ->
                      b.name("orders")
                          .definition(definition)
                          .roleArn("arn:aws:iam::111111111111:role/orders"))
              .stateMachineArn();
      String arn =
          sfn.startExecution(b -> b.stateMachineArn(machine).name("order-1").input("{}"))
              .executionArn();

      ServeCommandTest.awaitTrue(
          "the shadow decision", v -> err.toString().contains("\"message\":\"decision\""));
      List<JsonNode> decisions = ServeCommandTest.jsonLines(err.toString(), "decision");
      assertThat(decisions).hasSize(1);
      assertThat(decisions.get(0).get("action").asText()).isEqualTo("REDRIVE");
      assertThat(decisions.get(0).get("rule").asText()).isEqualTo("function-not-deployed-yet");
      assertThat(decisions.get(0).get("taken").asBoolean()).isFalse();
      DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
      assertThat(execution.statusAsString()).isEqualTo("FAILED");
      assertThat(execution.redriveCount()).isZero();
    }
    stop.countDown();
    assertThat(serving.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
  }

  @Test
  void shadowWithoutAPolicyIsBadInput() {
    Cli.Result result = run("serve", "--port", "0", "--shadow");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("redrive: --shadow needs --policy: there is no controller" + " without one\n");
  }

  @Test
  void aControllerRateThatIsNotPositiveIsBadInput() {
    Cli.Result result =
        run(
            "serve",
            "--port",
            "0",
            "--policy",
            resource("serve/flaky-orders.yaml"),
            "--controller-rate",
            "0");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--controller-rate must be > 0, was 0.0");
  }

  private URI awaitEndpoint(Future<Integer> serving) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = ServeCommandTest.LISTENING.matcher(out.toString());
      if (m.find() && out.toString().contains("controller attached")) {
        return URI.create(m.group(1));
      }
      if (serving.isDone()) {
        throw new AssertionError("serve ended with " + serving.get() + "; stderr: " + err);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("serve did not start within " + WAIT + ": " + out);
  }
}
