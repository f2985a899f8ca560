package dev.redrive.simulator.definition.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edge cases of Choice Rule evaluation and compilation, as tables in {@code
 * src/test/resources/choice/}: {@code rule-cases.json} (a rule, an input, and whether it matches or
 * which error it raises) and {@code compile-errors.json} (a malformed rule and what the message
 * must say).
 */
class ChoiceRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> ruleCases() {
    return table("/choice/rule-cases.json");
  }

  static Stream<Arguments> compileErrors() {
    return table("/choice/compile-errors.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleCases")
  void evaluatesRuleAsAwsDoes(String name, JsonNode c) {
    ChoiceRule rule = ChoiceRules.compile(c.get("rule"));
    TestPathResolver resolver =
        new TestPathResolver(c.get("input"), c.path("context"), variables(c.path("variables")));
    if (c.has("error")) {
      StatesError error = catchThrowableOfType(StatesError.class, () -> rule.matches(resolver));
      assertThat(error).as("raises an error").isNotNull();
      assertThat(error.error()).isEqualTo(c.get("error").asText());
      assertThat(error.cause()).isEqualTo(c.get("cause").asText());
    } else {
      assertThat(rule.matches(resolver)).isEqualTo(c.get("expected").asBoolean());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compileErrors")
  void rejectsMalformedRuleNamingTheProblem(String name, JsonNode c) {
    assertThatThrownBy(() -> ChoiceRules.compile(c.get("rule")))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(
            e -> {
              for (JsonNode message : c.get("messages")) {
                assertThat(e.getMessage()).contains(message.asText());
              }
            });
  }

  @Test
  void exposesNextAndAssignOfTopLevelRule() throws IOException {
    ChoiceRule rule =
        ChoiceRules.compile(
            JSON.readTree(
                "{\"Variable\":\"$.v\",\"IsNull\":true,\"Next\":\"Done\","
                    + "\"Assign\":{\"seen\":true},\"Comment\":\"why\"}"));

    assertThat(rule.next()).contains("Done");
    assertThat(rule.assign()).contains(JSON.readTree("{\"seen\":true}"));
  }

  @Test
  void nestedRuleHasNoNext() throws IOException {
    ChoiceRule rule = ChoiceRules.compile(JSON.readTree("{\"Variable\":\"$.v\",\"IsNull\":true}"));

    assertThat(rule.next()).isEmpty();
    assertThat(rule.assign()).isEmpty();
  }

  @Test
  void compiledRuleDoesNotSeeLaterChangesToTheDefinition() throws IOException {
    JsonNode json = JSON.readTree("{\"Variable\":\"$.v\",\"StringEquals\":\"a\",\"Next\":\"N\"}");
    ChoiceRule rule = ChoiceRules.compile(json);
    ((ObjectNode) json).put("StringEquals", "b");

    assertThat(rule.matches(TestPathResolver.of(JSON.readTree("{\"v\":\"a\"}")))).isTrue();
  }

  @Test
  void compileAllNamesTheIndexOfTheBadRule() throws IOException {
    JsonNode choices =
        JSON.readTree(
            "[{\"Variable\":\"$.v\",\"IsNull\":true,\"Next\":\"A\"},"
                + "{\"Variable\":\"$.v\",\"NumericEquals\":\"x\",\"Next\":\"B\"}]");

    assertThatThrownBy(() -> ChoiceRules.compileAll(choices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Choices[1]: invalid Choice Rule: ");
  }

  @Test
  void compileAllRejectsEmptyChoices() throws IOException {
    assertThatThrownBy(() -> ChoiceRules.compileAll(JSON.readTree("[]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Choices must be a non-empty array of Choice Rules, was []");
  }

  @Test
  void rejectsRuleThatIsNotAnObject() throws IOException {
    assertThatThrownBy(() -> ChoiceRules.compile(JSON.readTree("\"$.v\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Choice Rule must be a JSON object, was \"$.v\"");
  }

  @Test
  void firstMatchTakesTheFirstMatchingRuleAndEvaluatesNoFurther() throws IOException {
    List<ChoiceRule> rules =
        ChoiceRules.compileAll(
            JSON.readTree(
                "[{\"Variable\":\"$.v\",\"NumericLessThan\":0,\"Next\":\"Negative\"},"
                    + "{\"Variable\":\"$.v\",\"NumericLessThan\":10,\"Next\":\"Small\"},"
                    + "{\"Variable\":\"$.missing\",\"IsNull\":true,\"Next\":\"Never\"}]"));

    Optional<ChoiceRule> small =
        ChoiceRules.firstMatch(rules, TestPathResolver.of(JSON.readTree("{\"v\":3}")));

    assertThat(small.flatMap(ChoiceRule::next)).contains("Small");
  }

  @Test
  void firstMatchIsEmptyWhenNoRuleMatchesAndRaisesWhatARuleRaises() throws IOException {
    List<ChoiceRule> rules =
        ChoiceRules.compileAll(
            JSON.readTree(
                "[{\"Variable\":\"$.v\",\"StringEquals\":\"a\",\"Next\":\"A\"},"
                    + "{\"Variable\":\"$.w\",\"StringEquals\":\"b\",\"Next\":\"B\"}]"));

    assertThat(
            ChoiceRules.firstMatch(
                rules, TestPathResolver.of(JSON.readTree("{\"v\":\"x\",\"w\":1}"))))
        .isEmpty();
    assertThatThrownBy(
            () ->
                ChoiceRules.firstMatch(rules, TestPathResolver.of(JSON.readTree("{\"v\":\"x\"}"))))
        .isInstanceOf(StatesError.class)
        .hasMessage(
            "States.Runtime: Invalid path '$.w': The choice state's condition path references an"
                + " invalid value.");
  }

  @Test
  void knowsEveryJsonPathOperator() {
    assertThat(ChoiceRules.operatorNames())
        .hasSize(39)
        .contains(
            "StringEquals",
            "StringGreaterThanEqualsPath",
            "StringMatches",
            "NumericLessThanEqualsPath",
            "BooleanEquals",
            "BooleanEqualsPath",
            "TimestampGreaterThanPath",
            "IsNull",
            "IsPresent",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp")
        .doesNotContain("BooleanLessThan", "StringMatchesPath");
  }

  @Test
  void missingVariableCauseIsWordedAsAws() {
    assertThat(ChoiceRules.invalidPathCause("$.foo"))
        .isEqualTo(
            "Invalid path '$.foo': The choice state's condition path references an invalid value.");
  }

  @Test
  void noChoiceMatchedIsTheStatesError() {
    StatesError error = ChoiceRules.noChoiceMatched("Decide");

    assertThat(error.error()).isEqualTo("States.NoChoiceMatched");
    assertThat(error.cause()).contains("'Decide'");
  }

  private static Map<String, JsonNode> variables(JsonNode node) {
    Map<String, JsonNode> out = new HashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Stream<Arguments> table(String resource) {
    try (InputStream in = ChoiceRulesTest.class.getResourceAsStream(resource)) {
      JsonNode cases = JSON.readTree(Optional.ofNullable(in).orElseThrow());
      return StreamSupport.stream(cases.spliterator(), false)
          .map(c -> Arguments.of(c.get("name").asText(), c));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
