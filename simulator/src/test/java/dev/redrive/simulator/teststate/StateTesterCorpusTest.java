package dev.redrive.simulator.teststate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.validation.Placeholders;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.testing.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * TestState against AWS's recorded responses ({@code test-state-cases.jsonl}): status, output,
 * error, cause and next state (the INFO level; inspection data is not compared yet).
 */
class StateTesterCorpusTest {
  /** Cases whose INFO fields match AWS; raise it when more pass. */
  private static final int BASELINE = 31;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void answersAsAwsDoes() throws Exception {
    StateTester tester =
        new StateTester(
            Simulator.builder()
                .clock(new VirtualClock(Instant.parse("2025-12-03T00:00:00Z")))
                .validateDefinitions(false)
                .build());
    List<String> mismatches = new ArrayList<>();
    int total = 0;
    int passed = 0;
    for (JsonNode c : Corpus.cases("test-state-cases.jsonl")) {
      total++;
      JsonNode r = c.path("request");
      JsonNode d = r.path("definition");
      String definition = Placeholders.concrete(d.isTextual() ? d.asText() : d.toString());
      JsonNode m = r.path("mock");
      Optional<StateTester.Mock> mock =
          m.isObject()
              ? Optional.of(
                  new StateTester.Mock(
                      Optional.ofNullable(m.hasNonNull("result") ? m.get("result").asText() : null),
                      Optional.ofNullable(
                          m.path("errorOutput").hasNonNull("error")
                              ? m.path("errorOutput").get("error").asText()
                              : null),
                      Optional.ofNullable(
                          m.path("errorOutput").hasNonNull("cause")
                              ? m.path("errorOutput").get("cause").asText()
                              : null)))
              : Optional.empty();
      String actual;
      try {
        StateTester.Result res =
            tester.test(
                definition,
                Optional.ofNullable(r.hasNonNull("stateName") ? r.get("stateName").asText() : null),
                Placeholders.concrete(r.path("input").toString()),
                mock);
        actual = render(res, c.path("expected_response").path("output").isTextual());
      } catch (RuntimeException e) {
        actual = "exception " + e;
      }
      String expected = expected(c.path("expected_response"));
      if (sameFields(expected, actual)) {
        passed++;
      } else {
        mismatches.add(
            c.path("id").asText() + "\n  expected: " + expected + "\n  actual:   " + actual);
      }
    }
    System.out.printf("TestState cases: %d/%d match AWS (INFO fields)%n", passed, total);
    mismatches.forEach(x -> System.out.println("TESTSTATE MISMATCH " + x));
    assertThat(passed).isGreaterThanOrEqualTo(BASELINE);
  }

  /** The same fields, outputs compared as JSON (member order does not matter). */
  private static boolean sameFields(String expected, String actual) {
    String[] e = expected.split(" \\| ", -1);
    String[] a = actual.split(" \\| ", -1);
    if (e.length != 5 || a.length != 5) {
      return expected.equals(actual);
    }
    for (int i = 0; i < 5; i++) {
      if (i == 1 && !e[1].equals("-") && !a[1].equals("-")) {
        try {
          if (!JSON.readTree(e[1]).equals(JSON.readTree(a[1]))) {
            return false;
          }
        } catch (java.io.IOException x) {
          return false;
        }
      } else if (!e[i].equals(a[i])) {
        return false;
      }
    }
    return true;
  }

  private static String expected(JsonNode e) {
    return e.path("status").asText()
        + " | "
        + (e.has("output") ? e.get("output").toString() : "-")
        + " | "
        + e.path("error").asText("-")
        + " | "
        + e.path("cause").asText("-")
        + " | "
        + e.path("nextState").asText("-");
  }

  private static String render(StateTester.Result r, boolean outputAsText) {
    String output =
        r.output()
            .map(
                o ->
                    outputAsText
                        ? JSON.getNodeFactory().textNode(o.toString()).toString()
                        : o.toString())
            .orElse("-");
    return r.status()
        + " | "
        + output
        + " | "
        + r.error().orElse("-")
        + " | "
        + r.cause().orElse("-")
        + " | "
        + r.nextState().orElse("-");
  }
}
