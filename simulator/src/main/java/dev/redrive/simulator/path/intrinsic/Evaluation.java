package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.PathResolver;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What one evaluation of an intrinsic call needs: the resolver for path arguments, the source of
 * randomness, and the text of the outermost call for error causes.
 */
record Evaluation(PathResolver resolver, RandomGenerator random, String expression) {

  /** Resolves a path argument; a path that selects nothing is an error, as in AWS. */
  JsonNode resolve(String path) {
    Optional<JsonNode> value = resolver.resolve(path);
    if (value.isEmpty()) {
      throw failure(
          "The JsonPath argument for the field '"
              + path
              + "' could not be found in the input '"
              + rootOf(path)
              + "'");
    }
    return value.get();
  }

  /** A {@code States.Runtime} error whose cause names this call, worded as AWS words it. */
  StatesError failure(String detail) {
    return StatesError.runtime(
        "The function '" + expression + "' had the following error: " + detail);
  }

  /** The document a path is resolved against, rendered as compact JSON for an error cause. */
  private String rootOf(String path) {
    String root;
    if (path.startsWith("$$")) {
      root = "$$";
    } else if (path.length() > 1 && path.charAt(1) != '.' && path.charAt(1) != '[') {
      int end = 1;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      root = path.substring(0, end);
    } else {
      root = "$";
    }
    return resolver.resolve(root).map(JsonNode::toString).orElse("");
  }
}
