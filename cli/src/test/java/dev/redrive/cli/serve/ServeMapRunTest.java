package dev.redrive.cli.serve;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.serve.ServeCommandTest.awaitTrue;
import static dev.redrive.cli.serve.ServeCommandTest.client;
import static dev.redrive.cli.serve.ServeCommandTest.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The whole loop over a Distributed Map: its children fail, the map run fails, the controller
 * ignores the children ({@code REDRIVABLE_BY_MAP_RUN}) and redrives the parent, which redrives the
 * map run's failed children until they succeed.
 */
class ServeMapRunTest {
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stopServing() {
    stop.countDown();
    runner.shutdownNow();
  }

  private URI serve(String... args) throws Exception {
    CommandLine command =
        new CommandLine(new ServeCommand(stop))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    Future<Integer> serving = runner.submit(() -> command.execute(args));
    awaitTrue(
        "serve is listening with its controller",
        v -> serving.isDone() || out.toString().contains("controller attached"));
    assertThat(serving.isDone()).as("serve ended early; stderr: " + err).isFalse();
    Matcher m = ServeCommandTest.LISTENING.matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    return URI.create(m.group(1));
  }

  @Test
  void redrivesTheParentOfAFailedMapRunAndIgnoresItsChildren() throws Exception {
    URI endpoint =
        serve(
            "--port",
            "0",
            "--mock-config",
            resource("serve/batch-mock-config.json"),
            "--policy",
            resource("serve/map-runs.yaml"));
    String definition = Files.readString(Path.of(resource("serve/batch.asl.json")));

    String arn;
    String mapRunArn;
    try (SfnClient sfn = client(endpoint)) {
      String machine =
          sfn.createStateMachine(
                  b ->
                      b.name("batch")
                          .definition(definition)
                          .roleArn("arn:aws:iam::111111111111:role/batch"))
              .stateMachineArn();
      arn =
          sfn.startExecution(
                  b ->
                      b.stateMachineArn(machine + "#EachThrottledOnce")
                          .name("nightly")
                          .input("{\"orders\": [{\"id\": 1}, {\"id\": 2}]}"))
              .executionArn();

      awaitTrue(
          "the parent succeeded",
          v ->
              sfn.describeExecution(b -> b.executionArn(arn)).statusAsString().equals("SUCCEEDED"));
      assertThat(sfn.describeExecution(b -> b.executionArn(arn)).redriveCount()).isEqualTo(1);
      mapRunArn = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns().get(0).mapRunArn();
      DescribeMapRunResponse mapRun = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
      assertThat(mapRun.statusAsString()).isEqualTo("SUCCEEDED");
      assertThat(mapRun.redriveCount()).isEqualTo(1);
      assertThat(mapRun.executionCounts().succeeded()).isEqualTo(2);
      List<ExecutionListItem> children =
          sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
      assertThat(children).extracting(ExecutionListItem::redriveCount).containsOnly(1);
    }

    awaitTrue(
        "the controller decided on the parent and both children",
        v -> jsonLines(err.toString(), "decision").size() >= 3);
    List<JsonNode> decisions = jsonLines(err.toString(), "decision");
    List<JsonNode> parent =
        decisions.stream().filter(d -> d.get("executionArn").asText().equals(arn)).toList();
    assertThat(parent).hasSize(1);
    assertThat(parent.get(0).get("action").asText()).isEqualTo("REDRIVE");
    assertThat(parent.get(0).get("rule").asText()).isEqualTo("map-run-failed");
    assertThat(parent.get(0).get("error").asText())
        .isEqualTo("States.ExceedToleratedFailureThreshold");
    List<JsonNode> children =
        decisions.stream().filter(d -> !d.get("executionArn").asText().equals(arn)).toList();
    assertThat(children).hasSize(2);
    assertThat(children)
        .allSatisfy(
            d -> {
              assertThat(d.get("executionArn").asText()).contains(":execution:batch/Charges:");
              assertThat(d.get("action").asText()).isEqualTo("IGNORED");
              assertThat(d.get("reason").asText()).contains("REDRIVABLE_BY_MAP_RUN");
              assertThat(d.get("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
            });
  }
}
