package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.functions.config.ControllerEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parameters' constraints: what CloudFormation lets through, the handler must accept. */
class ParametersTest {

  /** Why CloudFormation would refuse the value, as it checks a parameter's constraints. */
  static Optional<String> violation(String parameter, String value) {
    JsonNode declaration = Template.tree().path("Parameters").path(parameter);
    JsonNode pattern = declaration.get("AllowedPattern");
    if (pattern != null && !value.matches(pattern.asText())) {
      return Optional.of(parameter + " '" + value + "' does not match " + pattern.asText());
    }
    JsonNode allowed = declaration.get("AllowedValues");
    if (allowed != null) {
      List<String> values = new ArrayList<>();
      allowed.forEach(v -> values.add(v.asText()));
      if (!values.contains(value)) {
        return Optional.of(parameter + " '" + value + "' is not one of " + values);
      }
    }
    if (declaration.path("Type").asText().equals("Number")) {
      double number;
      try {
        number = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return Optional.of(parameter + " '" + value + "' is not a number");
      }
      if (declaration.has("MinValue") && number < declaration.get("MinValue").asDouble()) {
        return Optional.of(parameter + " " + value + " < MinValue");
      }
      if (declaration.has("MaxValue") && number > declaration.get("MaxValue").asDouble()) {
        return Optional.of(parameter + " " + value + " > MaxValue");
      }
    }
    return Optional.empty();
  }

  @Test
  void everyDefaultAndEverySampleValueSatisfiesItsConstraints() {
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = Template.tree().path("Parameters").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      JsonNode fallback = parameter.getValue().get("Default");
      if (fallback != null) {
        violation(parameter.getKey(), fallback.asText()).ifPresent(problems::add);
      }
    }
    for (Map<String, String> values : Scenarios.everyCondition()) {
      values.forEach((name, value) -> violation(name, value).ifPresent(problems::add));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theHandlerAcceptsEveryValueAtTheBoundsOfTheConstraints() {
    Map<String, List<String>> bounds =
        Map.of(
            "AuditRetentionDays", List.of("1", "9999"),
            "StepFunctionsMaxAttempts", List.of("1", "10"),
            "RedrivesPerSecond",
                List.of(
                    Template.tree().at("/Parameters/RedrivesPerSecond/MinValue").asText(),
                    Template.tree().at("/Parameters/RedrivesPerSecond/MaxValue").asText()),
            "NestedCheck", List.of("true", "false"),
            "ControllerMode", List.of("enforce", "shadow"));
    bounds.forEach(
        (parameter, values) -> {
          for (String value : values) {
            assertThat(violation(parameter, value)).as(parameter + "=" + value).isEmpty();
            Map<String, String> environment = new HashMap<>();
            Scenarios.evaluate(Scenarios.with(Map.of(parameter, value)))
                .properties("ControllerFunction")
                .at("/Environment/Variables")
                .fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
            assertThatCode(() -> ControllerEnvironment.from(environment))
                .as(parameter + "=" + value)
                .doesNotThrowAnyException();
          }
        });
  }

  @Test
  void theModeReachesTheControllerAsCONTROLLER_MODE() {
    for (String mode : List.of("enforce", "shadow")) {
      Map<String, String> environment = new HashMap<>();
      Scenarios.evaluate(Scenarios.with(Map.of("ControllerMode", mode)))
          .properties("ControllerFunction")
          .at("/Environment/Variables")
          .fields()
          .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
      assertThat(ControllerEnvironment.from(environment).controller().mode().label())
          .isEqualTo(mode);
    }
    assertThat(Template.tree().at("/Parameters/ControllerMode/Default").asText())
        .isEqualTo("enforce");
  }

  @Test
  void refusesValuesTheHandlerCouldNotRead() {
    assertThat(violation("StepFunctionsMaxAttempts", "2.5")).isPresent();
    assertThat(violation("StepFunctionsMaxAttempts", "0")).isPresent();
    assertThat(violation("AuditRetentionDays", "30.0")).isPresent();
    assertThat(violation("NestedCheck", "yes")).isPresent();
    assertThat(violation("ControllerMode", "dry-run")).isPresent();
    assertThat(violation("RedrivesPerSecond", "0")).isPresent();
    assertThat(violation("GiveUpEventSource", "aws.states")).isPresent();
    assertThat(violation("NotificationTopicArn", "my-topic")).isPresent();
    assertThat(violation("NotificationEmail", "not an address")).isPresent();
  }
}
