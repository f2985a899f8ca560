package dev.redrive.simulator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven checks of the request rules, from {@code validation/request-cases.json}: each case
 * names where the rule and its wording come from, and gives AWS's {@code Code | Message}, or null
 * for a request AWS accepts.
 */
class RequestValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in =
        RequestValidatorTest.class.getResourceAsStream("/validation/request-cases.json")) {
      List<Arguments> out = new ArrayList<>();
      for (JsonNode c : JSON.readTree(in)) {
        out.add(Arguments.of(c.get("name").asText(), c));
      }
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAsAwsDoes(String name, JsonNode c) {
    String expected = c.get("error").isNull() ? "(accepted)" : c.get("error").asText();
    assertThat(RequestCalls.outcome(c.get("operation").asText(), c.get("request")))
        .isEqualTo(expected);
  }
}
