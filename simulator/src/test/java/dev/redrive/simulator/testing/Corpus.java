package dev.redrive.simulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the conformance corpus recorded against real AWS ({@code shared/conformance}), which lives
 * beside the checkout, never inside it.
 *
 * <p>Looked up in order: the environment variable {@code REDRIVE_CONFORMANCE_DIR}, then {@code
 * ../shared/conformance} next to the repository root (found by walking up from the working
 * directory to the folder holding {@code mvnw}).
 */
public final class Corpus {
  /** Environment variable that points at the conformance folder. */
  public static final String ENV = "REDRIVE_CONFORMANCE_DIR";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  /** The corpus folder, if it can be found. */
  public static Optional<Path> dir() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("mvnw"))) {
        Path p = d.resolveSibling("shared").resolve("conformance");
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The corpus folder, or a skipped test with a message saying where it was looked for.
   *
   * @throws org.opentest4j.TestAbortedException when the corpus is absent
   */
  public static Path requireDir() {
    Optional<Path> dir = dir();
    Assumptions.assumeTrue(
        dir.isPresent(),
        "conformance corpus not found: set "
            + ENV
            + " or place shared/conformance beside the checkout; corpus tests skipped");
    return dir.get();
  }

  /** Every case of a JSON-lines file of the corpus, e.g. {@code execution-cases.jsonl}. */
  public static List<JsonNode> cases(String fileName) {
    Path file = requireDir().resolve(fileName);
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read conformance file " + file, e);
    }
  }
}
