package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A {@code Pass} state.
 *
 * @param result {@code Result}, if any
 */
public record PassState(StateCommon common, Optional<JsonNode> result) implements State {}
