package dev.redrive.simulator.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conformance cases that passed when the baseline was last raised, one case id a line, in
 * {@code src/test/resources/conformance/baseline-<path>-<file>.txt}. A case listed there that fails
 * now (or is no longer found in the corpus) is a regression and fails the build; a pass rate alone
 * would hide a regression behind a fix elsewhere.
 *
 * <p>Raising the baseline after a fix: run the conformance test with {@code
 * -Dconformance.updateBaseline=true}; it rewrites the file from the cases that pass now (it never
 * drops a regressed case silently: regressions still fail the run).
 */
record Baseline(String name, Set<String> passing) {
  /** System property that rewrites the baseline files from the current run. */
  static final String UPDATE = "conformance.updateBaseline";

  Baseline {
    passing = Set.copyOf(passing);
  }

  /** The resource name of a baseline, e.g. {@code baseline-in-process-execution-cases.txt}. */
  static String fileName(String path, String corpusFile) {
    return "baseline-" + path + "-" + corpusFile.replace(".jsonl", "") + ".txt";
  }

  /**
   * Loads a baseline from the test class path.
   *
   * @throws IllegalStateException when the resource is missing (expected: a file per path and
   *     corpus file)
   */
  static Baseline load(String name) {
    return loadIfPresent(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "expected the conformance baseline /conformance/"
                        + name
                        + " on the test class path, found none (create it with -D"
                        + UPDATE
                        + "=true)"));
  }

  /** The cases that pass in {@code verdicts}, as a baseline. */
  static Baseline passingIn(String name, List<CaseRunner.Verdict> verdicts) {
    return new Baseline(
        name,
        new TreeSet<>(
            verdicts.stream()
                .filter(CaseRunner.Verdict::passed)
                .map(CaseRunner.Verdict::id)
                .toList()));
  }

  /** A baseline from the test class path, if there is one. */
  static java.util.Optional<Baseline> loadIfPresent(String name) {
    String resource = "/conformance/" + name;
    try (InputStream in = Baseline.class.getResourceAsStream(resource)) {
      if (in == null) {
        return java.util.Optional.empty();
      }
      Set<String> ids = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return java.util.Optional.of(new Baseline(name, ids));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read conformance baseline " + resource, e);
    }
  }

  /**
   * The baseline cases that do not pass in {@code verdicts}: case id to the reason (a failure's
   * reason, or that the case is no longer in the corpus).
   */
  Map<String, String> regressions(List<CaseRunner.Verdict> verdicts) {
    Map<String, CaseRunner.Verdict> byId = new LinkedHashMap<>();
    verdicts.forEach(v -> byId.put(v.id(), v));
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : new TreeSet<>(passing)) {
      CaseRunner.Verdict v = byId.get(id);
      if (v == null) {
        out.put(id, "not in the corpus any more");
      } else if (!v.passed()) {
        out.put(id, v.reason());
      }
    }
    return out;
  }

  /** The cases that pass in {@code verdicts} and are not in the baseline yet. */
  List<String> improvements(List<CaseRunner.Verdict> verdicts) {
    List<String> out = new ArrayList<>();
    for (CaseRunner.Verdict v : verdicts) {
      if (v.passed() && !passing.contains(v.id())) {
        out.add(v.id());
      }
    }
    return out;
  }

  /**
   * Writes the cases that pass in {@code verdicts} as the new baseline, under {@code
   * src/test/resources/conformance} of the module at {@code moduleDir}.
   */
  static void write(Path moduleDir, String name, List<CaseRunner.Verdict> verdicts)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# Conformance cases that pass; one that fails later fails the build.\n");
    sb.append("# Regenerate with -D")
        .append(UPDATE)
        .append("=true after a fix (ConformanceTest).\n");
    new TreeSet<>(
            verdicts.stream()
                .filter(CaseRunner.Verdict::passed)
                .map(CaseRunner.Verdict::id)
                .toList())
        .forEach(id -> sb.append(id).append('\n'));
    Path dir = moduleDir.resolve("src/test/resources/conformance");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name), sb.toString());
  }
}
