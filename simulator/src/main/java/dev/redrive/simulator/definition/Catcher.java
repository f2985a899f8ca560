package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.PathField;
import dev.redrive.simulator.path.PayloadTemplate;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a state's {@code Catch} list.
 *
 * @param errorEquals the error names it matches
 * @param next the state to go to
 * @param resultPath where the error output goes in JSONPath mode (default {@code $})
 * @param assign {@code Assign} in JSONPath mode (compiled), if any
 * @param assignRaw {@code Assign} as written (JSONata mode), if any
 * @param output {@code Output} (JSONata mode), if any
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    PathField resultPath,
    Optional<PayloadTemplate> assign,
    Optional<JsonNode> assignRaw,
    Optional<JsonNode> output) {
  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }

  /** True when this catcher handles the error name. */
  public boolean matches(String error) {
    return ErrorMatcher.matches(errorEquals, error);
  }
}
