package dev.redrive.simulator.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.definition.validation.DefinitionValidator;
import java.util.Optional;
import java.util.Set;

/**
 * What AWS checks in a TestState request before running it, in AWS's order: the definition's schema
 * ({@code InvalidDefinition}), then the mock against the state type (only Task, Map and Parallel
 * take one; a Map's result is an array, or an object with a ResultWriter; a Parallel's has one item
 * per branch; a Task's is checked against the service's response shape, see {@link
 * MockResultShapes}), then {@code mapIterationFailureCount}, then the unmocked Map and Parallel
 * states TestState cannot run, then the role a Task state needs.
 */
final class TestStateChecks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MOCKABLE = Set.of("Task", "Map", "Parallel");

  private TestStateChecks() {}

  static void check(TestStateRequest request) {
    String stateName = request.stateName().orElse(null);
    DefinitionValidator.validateForTestState(request.definition(), stateName, true);
    JsonNode state = testedState(request.definition(), stateName);
    String type = state.path("Type").asText();
    if (request.mock().isPresent()) {
      checkMock(request, state, type);
    }
    request
        .mapIterationFailureCount()
        .ifPresent(
            count -> {
              if (request.mock().isEmpty()) {
                throw invalid(
                    "TestState does not support MapIterationFailureCount when a mock is not"
                        + " specified.");
              }
            });
    DefinitionValidator.validateForTestState(
        request.definition(), stateName, request.mock().isPresent());
    if (type.equals("Task") && request.mock().isEmpty() && request.roleArn().isEmpty()) {
      throw invalid("RoleArn must be specified when testing a Task state");
    }
  }

  private static void checkMock(TestStateRequest request, JsonNode state, String type) {
    if (!MOCKABLE.contains(type)) {
      throw invalid("State type '" + type + "' is not supported when a mock is specified");
    }
    if (request.revealSecrets()) {
      throw invalid("TestState does not support RevealSecrets when a mock is specified.");
    }
    Optional<String> text = request.mock().get().result();
    if (text.isEmpty()) {
      return;
    }
    JsonNode result;
    try {
      result = JSON.readTree(text.get());
    } catch (JsonProcessingException e) {
      throw invalid("Mocked result must be valid JSON");
    }
    if (type.equals("Task")) {
      Optional<String> problem =
          MockResultShapes.problem(
              state.path("Resource").asText(), result, request.mock().get().fieldValidationMode());
      if (problem.isPresent()) {
        throw invalid(problem.get());
      }
    } else if (type.equals("Map")) {
      if (state.has("ResultWriter") && !result.isObject()) {
        throw invalid("Mocked result must be a JSON object.");
      }
      if (!state.has("ResultWriter") && !result.isArray()) {
        throw invalid("Mocked result must be an array.");
      }
      int iterations = result.isArray() ? result.size() : Integer.MAX_VALUE;
      if (request.mapIterationFailureCount().orElse(0) > iterations) {
        throw invalid(
            "Map iteration failure count must be less than or equal to the number of Map"
                + " iterations");
      }
    } else if (type.equals("Parallel")) {
      if (!result.isArray()) {
        throw invalid("Mocked result must be an array.");
      }
      if (result.size() != state.path("Branches").size()) {
        throw invalid(
            "Mocked result must contain the same number of items as number of Parallel"
                + " branches.");
      }
    }
  }

  /** The state under test: the one named in a whole state machine, or the definition itself. */
  private static JsonNode testedState(String definition, String stateName) {
    try {
      JsonNode root = JSON.readTree(definition);
      if (root.has("States")) {
        String name = stateName != null ? stateName : root.path("StartAt").asText();
        return root.path("States").path(name);
      }
      return root;
    } catch (JsonProcessingException e) {
      // validateForTestState has already rejected a definition that is not JSON.
      throw new IllegalStateException(e);
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(InvalidRequestException.VALIDATION_EXCEPTION, message);
  }
}
