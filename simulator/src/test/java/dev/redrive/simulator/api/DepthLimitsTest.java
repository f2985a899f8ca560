package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.jsonata.JsonataBindings;
import dev.redrive.simulator.jsonata.JsonataEngine;
import dev.redrive.simulator.jsonata.JsonataException;
import dev.redrive.simulator.path.Nesting;
import dev.redrive.simulator.path.ReferencePath;
import dev.redrive.simulator.path.intrinsic.Intrinsics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/**
 * Expressions nested thousands deep (intrinsics, JSONata, JSONPath, request bodies) are refused
 * with AWS's error for the case and a message that names the limit: never a stack overflow, an
 * empty reply or a failure without a cause.
 */
class DepthLimitsTest {
  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  static String nestedIntrinsic(int depth) {
    return "States.Array(".repeat(depth) + "1" + ")".repeat(depth);
  }

  private static String passWithParameter(String key, String value) {
    ObjectNode def = JsonNodeFactory.instance.objectNode();
    def.put("StartAt", "P");
    ObjectNode p = def.putObject("States").putObject("P");
    p.put("Type", "Pass").put("End", true);
    p.putObject("Parameters").put(key, value);
    return def.toString();
  }

  private static String jsonataPass(String expression) {
    ObjectNode def = JsonNodeFactory.instance.objectNode();
    def.put("QueryLanguage", "JSONata").put("StartAt", "P");
    ObjectNode p = def.putObject("States").putObject("P");
    p.put("Type", "Pass").put("End", true).put("Output", "{% " + expression + " %}");
    return def.toString();
  }

  @Test
  void intrinsicNested2000DeepIsAnInvalidDefinition() {
    String definition = passWithParameter("a.$", nestedIntrinsic(2_000));

    ValidateStateMachineDefinitionResponse validated =
        endpoint.sfn.validateStateMachineDefinition(b -> b.definition(definition));

    assertThat(validated.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(validated.diagnostics().get(0).code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
    assertThat(validated.diagnostics().get(0).location()).isEqualTo("/States/P/Parameters/a.$");
    assertThatThrownBy(() -> endpoint.createStateMachine("deep", definition))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field"
                + " 'a.$' must be a valid JSONPath or a valid intrinsic function call at"
                + " /States/P/Parameters/a.$'");
  }

  @Test
  void intrinsicNestedToTheLimitStillRuns() {
    String sm =
        endpoint.createStateMachine(
            "at-limit", passWithParameter("a.$", nestedIntrinsic(Nesting.MAX_DEPTH)));

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();

    assertThat(endpoint.awaitEnd(arn).output()).startsWith("{\"a\":[[[[").contains("1");
  }

  @Test
  void intrinsicNestedTooDeepIsAStatesRuntimeErrorWithACause() {
    assertThatThrownBy(() -> Intrinsics.parse(nestedIntrinsic(2_000)))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause())
                  .contains("is not a valid intrinsic function call")
                  .contains("nest deeper than " + Nesting.MAX_DEPTH + " levels at position 1312");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 5_000})
  void jsonataNestedThousandsDeepIsAnInvalidDefinition(int depth) {
    for (String expression :
        new String[] {
          "(".repeat(depth) + "1" + ")".repeat(depth),
          "[".repeat(depth) + "1" + "]".repeat(depth),
          "$not(".repeat(depth) + "true" + ")".repeat(depth),
          "1" + "+1".repeat(depth),
          "-".repeat(depth) + "1",
          "$states.input" + ".a".repeat(depth)
        }) {
      String definition = jsonataPass(expression);

      assertThatThrownBy(() -> endpoint.createStateMachine("deep-jsonata", definition))
          .as(expression.substring(0, 10))
          .isInstanceOf(InvalidDefinitionException.class)
          .hasMessageStartingWith(
              "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The JSONata expression"
                  + " for the field 'Output' is invalid: The expression is nested too deeply: ");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 5_000})
  void jsonataNestedThousandsDeepFailsEvaluationWithACause(int depth) {
    JsonataEngine engine = new JsonataEngine();
    JsonataBindings bindings = JsonataBindings.of(JsonNodeFactory.instance.objectNode());
    // Bracketed: refused by the depth limit before parsing.
    for (String expression :
        new String[] {
          "{% " + "(".repeat(depth) + "1" + ")".repeat(depth) + " %}",
          "{% " + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + " %}"
        }) {
      assertThatThrownBy(() -> engine.evaluate(expression, bindings, "Output"))
          .isInstanceOfSatisfying(
              JsonataException.class,
              e ->
                  assertThat(e.toStatesError("P", 2).cause())
                      .contains("The expression is nested too deeply: brackets nest deeper than"));
    }
    // Operators chained without brackets: the parser's or the evaluator's bound, with a cause.
    for (String expression :
        new String[] {
          "{% 1" + "+1".repeat(depth) + " %}",
          "{% " + "true ? ".repeat(depth) + "1" + " : 2".repeat(depth) + " %}"
        }) {
      assertThatThrownBy(() -> engine.evaluate(expression, bindings, "Output"))
          .isInstanceOfSatisfying(
              JsonataException.class,
              e -> {
                StatesError error = e.toStatesError("P", 2);
                assertThat(error.error()).isEqualTo("States.QueryEvaluationError");
                assertThat(error.cause())
                    .contains("The JSONata expression")
                    .contains("during evaluation");
              });
    }
  }

  @Test
  void jsonPathFilterNestedTooDeepIsAStatesRuntimeError() {
    String path = "$.a[?(" + "(".repeat(2_000) + "@.b == 1" + ")".repeat(2_000) + ")]";

    assertThatThrownBy(() -> ReferencePath.compile(path))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause()).contains("nest deeper than " + Nesting.MAX_DEPTH + " levels");
            });
  }

  @Test
  void requestBodyNestedBeyondTheParserLimitIsASerializationException() {
    String body = "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";

    RawClient.Response r = new RawClient(endpoint.server.port()).call("ListStateMachines", body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("SerializationException");
    assertThat(r.message()).startsWith("Request body is not JSON").contains("nesting depth");
  }

  @Test
  void executionInputNestedThousandsDeepIsRefused() {
    String sm = endpoint.createStateMachine("input-depth", StateMachineApiTest.PASS);
    String input = "[".repeat(5_000) + "]".repeat(5_000);

    RawClient.Response r =
        new RawClient(endpoint.server.port())
            .call("StartExecution", Json.object().put("stateMachineArn", sm).put("input", input));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("InvalidExecutionInput");
    assertThat(r.message()).isNotBlank();
  }
}
