package dev.redrive.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.service.StepFunctionsService;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;

/**
 * Runs a corpus case the way a user does: the simulator served over HTTP on 127.0.0.1 (an ephemeral
 * port, one server per case, since each case has its own virtual clock and functions) and driven by
 * the AWS SDK's {@link SfnClient}: CreateActivity, CreateStateMachine, StartExecution, then
 * DescribeExecution until the execution ends and GetExecutionHistory (all pages); an Express case
 * through StartSyncExecution. The history the SDK returns is rendered back to the JSON protocol's
 * field names from the SDK model's own marshalling names, then judged by {@link CaseRunner#compare}
 * exactly as the in-process path is.
 */
final class HttpCaseRunner implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The longest real time a case may run before it is judged as hanging. */
  private static final Duration CASE_LIMIT = Duration.ofSeconds(60);

  private final SdkHttpClient http;

  private HttpCaseRunner(SdkHttpClient http) {
    this.http = http;
  }

  /** A runner with one HTTP client shared by the cases' SDK clients. */
  static HttpCaseRunner start() {
    return new HttpCaseRunner(UrlConnectionHttpClient.create());
  }

  /** Runs and judges one case over HTTP. */
  CaseRunner.Verdict run(JsonNode c) {
    String id = c.path("id").asText();
    String area = c.path("feature_area").asText();
    VirtualClock clock = new VirtualClock(CaseRunner.recordedAt(c));
    Simulator simulator = CaseRunner.simulatorFor(c, clock).build();
    try (StepFunctionsService service =
            StepFunctionsService.builder()
                .simulator(simulator)
                .clock(clock)
                .activityPoll(Duration.ofSeconds(1))
                .build();
        SimulatorServer server = new SimulatorServer(service, 4).start("127.0.0.1", 0);
        SfnClient sfn = client(server.port())) {
      return CaseRunner.compare(c, execute(c, sfn));
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      return new CaseRunner.Verdict(id, area, false, "over HTTP: " + e);
    }
  }

  private static CaseRunner.Observed execute(JsonNode c, SfnClient sfn) {
    CaseRunner.Prepared p =
        CaseRunner.prepare(
            c,
            new CaseRunner.Fixtures() {
              @Override
              public String activityArn(String name) {
                return sfn.createActivity(b -> b.name(name)).activityArn();
              }

              @Override
              public String register(String name, String definition, String type) {
                return sfn.createStateMachine(
                        b ->
                            b.name(name).definition(definition).roleArn(CaseRunner.ROLE).type(type))
                    .stateMachineArn();
              }

              @Override
              public void start(String stateMachineArn, String input, String name) {
                sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).input(input).name(name));
              }
            });
    String type = c.path("state_machine_type").asText("STANDARD");
    String machine =
        sfn.createStateMachine(
                b ->
                    b.name(CaseRunner.STATE_MACHINE)
                        .definition(p.definition())
                        .roleArn(CaseRunner.ROLE)
                        .type(type))
            .stateMachineArn();
    if (c.path("start_api").asText().equals("start_sync_execution")) {
      StartSyncExecutionResponse r =
          sfn.startSyncExecution(
              b -> b.stateMachineArn(machine).name(CaseRunner.EXECUTION).input(p.input()));
      return new CaseRunner.Observed(
          r.statusAsString(),
          Optional.ofNullable(r.output()).map(HttpCaseRunner::parse),
          Optional.ofNullable(r.error()),
          Optional.ofNullable(r.cause()),
          NODES.arrayNode());
    }
    String arn =
        sfn.startExecution(
                b -> b.stateMachineArn(machine).name(CaseRunner.EXECUTION).input(p.input()))
            .executionArn();
    DescribeExecutionResponse d = awaitEnd(sfn, arn);
    ArrayNode history = NODES.arrayNode();
    sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(1000))
        .events()
        .forEach(e -> history.add(event(e)));
    return new CaseRunner.Observed(
        d.statusAsString(),
        Optional.ofNullable(d.output()).map(HttpCaseRunner::parse),
        Optional.ofNullable(d.error()),
        Optional.ofNullable(d.cause()),
        history);
  }

  /** DescribeExecution until the execution leaves RUNNING, for at most {@link #CASE_LIMIT}. */
  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String arn) {
    Instant deadline = Instant.now().plus(CASE_LIMIT);
    long pause = 1;
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "expected the execution to end within " + CASE_LIMIT + ", found it RUNNING");
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + arn, e);
      }
      pause = Math.min(pause * 2, 50);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("expected JSON output, found " + text, e);
    }
  }

  /** An SDK history event as the JSON protocol renders it (the SDK model's marshalling names). */
  static ObjectNode event(HistoryEvent e) {
    return pojo(e);
  }

  private static ObjectNode pojo(SdkPojo p) {
    ObjectNode out = NODES.objectNode();
    for (SdkField<?> f : p.sdkFields()) {
      Object v = f.getValueOrDefault(p);
      // the SDK gives an absent list or map as an empty "auto-construct" one
      if (v != null
          && !(v instanceof SdkAutoConstructList)
          && !(v instanceof SdkAutoConstructMap)) {
        out.set(f.locationName(), value(v));
      }
    }
    return out;
  }

  private static JsonNode value(Object v) {
    if (v instanceof SdkPojo p) {
      return pojo(p);
    }
    if (v instanceof Instant t) {
      return NODES.numberNode(BigDecimal.valueOf(t.toEpochMilli(), 3));
    }
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof List<?> list) {
      ArrayNode a = NODES.arrayNode();
      list.forEach(x -> a.add(value(x)));
      return a;
    }
    if (v instanceof Map<?, ?> map) {
      ObjectNode o = NODES.objectNode();
      map.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
      return o;
    }
    return NODES.textNode(String.valueOf(v));
  }

  private SfnClient client(int port) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.of(Simulator.DEFAULT_REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(http)
        .overrideConfiguration(
            o ->
                o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                    .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  @Override
  public void close() {
    http.close();
  }
}
