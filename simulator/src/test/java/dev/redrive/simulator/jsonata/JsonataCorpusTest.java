package dev.redrive.simulator.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Golden test against AWS's recorded histories: every JSONata expression that can be checked
 * without an interpreter (see {@link HistoryReplay}) is evaluated and compared with what AWS
 * recorded.
 *
 * <p>{@code jsonata/corpus-baseline.txt} lists the checks that pass; a check on that list that
 * fails is a regression. The current list is written to {@code target/jsonata-corpus-passing.txt},
 * to copy over the baseline when more checks pass.
 */
class JsonataCorpusTest {
  private static final String BASELINE = "/jsonata/corpus-baseline.txt";

  @Test
  void matchesAwsRecordedJsonataEvaluations() throws IOException {
    Corpus.requireDir();
    JsonataEngine engine = new JsonataEngine();
    List<HistoryReplay.Check> checks = new ArrayList<>();
    for (String file : List.of("execution-cases.jsonl", "lambda-cases.jsonl")) {
      for (JsonNode testCase : Corpus.cases(file)) {
        if (HistoryReplay.usesJsonata(testCase)
            && testCase.path("expected_kind").asText().equals("history")) {
          checks.addAll(new HistoryReplay(engine, testCase).run());
        }
      }
    }

    Set<String> passing = new TreeSet<>();
    Map<String, int[]> byArea = new TreeMap<>();
    StringBuilder failures = new StringBuilder();
    int skipped = 0;
    for (HistoryReplay.Check check : checks) {
      if (check.passed().isEmpty()) {
        skipped++;
        continue;
      }
      int[] counts = byArea.computeIfAbsent(check.featureArea(), k -> new int[2]);
      counts[1]++;
      if (check.passed().get()) {
        counts[0]++;
        passing.add(check.id());
      } else {
        failures
            .append("  FAIL ")
            .append(check.id())
            .append(' ')
            .append(check.detail())
            .append('\n');
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "jsonata-corpus-passing.txt"), passing);
    System.out.println(
        "JSONata corpus: "
            + passing.size()
            + " of "
            + (checks.size() - skipped)
            + " checks pass ("
            + skipped
            + " skipped); by feature area: "
            + byArea.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", ")));
    System.out.print(failures);

    Set<String> baseline = baseline();
    Set<String> regressed = new TreeSet<>(baseline);
    regressed.removeAll(passing);
    assertThat(regressed).as("checks in the baseline that no longer pass").isEmpty();
  }

  @Test
  void acceptsEveryExpressionOfTheDefinitionsAwsAccepted() {
    Corpus.requireDir();
    JsonataEngine engine = new JsonataEngine();
    List<String> refused = new ArrayList<>();
    int expressions = 0;
    for (String file : List.of("execution-cases.jsonl", "lambda-cases.jsonl")) {
      for (JsonNode testCase : Corpus.cases(file)) {
        List<String> found = new ArrayList<>();
        collectExpressions(testCase.path("definition"), found);
        for (String expression : found) {
          expressions++;
          engine.syntaxError(expression).ifPresent(e -> refused.add(expression + ": " + e));
          engine
              .unsupportedReference(expression)
              .ifPresent(e -> refused.add(expression + ": " + e));
        }
      }
    }
    assertThat(expressions).isGreaterThan(100);
    assertThat(refused).isEmpty();
  }

  private static void collectExpressions(JsonNode node, List<String> into) {
    if (JsonataEngine.isExpression(node)) {
      into.add(node.textValue());
    }
    node.elements().forEachRemaining(child -> collectExpressions(child, into));
  }

  private static Set<String> baseline() throws IOException {
    try (InputStream in = JsonataCorpusTest.class.getResourceAsStream(BASELINE)) {
      if (in == null) {
        return Set.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
