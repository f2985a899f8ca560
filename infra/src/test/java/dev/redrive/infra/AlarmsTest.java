package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
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
        .isEqualTo("{ $.message = \"decision\" && $.action = \"GAVE_UP\" }");
    assertThat(metric.path("MetricNamespace").asText()).isEqualTo("RedriveController");
    assertThat(alarm.path("Namespace").asText()).isEqualTo(metric.path("MetricNamespace").asText());
    assertThat(alarm.path("MetricName").asText()).isEqualTo(metric.path("MetricName").asText());
    assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.path("Threshold").asDouble()).isZero();
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
