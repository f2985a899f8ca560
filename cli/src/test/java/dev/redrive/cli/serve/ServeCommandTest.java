package dev.redrive.cli.serve;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.redrive.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

class ServeCommandTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Pattern LISTENING =
      Pattern.compile(
          "Step Functions simulator on (http://127\\.0\\.0\\.1:(\\d+))\n"
              + "console on http://127\\.0\\.0\\.1:\\d+/console/\n");
  static final ObjectMapper JSON = new ObjectMapper();

  final ExecutorService runner = Executors.newSingleThreadExecutor();
  final CountDownLatch stop = new CountDownLatch(1);
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @AfterEach
  void stopServing() {
    stop.countDown();
    runner.shutdownNow();
  }

  /** Starts {@code redrive serve args...} on a thread of its own; returns its endpoint. */
  Future<Integer> serve(String... args) {
    CommandLine command =
        new CommandLine(new ServeCommand(stop))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    return runner.submit(() -> command.execute(args));
  }

  /** Waits until serve has printed {@code lastLine}; returns the endpoint it printed. */
  URI awaitEndpoint(Future<Integer> serving, String lastLine) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find() && out.toString().contains(lastLine)) {
        return URI.create(m.group(1));
      }
      if (serving.isDone()) {
        throw new AssertionError(
            "serve ended with " + serving.get() + " before listening; stderr: " + err);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("serve did not print its endpoint within " + WAIT + ": " + out);
  }

  static void awaitTrue(String what, Predicate<Void> condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.test(null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  static SfnClient client(URI endpoint) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void servesTheApiWritesEventsAndRedrivesUntilThePolicyGivesUp(@TempDir Path dir)
      throws Exception {
    Path events = dir.resolve("events.jsonl");
    String policy = resource("serve/flaky-orders.yaml");
    Future<Integer> serving =
        serve("--port", "0", "--policy", policy, "--events-file", events.toString());
    URI endpoint = awaitEndpoint(serving, "controller attached");
    assertThat(out.toString())
        .matches(LISTENING.pattern() + "controller attached \\(policy \\Q" + policy + "\\E\\)\n");

    String definition = Files.readString(Path.of(resource("serve/missing-function.asl.json")));
    String arn;
    try (SfnClient sfn = client(endpoint)) {
      String machine =
          sfn.createStateMachine(
                  b ->
                      b.name("orders")
                          .definition(definition)
                          .roleArn("arn:aws:iam::111111111111:role/orders"))
              .stateMachineArn();
      arn =
          sfn.startExecution(b -> b.stateMachineArn(machine).name("order-1").input("{}"))
              .executionArn();

      awaitTrue("the controller gave up", v -> err.toString().contains("\"action\":\"GAVE_UP\""));
      DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
      assertThat(execution.statusAsString()).isEqualTo("FAILED");
      assertThat(execution.redriveCount()).as(err.toString()).isEqualTo(2);
    }

    List<JsonNode> decisions = jsonLines(err.toString(), "decision");
    assertThat(decisions)
        .extracting(d -> d.get("action").asText(), d -> d.get("redriveCount").asLong())
        .containsExactly(tuple("REDRIVE", 0L), tuple("REDRIVE", 1L), tuple("GAVE_UP", 2L));
    assertThat(decisions).allMatch(d -> d.get("executionArn").asText().equals(arn));
    assertThat(decisions.get(2).get("reason").asText()).contains("limit");
    assertThat(jsonLines(err.toString(), "given up")).hasSize(1);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(events)))
        .as("events carry execution input: the owner's only")
        .isEqualTo("rw-------");
    List<JsonNode> written = jsonLines(Files.readString(events), null);
    assertThat(written)
        .allSatisfy(
            e -> {
              assertThat(e.get("source").asText()).isEqualTo("aws.states");
              assertThat(e.get("detail-type").asText())
                  .isEqualTo("Step Functions Execution Status Change");
              assertThat(e.get("resources").get(0).asText()).isEqualTo(arn);
            });
    assertThat(written)
        .extracting(
            e -> e.get("detail").get("status").asText(),
            e -> e.get("detail").get("redriveCount").asInt())
        .containsExactly(
            tuple("RUNNING", 0),
            tuple("FAILED", 0),
            tuple("RUNNING", 1),
            tuple("FAILED", 1),
            tuple("RUNNING", 2),
            tuple("FAILED", 2));
    assertThat(written.get(5).get("detail").get("error").asText())
        .isEqualTo("Lambda.ResourceNotFoundException");

    stop.countDown();
    assertThat(serving.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
  }

  @Test
  void postsEventsToTheEventsUrlAndRunsNoControllerWithoutAPolicy() throws Exception {
    BlockingQueue<String> posted = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/events",
        exchange -> {
          posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
      Future<Integer> serving = serve("--port", "0", "--events-url", url);
      URI endpoint = awaitEndpoint(serving, "\n");

      try (SfnClient sfn = client(endpoint)) {
        String machine =
            sfn.createStateMachine(
                    b ->
                        b.name("hello")
                            .definition(
                                "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")
                            .roleArn("arn:aws:iam::111111111111:role/hello"))
                .stateMachineArn();
        sfn.startExecution(b -> b.stateMachineArn(machine).name("hello-1"));
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          String event = posted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
          assertThat(event).as("event " + (i + 1) + " posted within " + WAIT).isNotNull();
          statuses.add(JSON.readTree(event).get("detail").get("status").asText());
        }
        assertThat(statuses).containsExactlyInAnyOrder("RUNNING", "SUCCEEDED");
      }
      assertThat(out.toString()).doesNotContain("controller attached");

      stop.countDown();
      assertThat(serving.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
      assertThat(err.toString()).as("no decision without a policy").isEmpty();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void rejectsAnInvalidPolicyListingEveryProblem() {
    String file = resource("policies/invalid.yaml");

    Cli.Result result = run("serve", "--port", "0", "--policy", file);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("redrive: invalid policy " + file + ":\n")
        .contains(file + ":1:10: version: unsupported version 2; this engine reads version 1")
        .contains(file + ":11:7: rules[0].match.colours: unknown field 'colours'")
        .contains(file + ":13:11: rules[1].name: duplicate rule name 'throttling'");
    assertThat(result.err().lines().filter(l -> l.startsWith(file + ":"))).hasSize(7);
  }

  @Test
  void aPortInUseIsBadInput() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Cli.Result result = run("serve", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(result.code()).isEqualTo(2);
      assertThat(result.err())
          .startsWith("redrive: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void anEventsFileInAFolderThatDoesNotExistIsBadInputAndNoFolderIsCreated(@TempDir Path dir) {
    Path missing = dir.resolve("typo");

    Cli.Result result =
        run("serve", "--port", "0", "--events-file", missing.resolve("events.jsonl").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "redrive: --events-file "
                + missing.resolve("events.jsonl")
                + ": expected the folder "
                + missing
                + " to exist (it is not created), found nothing\n");
    assertThat(missing).doesNotExist();
  }

  @Test
  void warnsThatTheApiChecksNoSignaturesOnAnAddressOtherThanLoopback() {
    assertThat(ServeCommand.exposureWarning("0.0.0.0"))
        .hasValue(
            "--host 0.0.0.0 is not a loopback address: the API checks no signatures, so anyone"
                + " who can reach this port can create, start, stop and redrive executions");
    assertThat(ServeCommand.exposureWarning("192.0.2.10")).isPresent();
    assertThat(ServeCommand.exposureWarning("::")).isPresent();
    assertThat(ServeCommand.exposureWarning("127.0.0.1")).isEmpty();
    assertThat(ServeCommand.exposureWarning("127.0.0.2")).isEmpty();
    assertThat(ServeCommand.exposureWarning("::1")).isEmpty();
    assertThat(ServeCommand.exposureWarning("localhost")).isEmpty();
  }

  @Test
  void anEventsUrlThatIsNotHttpIsBadInput() {
    Cli.Result result = run("serve", "--port", "0", "--events-url", "ftp://example.com/events");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("redrive: --events-url: ").contains("http or https");
  }

  @Test
  void redrivesAMockedTaskThatIsThrottledTwiceUntilItSucceeds() throws Exception {
    String mocks = resource("serve/mock-config.json");
    Future<Integer> serving =
        serve(
            "--port", "0", "--mock-config", mocks, "--policy", resource("serve/flaky-orders.yaml"));
    URI endpoint = awaitEndpoint(serving, "controller attached");
    String definition = Files.readString(Path.of(resource("serve/orders.asl.json")));

    try (SfnClient sfn = client(endpoint)) {
      String machine =
          sfn.createStateMachine(
                  b ->
                      b.name("orders")
                          .definition(definition)
                          .roleArn("arn:aws:iam::111111111111:role/orders"))
              .stateMachineArn();
      String arn =
          sfn.startExecution(
                  b -> b.stateMachineArn(machine + "#ThrottledTwice").name("order-2").input("{}"))
              .executionArn();

      awaitTrue(
          "the execution succeeded",
          v ->
              sfn.describeExecution(b -> b.executionArn(arn)).statusAsString().equals("SUCCEEDED"));
      DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
      assertThat(execution.redriveCount()).isEqualTo(2);
      assertThat(execution.output()).isEqualTo("{\"charged\":true}");

      // The console shows the same decisions, each with the policy's explanation.
      java.net.http.HttpResponse<String> page =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          endpoint.resolve(
                              "/console/api/execution?arn="
                                  + java.net.URLEncoder.encode(
                                      arn, java.nio.charset.StandardCharsets.UTF_8)))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode controller = JSON.readTree(page.body()).path("controller");
      assertThat(controller.path("attached").asBoolean()).isTrue();
      assertThat(controller.path("decisions"))
          .extracting(
              d -> d.path("action").asText(),
              d -> d.path("rule").asText(),
              d -> d.path("result").asText())
          .containsExactly(
              tuple("REDRIVE", "throttled", "REDRIVEN"), tuple("REDRIVE", "throttled", "REDRIVEN"));
      assertThat(controller.path("decisions").get(0).path("explanation").asText())
          .contains("throttled");
    }
    assertThat(jsonLines(err.toString(), "decision"))
        .extracting(d -> d.get("action").asText(), d -> d.get("rule").asText())
        .containsExactly(tuple("REDRIVE", "throttled"), tuple("REDRIVE", "throttled"));
  }

  @Test
  void rejectsAnInvalidMockConfigurationListingEveryProblem() {
    String file = resource("serve/invalid-mock-config.json");

    Cli.Result result = run("serve", "--port", "0", "--mock-config", file);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("redrive: invalid mock configuration " + file + ": 10 problems\n")
        .contains("  $.Extra: unknown field (expected MockedResponses or StateMachines)\n")
        .contains(
            "  $.StateMachines.orders.TestCases.Broken.Charge: no mocked response named"
                + " 'NoSuchResponse' in $.MockedResponses\n");
    assertThat(result.err().lines().filter(l -> l.startsWith("  $."))).hasSize(10);
  }

  static List<JsonNode> jsonLines(String text, String message) {
    return text.lines()
        .filter(line -> line.startsWith("{"))
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
              }
            })
        .filter(json -> message == null || message.equals(json.path("message").asText()))
        .toList();
  }

  @Test
  void theEndpointOfAWildcardAddressIsCalledThroughTheLoopback() {
    assertThat(ServeCommand.controllerEndpoint(ServeCommand.endpoint("0.0.0.0", 8083)))
        .isEqualTo(URI.create("http://127.0.0.1:8083"));
    assertThat(ServeCommand.endpoint("::1", 8083)).isEqualTo(URI.create("http://[::1]:8083"));
  }
}
