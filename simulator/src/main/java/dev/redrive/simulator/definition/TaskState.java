package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.ReferencePath;
import java.util.Optional;

/**
 * A {@code Task} state.
 *
 * @param resource {@code Resource}: a Lambda function ARN, {@code
 *     arn:aws:states:::service:api[.pattern]}, or an activity ARN
 * @param timeoutSeconds {@code TimeoutSeconds} (a number, or a JSONata expression)
 * @param timeoutSecondsPath {@code TimeoutSecondsPath}
 * @param heartbeatSeconds {@code HeartbeatSeconds}
 * @param heartbeatSecondsPath {@code HeartbeatSecondsPath}
 */
public record TaskState(
    StateCommon common,
    String resource,
    Optional<JsonNode> timeoutSeconds,
    Optional<ReferencePath> timeoutSecondsPath,
    Optional<JsonNode> heartbeatSeconds,
    Optional<ReferencePath> heartbeatSecondsPath)
    implements State {}
