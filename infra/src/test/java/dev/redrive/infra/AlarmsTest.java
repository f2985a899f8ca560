package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.functions.observe.DecisionLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AlarmsTest {

  @Test
  void alarmsAsSoonAsOneMessageWaitsInTheDeadLetterQueue() {
    JsonNode alarm = Scenarios.evaluate(Scenarios.minimal()).properties("DeadLetterQueueAlarm");

    assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
    assertThat(alarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
    assertThat(alarm.path("Dimensions"))
        .hasToString("[{\"Name\":\"QueueName\",\"Value\":\"<RedriveDeadLetterQueue.QueueName>\"}]");
    assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.path("Threshold").asDouble()).isZero();
    assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
  }

  @Test
  void alarmsOnGiveUpsCountedFromTheControllersDecisionLines() {
    TemplateEvaluator stack = Scenarios.evaluate(Scenarios.minimal());
    JsonNode filter = stack.properties("GiveUpMetricFilter");
    JsonNode metric = filter.path("MetricTransformations").get(0);
    JsonNode alarm = stack.properties("GiveUpAlarm");

    assertThat(filter.path("FilterPattern").asText())
        .isEqualTo("{ $.message = \"decision\" && $.action = \"GAVE_UP\" && $.taken IS TRUE }");
    assertThat(metric.path("MetricNamespace").asText()).isEqualTo("RedriveController");
    assertThat(alarm.path("Namespace").asText()).isEqualTo(metric.path("MetricNamespace").asText());
    assertThat(alarm.path("MetricName").asText()).isEqualTo(metric.path("MetricName").asText());
    assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.path("Threshold").asDouble()).isZero();
  }

  @Test
  void giveUpFilterSelectsTheControllersGiveUpLinesAndNoOthers() throws Exception {
    String pattern =
        Scenarios.evaluate(Scenarios.minimal())
            .properties("GiveUpMetricFilter")
            .path("FilterPattern")
            .asText();

    assertThat(matches(pattern, decisionLine("GAVE_UP", Optional.of("orders-transient")))).isTrue();
    assertThat(matches(pattern, decisionLine("GAVE_UP", Optional.empty()))).isTrue();
    assertThat(matches(pattern, decisionLine("REDRIVE", Optional.of("orders-transient"))))
        .isFalse();
    assertThat(matches(pattern, decisionLine("IGNORED", Optional.empty()))).isFalse();
    assertThat(matches(pattern, decisionLine("DUPLICATE", Optional.of("orders-transient"))))
        .isFalse();
    assertThat(matches(pattern, decisionLine("GAVE_UP", Optional.of("orders-transient"), false)))
        .as("a give-up decided in shadow mode: nothing was given up")
        .isFalse();
  }

  /** One decision line exactly as the controller logs it. */
  private static JsonNode decisionLine(String action, Optional<String> rule) throws Exception {
    return decisionLine(action, rule, true);
  }

  private static JsonNode decisionLine(String action, Optional<String> rule, boolean taken)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DecisionLog(new PrintStream(out, true, StandardCharsets.UTF_8))
        .decision(
            Instant.parse("2023-11-16T07:00:00Z"),
            "arn:aws:states:us-east-1:123456789012:execution:orders-checkout:run-1",
            3,
            "FAILED",
            Optional.of("Lambda.TooManyRequestsException"),
            action,
            0,
            rule,
            "limit reached",
            Optional.empty(),
            taken);
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static final Pattern TERM = Pattern.compile("\\$\\.([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern IS_TRUE = Pattern.compile("\\$\\.([A-Za-z]+) IS TRUE");

  /**
   * CloudWatch Logs' JSON filter syntax, for the forms the template uses: {@code { $.a = "x" && $.b
   * IS TRUE }}, every term an exact string match on a top-level field, or a top-level field that is
   * the JSON boolean true.
   */
  private static boolean matches(String pattern, JsonNode line) {
    assertThat(pattern).matches("\\{ (\\$\\.[A-Za-z]+ (= \"[^\"]*\"|IS TRUE)( && )?)+ }");
    Matcher isTrue = IS_TRUE.matcher(pattern);
    while (isTrue.find()) {
      if (!line.path(isTrue.group(1)).isBoolean() || !line.path(isTrue.group(1)).asBoolean()) {
        return false;
      }
    }
    Map<String, String> terms = new LinkedHashMap<>();
    Matcher matcher = TERM.matcher(pattern);
    while (matcher.find()) {
      terms.put(matcher.group(1), matcher.group(2));
    }
    return terms.entrySet().stream()
        .allMatch(term -> term.getValue().equals(line.path(term.getKey()).asText(null)));
  }

  @Test
  void alarmsNotifyTheAlarmTopicOnlyWhenAnAlarmEmailIsGiven() {
    TemplateEvaluator quiet = Scenarios.evaluate(Scenarios.minimal());
    TemplateEvaluator loud =
        Scenarios.evaluate(Scenarios.with(Map.of("AlarmEmail", "alarms@example.com")));

    for (String alarm : Template.resourcesOfType("AWS::CloudWatch::Alarm")) {
      assertThat(quiet.properties(alarm).has("AlarmActions")).as(alarm).isFalse();
      assertThat(loud.properties(alarm).path("AlarmActions"))
          .as(alarm)
          .hasToString("[\"<AlarmTopic>\"]");
    }
    assertThat(Template.resourcesOfType("AWS::CloudWatch::Alarm"))
        .contains("DeadLetterQueueAlarm", "GiveUpAlarm", "QueueBacklogAlarm");
  }
}
