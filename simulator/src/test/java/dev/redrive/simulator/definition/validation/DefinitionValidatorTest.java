package dev.redrive.simulator.definition.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * Table-driven checks of AWS's wording, from {@code validation/definition-cases.json}: each case
 * names where AWS's answer was recorded or reported, and gives either the {@code InvalidDefinition}
 * message or the diagnostics of ValidateStateMachineDefinition.
 */
class DefinitionValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in =
        DefinitionValidatorTest.class.getResourceAsStream("/validation/definition-cases.json")) {
      List<Arguments> out = new ArrayList<>();
      for (JsonNode c : JSON.readTree(in)) {
        out.add(Arguments.of(c.get("name").asText(), c));
      }
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsWhatAwsReports(String name, JsonNode c) {
    String definition = c.get("definition").asText();
    String type = c.path("type").asText(DefinitionValidator.STANDARD);
    if (c.has("message")) {
      InvalidDefinitionException e =
          catchThrowableOfType(
              InvalidDefinitionException.class,
              () -> DefinitionValidator.validate(definition, type));
      assertThat(e).as("rejected").isNotNull();
      assertThat(e.errorCode()).isEqualTo("InvalidDefinition");
      assertThat(e.getMessage()).isEqualTo(c.get("message").asText());
    }
    if (c.has("diagnostics")) {
      List<Diagnostic> expected = new ArrayList<>();
      for (JsonNode d : c.get("diagnostics")) {
        expected.add(
            new Diagnostic(
                Diagnostic.ERROR,
                d.get("code").asText(),
                d.get("message").asText(),
                d.get("location").isNull() ? null : d.get("location").asText()));
      }
      assertThat(DefinitionValidator.diagnose(definition, type)).isEqualTo(expected);
    }
  }
}
