package dev.redrive.cli.run;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  static final String MACHINE = resource("state-machines/wait-then-fail.asl.json");

  @Test
  void printsTheOutputOfASucceededExecutionWithoutWaitingForReal() {
    long started = System.nanoTime();
    Cli.Result result = run("run", MACHINE, "--input", "{\"ok\": true, \"who\": \"Ada\"}");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("status: SUCCEEDED\noutput: {\"greeting\":\"hello Ada\"}\n");
    assertThat(result.err()).isEmpty();
    assertThat(System.nanoTime() - started)
        .as("the hour-long Wait took no real hour")
        .isLessThan(60_000_000_000L);
  }

  @Test
  void reportsAFailedExecutionWithItsErrorAndCauseAndExitsOne() {
    Cli.Result result = run("run", MACHINE, "--input", "{\"ok\": false}");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo("status: FAILED\nerror:  Orders.Broken\ncause:  the input was not ok\n");
  }

  @Test
  void printsTheHistoryAsGetExecutionHistoryEventsWithJson(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input.json");
    Files.writeString(input, "{\"ok\": true, \"who\": \"Grace\"}");

    Cli.Result result = run("run", MACHINE, "--input", "@" + input, "--history", "--json");

    assertThat(result.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("output").asText()).isEqualTo("{\"greeting\":\"hello Grace\"}");
    assertThat(json.get("events").findValuesAsText("type"))
        .containsExactly(
            "ExecutionStarted",
            "WaitStateEntered",
            "WaitStateExited",
            "ChoiceStateEntered",
            "ChoiceStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
    assertThat(json.get("events").get(2).get("previousEventId").asInt()).isEqualTo(2);
  }

  @Test
  void printsTheHistoryForPeople() {
    Cli.Result result = run("run", MACHINE, "--input", "{\"ok\": false}", "--history");

    assertThat(result.out().lines())
        .contains("   2    0  WaitStateEntered                 Wait an hour")
        .contains("   7    6  ExecutionFailed                  Orders.Broken")
        .contains("status: FAILED");
  }

  @Test
  void rejectsAnInvalidDefinitionWithAwsMessage(@TempDir Path dir) throws Exception {
    Path definition = dir.resolve("broken.asl.json");
    Files.writeString(definition, "{\"StartAt\": \"A\"}");

    Cli.Result result = run("run", definition.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "redrive: "
                + definition
                + ": Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields"
                + " are required: [States] at /'\n");
  }

  @Test
  void rejectsInputThatIsNotJson() {
    Cli.Result result = run("run", MACHINE, "--input", "{not json");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("redrive: --input: expected JSON");
  }
}
