package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.ReferencePath;
import java.util.Optional;

/**
 * A {@code Wait} state: exactly one of the four fields is set.
 *
 * @param seconds {@code Seconds} (a number, or a JSONata expression)
 * @param timestamp {@code Timestamp} (an ISO-8601 string, or a JSONata expression)
 * @param secondsPath {@code SecondsPath}
 * @param timestampPath {@code TimestampPath}
 */
public record WaitState(
    StateCommon common,
    Optional<JsonNode> seconds,
    Optional<JsonNode> timestamp,
    Optional<ReferencePath> secondsPath,
    Optional<ReferencePath> timestampPath)
    implements State {}
