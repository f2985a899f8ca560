package dev.redrive.functions.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  static final Instant AT = Instant.parse("2026-11-21T06:00:00Z");

  @Test
  void writesOneJsonLinePerDecisionThatIsAlsoAnEmbeddedMetricRecord() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DecisionLog(new PrintStream(out, true, StandardCharsets.UTF_8))
        .decision(
            AT,
            "arn:aws:states:us-east-1:123456789012:execution:orders:e1",
            1,
            "FAILED",
            Optional.of("States.TaskFailed"),
            "REDRIVE",
            0,
            Optional.of("transient"),
            "redrive 2 of 3",
            Optional.of(1500L));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(text);
    assertThat(line.get("executionArn").asText()).endsWith(":orders:e1");
    assertThat(line.get("action").asText()).isEqualTo("REDRIVE");
    assertThat(line.get("rule").asText()).isEqualTo("transient");
    JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("RedriveController");
    assertThat(directive.get("Dimensions").toString())
        .isEqualTo("[[\"Action\",\"Rule\"],[\"Action\"]]");
    assertThat(directive.get("Metrics").findValuesAsText("Name"))
        .containsExactly("Decisions", "RedriveLatency");
    // EMF reads the dimension and metric values from the top level of the same record.
    assertThat(line.get("Action").asText()).isEqualTo("REDRIVE");
    assertThat(line.get("Rule").asText()).isEqualTo("transient");
    assertThat(line.get("Decisions").asInt()).isEqualTo(1);
    assertThat(line.get("RedriveLatency").asLong()).isEqualTo(1500);
    assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
  }

  @Test
  void neverWritesInputOrCause() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DecisionLog(new PrintStream(out, true, StandardCharsets.UTF_8))
        .decision(
            AT,
            "arn",
            0,
            "FAILED",
            Optional.empty(),
            "IGNORED",
            0,
            Optional.empty(),
            "no rule",
            Optional.empty());
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\"input\"", "\"cause\"", "RedriveLatency");
    assertThat(text).contains("\"rule\":null", "\"Rule\":\"(none)\"");
  }
}
