package dev.redrive.simulator.teststate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.validation.Placeholders;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.testing.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * TestState against AWS's recorded responses ({@code test-state-cases.jsonl}). Two counts: the INFO
 * fields (status, output, error, cause, next state), and the whole response (with {@code
 * inspectionData}). The failures are grouped by the first field that differs, the state type and
 * whether the state is mocked, and printed as a report.
 */
class StateTesterCorpusTest {
  /** Cases whose INFO fields match AWS; raise it when more pass. */
  private static final int INFO_BASELINE = 87;

  /** Cases whose whole response (with inspection data) matches AWS; raise it when more pass. */
  private static final int FULL_BASELINE = 87;

  private static final String ROLE = "arn:aws:iam::111111111111:role/TestStateRole";

  private static final List<String> INFO_FIELDS =
      List.of("status", "error", "cause", "nextState", "output");

  @Test
  void answersAsAwsDoes() {
    StateTester tester =
        new StateTester(
            Simulator.builder()
                .clock(new VirtualClock(Instant.parse("2025-12-03T00:00:00Z")))
                .validateDefinitions(false)
                .build());
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> groups = new TreeMap<>();
    int total = 0;
    int info = 0;
    int full = 0;
    for (JsonNode c : Corpus.cases("test-state-cases.jsonl")) {
      total++;
      ObjectNode expected = c.path("expected_response").deepCopy();
      expected.remove("ResponseMetadata");
      CorpusMatch match = new CorpusMatch(Simulator.DEFAULT_REGION);
      JsonNode actual;
      try {
        actual = match.normalise(response(tester.test(request(c.path("request")))));
      } catch (RuntimeException e) {
        actual = JsonNodeFactory.instance.objectNode().put("status", "exception " + e);
      }
      List<String> diffs = match.differences(expected, actual, "");
      boolean infoOk =
          diffs.stream().allMatch(d -> d.startsWith("inspectionData"))
              && !actual.path("status").asText().startsWith("exception");
      if (infoOk) {
        info++;
      }
      if (diffs.isEmpty()) {
        full++;
        continue;
      }
      groups.merge(group(c.path("request"), diffs, infoOk), 1, Integer::sum);
      mismatches.add(
          c.path("id").asText()
              + "\n  differs at: "
              + diffs
              + "\n  expected: "
              + expected
              + "\n  actual:   "
              + actual);
    }
    System.out.printf(
        "TestState cases: %d/%d match AWS in the INFO fields, %d/%d with inspectionData%n",
        info, total, full, total);
    System.out.println("TestState mismatches by cause (first differing field, state, mock):");
    groups.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(g -> System.out.printf("  %3d  %s%n", g.getValue(), g.getKey()));
    mismatches.forEach(x -> System.out.println("TESTSTATE MISMATCH " + x));
    assertThat(info)
        .as("cases matching AWS in the INFO fields")
        .isGreaterThanOrEqualTo(INFO_BASELINE);
    assertThat(full)
        .as("cases matching AWS with inspectionData")
        .isGreaterThanOrEqualTo(FULL_BASELINE);
  }

  /** The group of a failure: the first INFO field that differs (else the inspection field). */
  private static String group(JsonNode request, List<String> diffs, boolean infoOk) {
    String field = diffs.get(0);
    if (!infoOk) {
      for (String f : INFO_FIELDS) {
        if (diffs.stream().anyMatch(d -> d.startsWith(f))) {
          field = f;
          break;
        }
      }
    }
    field = field.replaceAll("\\[\\d+\\]", "[]").replaceAll(" \\(.*", "");
    String type = stateOf(request).path("Type").asText("?");
    return field + " / " + type + (request.has("mock") ? " mocked" : "");
  }

  private static JsonNode stateOf(JsonNode request) {
    JsonNode d = request.path("definition");
    if (!d.has("States")) {
      return d;
    }
    try {
      return TestedState.find(d, Optional.ofNullable(request.path("stateName").asText(null)))
          .state();
    } catch (IllegalArgumentException e) {
      return d;
    }
  }

  private static StateTestRequest request(JsonNode r) {
    JsonNode d = r.path("definition");
    JsonNode m = r.path("mock");
    Optional<StateTester.Mock> mock =
        m.isObject()
            ? Optional.of(
                new StateTester.Mock(
                    text(m, "result"),
                    text(m.path("errorOutput"), "error"),
                    text(m.path("errorOutput"), "cause")))
            : Optional.empty();
    JsonNode config = r.path("stateConfiguration");
    JsonNode input = r.path("input");
    return new StateTestRequest(
        Placeholders.concrete(d.isTextual() ? d.asText() : d.toString()),
        text(r, "stateName"),
        input.isMissingNode() || input.isNull()
            ? Optional.empty()
            : Optional.of(Placeholders.concrete(input.toString())),
        mock,
        StateTestRequest.InspectionLevel.parse(r.path("inspectionLevel").asText("INFO")),
        new StateTestRequest.Configuration(
            integer(config, "retrierRetryCount"),
            text(config, "errorCausedByState"),
            integer(config, "mapIterationFailureCount"),
            text(config, "mapItemReaderData")),
        text(r, "context"),
        text(r, "roleArn").map(StateTesterCorpusTest::role),
        text(r, "variables"));
  }

  /** The role of a request: the corpus writes {@code ${ROLE_ARN}} for the recording's role. */
  private static String role(String text) {
    return Placeholders.concrete(text.replace("${ROLE_ARN}", ROLE));
  }

  /** The response as the API sends it: output as JSON text. */
  private static JsonNode response(StateTester.Result r) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    r.output().ifPresent(o -> out.put("output", HistoryJson.text(o)));
    r.error().ifPresent(e -> out.put("error", e));
    r.cause().ifPresent(c -> out.put("cause", c));
    r.nextState().ifPresent(n -> out.put("nextState", n));
    r.inspectionData().ifPresent(d -> out.set("inspectionData", d));
    out.put("status", r.status());
    return out;
  }

  private static Optional<String> text(JsonNode node, String field) {
    return Optional.ofNullable(node.hasNonNull(field) ? node.get(field).asText() : null);
  }

  private static Optional<Integer> integer(JsonNode node, String field) {
    return Optional.ofNullable(node.hasNonNull(field) ? node.get(field).asInt() : null);
  }
}
