package dev.redrive.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code redrive demo}, run in-process as a user would: every story ends as the seeds tell. */
class DemoCommandTest {
  static Cli.Result json;
  static JsonNode summary;

  @BeforeAll
  static void runTheDemoForItsSummary() throws Exception {
    json = Cli.run("demo", "--json");
    summary = new ObjectMapper().readTree(json.out());
  }

  static JsonNode story(String key) {
    return StreamSupport.stream(summary.get("stories").spliterator(), false)
        .filter(s -> s.get("story").asText().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no story " + key + " in " + json.out()));
  }

  static JsonNode singleExecution(String key) {
    JsonNode executions = story(key).get("executions");
    assertThat(executions).as(key + " executions").hasSize(1);
    return executions.get(0);
  }

  /** The results of the decisions that acted (a DELAYED is the wait before a redrive). */
  static List<String> acted(JsonNode execution) {
    List<String> results = new ArrayList<>();
    for (JsonNode d : execution.get("decisions")) {
      if (!d.get("result").asText().equals("DELAYED")) {
        results.add(d.get("result").asText() + " " + d.get("rule").asText());
      }
    }
    return results;
  }

  @Test
  void everyStoryEndsAsExpectedAndTheCommandSaysSo() {
    assertThat(json.code()).as(json.out() + json.err()).isZero();
    assertThat(summary.get("ok").asBoolean()).isTrue();
    assertThat(summary.get("durationMillis").asLong()).isLessThan(30_000);
    assertThat(summary.get("stories"))
        .extracting(s -> s.get("story").asText())
        .containsExactly("permission", "map", "nested", "input-error", "storm");
  }

  @Test
  void redrivesThePermissionErrorTwiceUntilItSucceeds() {
    JsonNode e = singleExecution("permission");
    assertThat(e.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(e.get("redriveCount").asInt()).isEqualTo(2);
    assertThat(e.get("error").asText()).isEqualTo("Lambda.AWSLambdaException");
    assertThat(acted(e))
        .containsExactly("REDRIVEN permission-fixed-later", "REDRIVEN permission-fixed-later");
    assertThat(e.get("decisions"))
        .filteredOn(d -> d.get("result").asText().equals("DELAYED"))
        .extracting(d -> d.get("delaySeconds").asInt())
        .containsExactly(1, 2);
  }

  @Test
  void redrivesTheFlakyMapItemOnce() {
    JsonNode e = singleExecution("map");
    assertThat(e.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(e.get("redriveCount").asInt()).isEqualTo(1);
    assertThat(e.get("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(acted(e)).containsExactly("REDRIVEN transient-lambda");
    assertThat(story("map").get("problems")).isEmpty();
  }

  @Test
  void defersTheFailedChildToItsParentAndRedrivesTheParent() {
    JsonNode executions = story("nested").get("executions");
    assertThat(executions)
        .extracting(x -> x.get("executionArn").asText().split(":")[6])
        .containsExactly("demo-nested-parent", "demo-nested-child", "demo-nested-child");
    JsonNode e = executions.get(0);
    JsonNode failedChild = executions.get(1);
    assertThat(failedChild.get("status").asText()).isEqualTo("FAILED");
    assertThat(failedChild.get("error").asText()).isEqualTo("Lambda.ServiceException");
    // The policy says redrive (transient-lambda); the controller defers to the failed parent.
    assertThat(acted(failedChild)).containsExactly("DEFERRED transient-lambda");
    assertThat(failedChild.get("decisions").get(0).get("reason").asText())
        .startsWith("deferred to the parent execution " + e.get("executionArn").asText())
        .contains("which is FAILED");
    assertThat(failedChild.get("redriveCount").asInt()).isZero();
    assertThat(executions.get(2).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(e.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(e.get("redriveCount").asInt()).isEqualTo(1);
    assertThat(e.get("error").asText()).isEqualTo("States.TaskFailed");
    assertThat(acted(e)).containsExactly("REDRIVEN nested-parent");
    assertThat(story("nested").get("problems")).isEmpty();
  }

  @Test
  void givesUpTheInputErrorAtOnce() {
    JsonNode e = singleExecution("input-error");
    assertThat(e.get("status").asText()).isEqualTo("FAILED");
    assertThat(e.get("redriveCount").asInt()).isZero();
    assertThat(e.get("error").asText()).isEqualTo("States.Runtime");
    assertThat(acted(e)).containsExactly("GAVE_UP input-errors-cannot-be-fixed-by-redrive");
  }

  @Test
  void stopsTheStormAtTheBudget() {
    JsonNode executions = story("storm").get("executions");
    assertThat(executions).hasSize(Stories.STORM_SIZE);
    assertThat(executions)
        .filteredOn(e -> e.get("status").asText().equals("SUCCEEDED"))
        .hasSize(Stories.STORM_BUDGET)
        .allSatisfy(
            e -> {
              assertThat(e.get("redriveCount").asInt()).isEqualTo(1);
              assertThat(acted(e)).containsExactly("REDRIVEN storm-downstream-down");
            });
    assertThat(executions)
        .filteredOn(e -> e.get("status").asText().equals("FAILED"))
        .hasSize(Stories.STORM_SIZE - Stories.STORM_BUDGET)
        .allSatisfy(
            e -> {
              assertThat(e.get("redriveCount").asInt()).isZero();
              assertThat(acted(e)).containsExactly("GAVE_UP storm-downstream-down");
              assertThat(e.get("decisions").get(0).get("reason").asText())
                  .startsWith("budget exhausted");
            });
  }

  @Test
  void printsEveryStatusChangeAndDecisionThenTheTable() {
    Cli.Result r = Cli.run("demo");

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("demo-permission-fixed/report-1       FAILED Lambda.AWSLambdaException")
        .contains("controller: REDRIVE in 1s [rule permission-fixed-later]")
        .contains("controller: REDRIVEN [rule permission-fixed-later]")
        .contains("worker: SendTaskSuccess for task token")
        .contains("item B-456, run 1: Lambda.TooManyRequestsException")
        .contains("item B-456, run 2: processed")
        .doesNotContain("item A-123, run 2")
        .contains("controller: GAVE_UP [rule storm-downstream-down]: budget exhausted")
        .containsPattern("STORY +EXECUTION +FAILED WITH +DECISIONS +RULE +WHY +REDRIVES +ENDED\n")
        .containsPattern(
            "permission +demo-permission-fixed/report-1 +Lambda.AWSLambdaException +REDRIVEN x2"
                + " +permission-fixed-later .* 2 +SUCCEEDED\n")
        .containsPattern(
            "input-error +demo-input-error/order-without-id +States.Runtime +GAVE_UP"
                + " +input-errors-cannot-be-fixed-by-redrive .* 0 +FAILED\n")
        .containsPattern(
            "nested +demo-nested-child/[0-9a-f]{8} +Lambda.ServiceException +DEFERRED"
                + " +transient-lambda +deferred to parent demo-nested-parent/order-7 \\(FAILED\\)"
                + " +0 +FAILED\n")
        .contains("ok   storm")
        .contains("Every story ended as expected in ");
  }
}
