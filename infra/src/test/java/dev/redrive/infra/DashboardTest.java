package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.functions.observe.DecisionLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CloudWatch dashboard reads the metrics the controller and the stack actually produce. */
class DashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SEARCH =
      Pattern.compile("SEARCH\\('\\{RedriveController,([A-Za-z,]+)} MetricName=\"([A-Za-z]+)\"'");

  static JsonNode body() throws Exception {
    JsonNode properties = Scenarios.evaluate(Scenarios.minimal()).properties("ControllerDashboard");
    return JSON.readTree(properties.path("DashboardBody").asText());
  }

  /** What the controller's EMF lines declare: metric names and dimension sets. */
  static JsonNode[] emitted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DecisionLog log = new DecisionLog(new PrintStream(out, true, StandardCharsets.UTF_8));
    Instant at = Instant.parse("2023-11-16T07:00:00Z");
    log.decision(
        at,
        "arn:aws:states:us-east-1:123456789012:execution:orders:run-1",
        0,
        "FAILED",
        Optional.of("States.TaskFailed"),
        "REDRIVE",
        0,
        Optional.of("transient"),
        "redrive 1 of 3",
        Optional.of(1200L));
    log.throttle(at);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    return new JsonNode[] {JSON.readTree(lines.get(0)), JSON.readTree(lines.get(1))};
  }

  @Test
  void showsDecisionsLatencyThrottlesGiveUpsQueueAgeAndDeadLetters() throws Exception {
    List<String> titles = new ArrayList<>();
    body().path("widgets").forEach(w -> titles.add(w.at("/properties/title").asText()));
    assertThat(titles)
        .containsExactly(
            "Decisions by action",
            "Decisions by action and rule",
            "Redrive latency (failure to RedriveExecution, ms)",
            "Step Functions calls retried (throttling, 5xx)",
            "Give-ups",
            "Queue: age of the oldest failure event (s)",
            "Dead-letter queue depth");
  }

  @Test
  void readsOnlyMetricsTheControllerEmitsWithTheirDimensions() throws Exception {
    JsonNode[] lines = emitted();
    JsonNode decision = lines[0].at("/_aws/CloudWatchMetrics/0");
    Set<String> dimensionSets = new HashSet<>();
    decision.path("Dimensions").forEach(set -> dimensionSets.add(join(set)));
    Set<String> names = new HashSet<>(decision.path("Metrics").findValuesAsText("Name"));
    names.addAll(lines[1].at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"));
    names.add(
        Template.tree()
            .at("/Resources/GiveUpMetricFilter/Properties/MetricTransformations/0/MetricName")
            .asText());
    assertThat(decision.path("Namespace").asText()).isEqualTo("RedriveController");

    int searches = 0;
    for (JsonNode widget : body().path("widgets")) {
      for (JsonNode metric : widget.at("/properties/metrics")) {
        JsonNode first = metric.get(0);
        if (first.isObject()) {
          Matcher m = SEARCH.matcher(first.path("expression").asText());
          assertThat(m.find()).as(first.toString()).isTrue();
          assertThat(dimensionSets).contains(m.group(1));
          assertThat(names).contains(m.group(2));
          searches++;
        } else if (first.asText().equals("RedriveController")) {
          assertThat(names).contains(metric.get(1).asText());
          if (metric.size() > 3 && metric.get(2).asText().equals("Action")) {
            assertThat(dimensionSets).contains("Action");
          }
        }
      }
    }
    assertThat(searches).isEqualTo(2);
  }

  @Test
  void readsTheStacksOwnQueues() throws Exception {
    List<String> queues = new ArrayList<>();
    for (JsonNode widget : body().path("widgets")) {
      for (JsonNode metric : widget.at("/properties/metrics")) {
        if (metric.get(0).asText().equals("AWS/SQS")) {
          queues.add(metric.get(1).asText() + " " + metric.get(3).asText());
        }
      }
    }
    assertThat(queues)
        .containsExactly(
            "ApproximateAgeOfOldestMessage <RedriveQueue.QueueName>",
            "ApproximateNumberOfMessagesVisible <RedriveDeadLetterQueue.QueueName>");
  }

  private static String join(JsonNode set) {
    List<String> names = new ArrayList<>();
    set.forEach(n -> names.add(n.asText()));
    return String.join(",", names);
  }
}
