package dev.redrive.simulator.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Resolves a reference path as ASL uses them in JSONPath mode: {@code $...} against the state's
 * (effective) input, {@code $$...} against the context object, and {@code $name...} against the
 * workflow variable {@code name}.
 *
 * <p>Used by intrinsic functions and Choice rules, which decide themselves what a missing value
 * means (an error for intrinsics, {@code false} for {@code IsPresent}).
 */
@FunctionalInterface
public interface PathResolver {

  /**
   * @param path a reference path such as {@code $.a.b[0]}, {@code $$.Execution.Id} or {@code
   *     $var.x}
   * @return the selected value, or empty when the path selects nothing
   * @throws dev.redrive.simulator.error.StatesError ({@code States.Runtime}) when the path is not a
   *     valid reference path
   */
  Optional<JsonNode> resolve(String path);
}
