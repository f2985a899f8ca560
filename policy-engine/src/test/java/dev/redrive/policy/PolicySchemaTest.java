package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The JSON Schema shipped for editors ({@code redrive-policy.schema.json}) agrees with the loader:
 * the sample policies are valid, the invalid ones are not, and its defaults are the engine's.
 */
class PolicySchemaTest {
  private static final String SCHEMA_RESOURCE = "/redrive-policy.schema.json";

  /**
   * Invalid files the schema cannot catch: a tree read from YAML keeps one of two duplicate keys,
   * and the first of two documents. Files that are not YAML at all, or empty, have no tree to
   * validate; YAML 1.2 number forms ({@code .nan}, {@code 0x7f...}) are not read as numbers by the
   * Jackson YAML reader the schema test uses.
   */
  private static final Set<String> ONLY_THE_LOADER_CATCHES =
      Set.of(
          "duplicate-keys.yaml",
          "yaml-syntax.yaml",
          "empty.yaml",
          "second-document.yaml",
          "after-document-end.yaml",
          "number-forms.yaml");

  private static final JsonSchema SCHEMA = schema();

  @TestFactory
  Stream<DynamicTest> acceptsTheSamplePolicies() {
    Stream<DynamicTest> files =
        Stream.concat(
                Fixtures.files("policies", ".yaml").stream(),
                Fixtures.files("bench", ".yaml").stream())
            .map(
                file ->
                    DynamicTest.dynamicTest(
                        file.getFileName().toString(), () -> assertValid(Fixtures.yaml(file))));
    Stream<DynamicTest> inline =
        Fixtures.files("decisions", ".yaml").stream()
            .filter(file -> Fixtures.yaml(file).get("policy").isObject())
            .map(
                file ->
                    DynamicTest.dynamicTest(
                        "inline policy of " + file.getFileName(),
                        () -> assertValid(Fixtures.yaml(file).get("policy"))));
    return Stream.concat(files, inline);
  }

  @TestFactory
  Stream<DynamicTest> rejectsTheInvalidPolicies() {
    return Fixtures.files("invalid", ".yaml").stream()
        .filter(file -> !ONLY_THE_LOADER_CATCHES.contains(file.getFileName().toString()))
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> assertThat(SCHEMA.validate(Fixtures.yaml(file))).isNotEmpty()));
  }

  @Test
  void rejectsStatesAllMixedWithOtherErrors() throws IOException {
    JsonNode policy =
        Fixtures.YAML.readTree(
            "version: 1\nrules: [{name: a, match: {errors: [States.ALL, Lambda.*]}, action: ignore}]");

    Set<ValidationMessage> problems = SCHEMA.validate(policy);

    assertThat(problems)
        .extracting(ValidationMessage::getInstanceLocation)
        .extracting(Object::toString)
        .contains("$.rules[0].match.errors");
  }

  @Test
  void rejectsADurationInAnotherForm() throws IOException {
    JsonNode policy =
        Fixtures.YAML.readTree(
            "version: 1\ndefaults: {backoff: {maxDelay: 10 minutes}}\nrules: []");

    assertThat(SCHEMA.validate(policy))
        .extracting(m -> m.getInstanceLocation().toString())
        .contains("$.defaults.backoff.maxDelay");
  }

  @Test
  void givesTheEngineDefaults() throws IOException {
    JsonNode defs = Fixtures.JSON.readTree(schemaText()).get("$defs");
    RuleDefaults builtIn = RuleDefaults.BUILT_IN;

    assertThat(defs.at("/maxRedrives/default").asInt()).isEqualTo(builtIn.maxRedrives());
    assertThat(defs.at("/onGiveUp/default").asText()).isEqualTo(builtIn.onGiveUp().policyName());
    JsonNode backoff = defs.at("/backoff/properties");
    Backoff parsed =
        PolicyLoader.parse(
                "version: 1\ndefaults: {backoff: {initialDelay: "
                    + backoff.at("/initialDelay/default").asText()
                    + ", maxDelay: "
                    + backoff.at("/maxDelay/default").asText()
                    + "}}\nrules: []",
                "schema defaults")
            .defaults()
            .backoff();
    assertThat(parsed.initialDelay()).isEqualTo(builtIn.backoff().initialDelay());
    assertThat(parsed.maxDelay()).isEqualTo(builtIn.backoff().maxDelay());
    assertThat(backoff.at("/multiplier/default").asDouble())
        .isEqualTo(builtIn.backoff().multiplier());
    assertThat(backoff.at("/jitter/default").asText())
        .isEqualTo(builtIn.backoff().jitter().policyName());
  }

  private static void assertValid(JsonNode policy) {
    assertThat(SCHEMA.validate(policy)).isEmpty();
  }

  private static JsonSchema schema() {
    try (InputStream in = PolicySchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      assertThat(in).as(SCHEMA_RESOURCE).isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String schemaText() throws IOException {
    try (InputStream in = PolicySchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
