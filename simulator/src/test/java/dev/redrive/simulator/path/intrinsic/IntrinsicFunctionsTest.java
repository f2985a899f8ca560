package dev.redrive.simulator.path.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.redrive.simulator.error.StatesError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of {@code intrinsic/function-cases.json}: an expression, the input, variables and
 * context it runs against, and the output or the error and cause it must give.
 */
class IntrinsicFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Named<JsonNode>> cases() {
    try (InputStream in =
        IntrinsicFunctionsTest.class.getResourceAsStream("/intrinsic/function-cases.json")) {
      JsonNode table = JSON.readTree(in);
      return StreamSupport.stream(table.spliterator(), false)
          .map(c -> Named.of(c.get("name").asText(), c));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluatesAsAws(JsonNode testCase) {
    Map<String, JsonNode> variables = new HashMap<>();
    testCase.path("variables").properties().forEach(f -> variables.put(f.getKey(), f.getValue()));
    TestResolver resolver =
        new TestResolver(
            testCase.has("input") ? testCase.get("input") : JSON.createObjectNode(),
            testCase.has("context") ? testCase.get("context") : NullNode.getInstance(),
            variables);
    IntrinsicCall call = Intrinsics.parse(testCase.get("expression").asText());

    if (testCase.has("error")) {
      StatesError error = catchThrowableOfType(StatesError.class, () -> call.evaluate(resolver));
      assertThat(error).as("an error").isNotNull();
      assertThat(error.error()).isEqualTo(testCase.get("error").asText());
      assertThat(error.cause()).isEqualTo(testCase.get("cause").asText());
    } else {
      assertThat(call.evaluate(resolver)).isEqualTo(testCase.get("output"));
    }
  }
}
