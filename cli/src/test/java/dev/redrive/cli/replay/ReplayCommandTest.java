package dev.redrive.cli.replay;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static dev.redrive.cli.Cli.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.Cli;
import dev.redrive.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = sample("policies/demo.yaml");
  private static final String ARN =
      "arn:aws:states:us-east-1:123456789012:execution:MyStateMachine-gddoyum7f:"
          + "0e3a7824-7ec2-4ced-9aef-61f71fbef1b5";

  private static List<JsonNode> lines(String out) {
    return out.lines()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
              }
            })
        .toList();
  }

  @Test
  void printsOneDecisionPerEventWithItsSource() {
    String folder = sample("events/captured");

    Cli.Result result = run("replay", "--policy", DEMO, "--json", folder);

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines().findFirst())
        .contains(
            "{\"source\":\""
                + folder
                + "/failed-count0.json:1\",\"executionArn\":\""
                + ARN
                + "\",\"action\":\"REDRIVE\",\"delaySeconds\":60,\"rule\":\"permission-fixed-later\","
                + "\"reason\":\"rule 'permission-fixed-later' redrives (redrive 1 of 3) after 1m\"}");
    assertThat(lines(result.out()))
        .extracting(
            line -> line.get("source").asText().substring(folder.length() + 1),
            line -> line.get("action").asText(),
            line -> line.get("delaySeconds").asLong())
        .containsExactly(
            tuple("failed-count0.json:1", "REDRIVE", 60L),
            tuple("failed-count1.json:1", "REDRIVE", 120L),
            tuple("failed-count2.json:1", "REDRIVE", 240L),
            tuple("running-redriven-count1.json:1", "IGNORE", 0L),
            tuple("succeeded-count3.json:1", "IGNORE", 0L));
  }

  @Test
  void summarisesByActionAndByRule() {
    Cli.Result result = run("replay", "--policy", DEMO, sample("events/captured"));

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            files      5
            events     5
            decided    5
            malformed  0

            action                  decisions
            REDRIVE                         3
            GIVE_UP                         0
            IGNORE                          2

            rule                      REDRIVE    GIVE_UP     IGNORE
            input-errors                    0          0          0
            permission-fixed-later          3          0          0
            throttling                      0          0          0
            timeouts                        0          0          0
            everything-else                 0          0          0
            (no rule)                       0          0          2
            """);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void readsEveryShapeTheSameWay() {
    String jsonLines = sample("events/batches/seed001-sequence.jsonl");
    String array = sample("events/batches/seed001-sequence-array.json");

    List<JsonNode> fromLines = lines(run("replay", "--policy", DEMO, "--json", jsonLines).out());
    List<JsonNode> fromArray = lines(run("replay", "--policy", DEMO, "--json", array).out());
    List<JsonNode> fromFiles =
        lines(run("replay", "--policy", DEMO, "--json", sample("events/captured")).out());

    assertThat(fromLines)
        .extracting(line -> line.get("source").asText())
        .containsExactly(
            jsonLines + ":1",
            jsonLines + ":2",
            jsonLines + ":3",
            jsonLines + ":4",
            jsonLines + ":5");
    assertThat(fromArray)
        .extracting(line -> line.get("source").asText())
        .containsExactly(
            array + ":2", array + ":36", array + ":70", array + ":104", array + ":138");
    assertThat(fromLines)
        .extracting(line -> line.get("action").asText() + " " + line.get("delaySeconds"))
        .containsExactly("REDRIVE 60", "IGNORE 0", "REDRIVE 120", "REDRIVE 240", "IGNORE 0")
        .isEqualTo(
            fromArray.stream()
                .map(line -> line.get("action").asText() + " " + line.get("delaySeconds"))
                .toList());
    assertThat(fromFiles).hasSize(5);
  }

  @Test
  void theGoodSamplesReplayCleanly() {
    Cli.Result result =
        run(
            "replay",
            "--policy",
            DEMO,
            sample("events/captured"),
            sample("events/derived"),
            sample("events/batches"));

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            """
            files      28
            events     36
            decided    36
            malformed  0

            action                  decisions
            REDRIVE                        16
            GIVE_UP                         8
            IGNORE                         12

            rule                      REDRIVE    GIVE_UP     IGNORE
            input-errors                    0          2          0
            permission-fixed-later         12          0          0
            throttling                      1          1          0
            timeouts                        3          0          0
            everything-else                 0          0          5
            (no rule)                       0          5          7
            """);
  }

  @Test
  void reportsMalformedInputAndStillDecidesTheRest() {
    String folder = sample("events/malformed");

    Cli.Result result = run("replay", "--policy", DEMO, folder);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out())
        .contains("events     10\n")
        .contains("decided    3\n")
        .contains("malformed  7\n");
    assertThat(result.err().lines())
        .containsExactly(
            folder
                + "/array-with-bad-element.json:36: expected \"detail.executionArn\" (the"
                + " execution's ARN), found none",
            folder
                + "/detail-not-object.json:1: expected an EventBridge event with a \"detail\""
                + " object, found \"detail\": a string \"FAILED\"",
            folder
                + "/mixed.jsonl:2: not JSON: Unrecognized token 'this': was expecting (JSON"
                + " String, Number, Array, Object or token 'null', 'true' or 'false') (column 1)",
            folder
                + "/mixed.jsonl:3: expected an EventBridge event with a \"detail\" object, found"
                + " no \"detail\"",
            folder
                + "/no-detail.json:1: expected an EventBridge event with a \"detail\" object,"
                + " found no \"detail\"",
            folder
                + "/no-execution-arn.json:1: expected \"detail.executionArn\" (the execution's"
                + " ARN), found none",
            folder
                + "/not-json.json:1: not JSON: Unexpected end-of-input within/between Object"
                + " entries (line 12, column 1); the rest of the file is skipped");
  }

  @Test
  void malformedInputIsAnErrorObjectInJsonMode() {
    String file = sample("events/malformed/mixed.jsonl");

    Cli.Result result = run("replay", "--policy", DEMO, "--json", file);

    assertThat(result.code()).isEqualTo(2);
    List<JsonNode> lines = lines(result.out());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).get("action").asText()).isEqualTo("REDRIVE");
    assertThat(lines.get(1).toString())
        .startsWith("{\"source\":\"" + file + ":2\",\"error\":\"not JSON: Unrecognized token");
    assertThat(lines.get(2).toString())
        .isEqualTo(
            "{\"source\":\""
                + file
                + ":3\",\"error\":\"expected an EventBridge event with a \\\"detail\\\" object,"
                + " found no \\\"detail\\\"\"}");
    assertThat(lines.get(3).get("source").asText()).isEqualTo(file + ":4");
    assertThat(result.err().lines()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "events/batches/seed001-sequence.jsonl",
        "events/batches/seed001-sequence-array.json"
      })
  void readsStandardInputForDash(String file) throws Exception {
    byte[] events = Files.readAllBytes(Cli.SAMPLES.resolve(file));

    Cli.Result fromStdin = Cli.runWithInput(events, "replay", "--policy", DEMO, "--json", "-");
    Cli.Result fromFile = run("replay", "--policy", DEMO, "--json", sample(file));

    assertThat(fromStdin.code()).isZero();
    assertThat(lines(fromStdin.out()))
        .extracting(line -> line.get("source").asText().replace("stdin:", ""))
        .containsExactlyElementsOf(
            lines(fromFile.out()).stream()
                .map(line -> line.get("source").asText().replaceFirst(".*:", ""))
                .toList());
    assertThat(fromStdin.out().replaceAll("\"source\":\"[^\"]*\"", ""))
        .isEqualTo(fromFile.out().replaceAll("\"source\":\"[^\"]*\"", ""));
  }

  @Test
  void stopsWhenItsOutputIsClosed(@TempDir Path folder) throws Exception {
    String event =
        JSON.readTree(Cli.SAMPLES.resolve("events/derived/minimal.json").toFile()).toString();
    Path events = folder.resolve("many.jsonl");
    Files.write(events, java.util.Collections.nCopies(50_000, event));
    long[] offered = {0};
    Writer closedPipe =
        new Writer() {
          @Override
          public void write(char[] buffer, int offset, int length) throws IOException {
            offered[0] += length;
            throw new IOException("Broken pipe");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    StringWriter err = new StringWriter();

    int code =
        new Main(
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(closedPipe),
                new PrintWriter(err),
                Clock.fixed(Cli.NOW, ZoneOffset.UTC))
            .run("replay", "--policy", DEMO, "--json", events.toString());

    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    // 50,000 lines of about 250 characters would be 12.5 million; it stops after 16,384 events
    assertThat(offered[0]).isPositive().isLessThan(6_000_000);
  }

  @Test
  void aMissingPathIsBadInputButTheOthersAreDecided() {
    Cli.Result result =
        run("replay", "--policy", DEMO, "no-such-folder", sample("events/captured"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("no-such-folder:1: no such file or folder\n");
    assertThat(result.out()).contains("decided    5\n");
  }

  @Test
  void anInvalidPolicyIsBadInputAndNothingIsDecided() {
    Cli.Result result =
        run("replay", "--policy", resource("policies/invalid.yaml"), sample("events/captured"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("unsupported version 2");
  }

  @Test
  void nowDecidesTheRedrivablePeriod() {
    Cli.Result result =
        run(
            "replay",
            "--policy",
            DEMO,
            "--json",
            "--now",
            "2026-01-01T00:00:00Z",
            sample("events/captured/failed-count0.json"));

    assertThat(lines(result.out()).get(0).get("action").asText()).isEqualTo("GIVE_UP");
    assertThat(lines(result.out()).get(0).get("reason").asText())
        .startsWith("redrivable period exceeded");
  }

  @Test
  void jitterIsReproducibleWithTheSameSeed() {
    String policy = resource("policies/jitter.yaml");
    String events = resource("replay/throttled-charges.jsonl");

    String first = run("replay", "--policy", policy, "--json", events).out();
    String again = run("replay", "--policy", policy, "--json", events).out();
    String otherSeed = run("replay", "--policy", policy, "--json", "--seed", "7", events).out();

    assertThat(first).isEqualTo(again).isNotEqualTo(otherSeed);
    assertThat(lines(first))
        .extracting(line -> line.get("delaySeconds").asLong())
        .hasSize(8)
        .allMatch(delay -> delay >= 0 && delay <= 600);
    assertThat(lines(first).stream().map(line -> line.get("delaySeconds").asLong()).distinct())
        .as("jittered delays differ from event to event")
        .hasSizeGreaterThan(1);
  }

  @Test
  void theNumberOfThreadsDoesNotChangeTheOutput() {
    String policy = resource("policies/jitter.yaml");
    String events = resource("replay/throttled-charges.jsonl");

    String one = run("replay", "--policy", policy, "--json", "--threads", "1", events).out();
    String three = run("replay", "--policy", policy, "--json", "--threads", "3", events).out();

    assertThat(three).isEqualTo(one);
  }

  @Test
  void threadsMustBePositive() {
    Cli.Result result =
        run("replay", "--policy", DEMO, "--threads", "0", sample("events/captured"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--threads must be >= 1, was 0");
  }
}
