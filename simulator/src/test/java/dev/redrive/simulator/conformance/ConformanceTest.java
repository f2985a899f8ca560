package dev.redrive.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the conformance corpus ({@code execution-cases.jsonl}, {@code
 * lambda-cases.jsonl}) recorded against AWS on two paths: in-process ({@link CaseRunner}) and over
 * HTTP through the AWS SDK's {@code SfnClient} against the served simulator ({@link
 * HttpCaseRunner}). Each path has a per-case {@link Baseline}: a case that passed and now fails
 * fails the build. Per-case reports go to {@code target/conformance/}; {@code
 * simulator/CONFORMANCE.md} summarises both paths by feature area.
 */
class ConformanceTest {
  private static final List<String> FILES = List.of("execution-cases.jsonl", "lambda-cases.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Path name to corpus file to verdicts, for CONFORMANCE.md; filled by the tests that ran. */
  private static final Map<String, Map<String, List<CaseRunner.Verdict>>> RESULTS =
      new LinkedHashMap<>();

  @Test
  void inProcessRunsPassEveryBaselineCase() throws IOException {
    checkPath("in-process", c -> CaseRunner.run(c));
  }

  @Test
  void servedRunsOverHttpPassEveryBaselineCase() throws IOException {
    Corpus.requireDir();
    try (HttpCaseRunner http = HttpCaseRunner.start()) {
      checkPath("http", http::run);
    }
  }

  @AfterAll
  static void writeSummary() throws IOException {
    if (RESULTS.size() == 2) {
      Report.write(moduleDir().resolve("CONFORMANCE.md"), RESULTS);
    }
  }

  private static void checkPath(String path, Function<JsonNode, CaseRunner.Verdict> runner)
      throws IOException {
    Map<String, List<CaseRunner.Verdict>> byFile = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String file : FILES) {
      List<CaseRunner.Verdict> verdicts = new ArrayList<>();
      for (JsonNode c : Corpus.cases(file)) {
        verdicts.add(runner.apply(c));
      }
      byFile.put(file, verdicts);
      String name = Baseline.fileName(path, file);
      writeCaseReport(path, file, verdicts);
      Baseline baseline;
      if (Boolean.getBoolean(Baseline.UPDATE)) {
        // regressions against the old baseline are still reported below
        baseline = Baseline.loadIfPresent(name).orElse(Baseline.passingIn(name, verdicts));
        Baseline.write(moduleDir(), name, verdicts);
      } else {
        baseline = Baseline.load(name);
      }
      baseline
          .regressions(verdicts)
          .forEach(
              (id, reason) ->
                  problems.add(
                      path
                          + " "
                          + file
                          + ": "
                          + id
                          + " passed in "
                          + name
                          + ", fails now: "
                          + reason));
    }
    RESULTS.put(path, byFile);
    assertThat(problems)
        .as("conformance regressions on the %s path (report in target/conformance/)", path)
        .isEmpty();
  }

  /** {@code target/conformance/<path>-<file>.json}: every case with its verdict and reason. */
  private static void writeCaseReport(String path, String file, List<CaseRunner.Verdict> verdicts)
      throws IOException {
    Path dir = moduleDir().resolve("target/conformance");
    Files.createDirectories(dir);
    ObjectNode report = JSON.createObjectNode();
    report.put("path", path);
    report.put("file", file);
    report.put("cases", verdicts.size());
    report.put("passed", verdicts.stream().filter(CaseRunner.Verdict::passed).count());
    ArrayNode cases = report.putArray("verdicts");
    for (CaseRunner.Verdict v : verdicts) {
      ObjectNode o = cases.addObject();
      o.put("id", v.id());
      o.put("area", v.area());
      o.put("passed", v.passed());
      if (!v.passed()) {
        o.put("reason", v.reason());
      }
    }
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve(path + "-" + file.replace(".jsonl", ".json")).toFile(), report);
  }

  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", "."));
  }

  static double rate(List<CaseRunner.Verdict> verdicts) {
    long passed = verdicts.stream().filter(CaseRunner.Verdict::passed).count();
    return verdicts.isEmpty() ? 1.0 : (double) passed / verdicts.size();
  }

  /** The Markdown summary, both paths. */
  static final class Report {
    /** Random ids in failure reasons, masked so the summary changes only when results do. */
    private static final java.util.regex.Pattern UUID =
        java.util.regex.Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Report() {}

    static void write(Path file, Map<String, Map<String, List<CaseRunner.Verdict>>> results)
        throws IOException {
      StringBuilder sb = new StringBuilder();
      sb.append("# Simulator conformance\n\n");
      sb.append(
          "Generated by `ConformanceTest` (`./mvnw -q -B -pl simulator verify`) from the corpus of\n");
      sb.append(
          "cases recorded against real AWS (found through `REDRIVE_CONFORMANCE_DIR`). Do not edit"
              + " by hand.\n\n");
      sb.append(
          "How a case is judged: the simulator runs the definition on a virtual clock started at"
              + " the case's recording time (plus 123 ms, since a real start has milliseconds),"
              + " with the corpus' Lambda handlers as local functions and its auxiliary state"
              + " machines registered; its history is rendered as `GetExecutionHistory` JSON,"
              + " normalised as the corpus README says (JSON strings parsed, ARNs, names, dates,"
              + " UUIDs, the case's transformers, the Parallel sort), and compared event by event"
              + " with AWS's; output-only cases compare status and output. Beyond the README, the"
              + " runner also treats as redacted: request ids under `x-amzn-RequestId` and"
              + " `RequestId` (recorded either as `<uuid:N>` or as the key name), the input quoted"
              + " in `could not be found in the input '...'` (recorded as `<json-input:1>`), and"
              + " `LogResult` values.\n\n");
      sb.append(
          "Two paths run every case: **in-process** (`Simulator.run`) and **http** (the served"
              + " simulator driven by the AWS SDK's `SfnClient`: CreateStateMachine,"
              + " StartExecution, DescribeExecution, GetExecutionHistory; express cases through"
              + " StartSyncExecution). Each path has a per-case baseline"
              + " (`src/test/resources/conformance/baseline-<path>-<file>.txt`): a case listed"
              + " there that fails fails the build. Per-case verdicts are written to"
              + " `target/conformance/<path>-<file>.json`.\n\n");
      for (String path : List.of("in-process", "http")) {
        for (var corpus : results.get(path).entrySet()) {
          section(sb, path + ": " + corpus.getKey(), corpus.getValue());
        }
      }
      Files.writeString(file, sb.toString());
    }

    private static void section(StringBuilder sb, String name, List<CaseRunner.Verdict> verdicts) {
      long passed = verdicts.stream().filter(CaseRunner.Verdict::passed).count();
      sb.append("## ").append(name).append("\n\n");
      sb.append(
          String.format(
              "%d of %d cases pass (%.1f%%).%n%n",
              passed, verdicts.size(), 100.0 * rate(verdicts)));
      sb.append("| feature area | passed | failed |\n| --- | ---: | ---: |\n");
      Map<String, int[]> byArea = new TreeMap<>();
      for (CaseRunner.Verdict v : verdicts) {
        int[] counts = byArea.computeIfAbsent(v.area(), a -> new int[2]);
        counts[v.passed() ? 0 : 1]++;
      }
      byArea.forEach(
          (a, n) ->
              sb.append("| ")
                  .append(a)
                  .append(" | ")
                  .append(n[0])
                  .append(" | ")
                  .append(n[1])
                  .append(" |\n"));
      sb.append("\n### Failing cases\n\n");
      for (CaseRunner.Verdict v : verdicts) {
        if (!v.passed()) {
          sb.append("- `")
              .append(v.id())
              .append("` (")
              .append(v.area())
              .append("): ")
              .append(
                  UUID.matcher(v.reason())
                      .replaceAll("<uuid>")
                      .replace("\n", " ")
                      .replace("|", "\\|"))
              .append("\n");
        }
      }
      sb.append("\n");
    }
  }
}
