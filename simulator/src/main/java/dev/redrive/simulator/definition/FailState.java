package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A {@code Fail} state.
 *
 * @param error {@code Error} (a string, or a JSONata expression in JSONata mode)
 * @param cause {@code Cause}
 * @param errorPath {@code ErrorPath} (JSONPath mode; a path or an intrinsic call)
 * @param causePath {@code CausePath}
 */
public record FailState(
    StateCommon common,
    Optional<JsonNode> error,
    Optional<JsonNode> cause,
    Optional<String> errorPath,
    Optional<String> causePath)
    implements State {}
