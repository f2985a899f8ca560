package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates Amazon States Language documents the way AWS Step Functions does, with AWS's diagnostic
 * codes and messages.
 *
 * <p>The checks run in AWS's order: JSON syntax ({@code INVALID_JSON_DESCRIPTION}), then the schema
 * ({@code SCHEMA_VALIDATION_FAILED}: required and supported fields, value types, query language
 * rules), then, when the schema holds, the transitions ({@code MISSING_TRANSITION_TARGET}, {@code
 * MISSING_END_STATE}), then Map labels. Every problem of the failing stage is reported, joined by
 * {@code ", "} as AWS does:
 *
 * <pre>
 * Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at
 * /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'
 * </pre>
 */
public final class DefinitionValidator {
  /** The state machine type of CreateStateMachine's {@code type}, the default. */
  public static final String STANDARD = "STANDARD";

  /** Express state machines: no {@code .sync} nor {@code .waitForTaskToken} integrations. */
  public static final String EXPRESS = "EXPRESS";

  private static final String TEST_STATE_NAME = "StateName";

  private DefinitionValidator() {}

  /**
   * Validates an ASL document given as the raw string of CreateStateMachine, UpdateStateMachine or
   * ValidateStateMachineDefinition, for a {@code STANDARD} state machine.
   *
   * @throws InvalidDefinitionException with AWS's message when the definition is not valid
   */
  public static void validate(String definition) {
    validate(definition, STANDARD);
  }

  /**
   * Validates an ASL document for a state machine of the given type.
   *
   * @param type {@link #STANDARD} or {@link #EXPRESS}; {@code null} means standard
   * @throws InvalidDefinitionException with AWS's message when the definition is not valid
   */
  public static void validate(String definition, String type) {
    List<Diagnostic> problems = diagnose(definition, type);
    if (!problems.isEmpty()) {
      throw failure(definition, problems);
    }
  }

  /**
   * The problems of a {@code STANDARD} state machine definition, for
   * ValidateStateMachineDefinition; empty when it is valid.
   */
  public static List<Diagnostic> diagnose(String definition) {
    return diagnose(definition, STANDARD);
  }

  /**
   * The problems of a definition for a state machine of the given type, in AWS's order; empty when
   * it is valid.
   *
   * @param type {@link #STANDARD} or {@link #EXPRESS}; {@code null} means standard
   */
  public static List<Diagnostic> diagnose(String definition, String type) {
    Findings findings = new Findings();
    JsonNode root = JsonSource.parse(definition, findings);
    if (root == null) {
      return findings.list();
    }
    LanguageFields language =
        LanguageFields.of(root.path("QueryLanguage").asText()).orElse(LanguageFields.JSONPATH);
    new SchemaChecker(findings, language, EXPRESS.equals(type)).checkRoot(root);
    new DepthChecker(findings).check(root, "");
    if (findings.isEmpty()) {
      new GraphChecker(findings).check(root, "");
    }
    if (findings.isEmpty()) {
      new LabelChecker(findings).check(root, "");
    }
    return findings.list();
  }

  /**
   * Validates the definition of a TestState request: a single state, or a whole state machine with
   * {@code stateName} naming the state to test. TestState runs neither Map nor Parallel states
   * unless their result is mocked.
   *
   * @param stateName the state to test in a whole state machine ({@code null}: its {@code
   *     StartAt}); ignored for a single state
   * @param mocked whether the request carries a {@code mock}
   * @throws InvalidDefinitionException with AWS's message when the state cannot be tested
   */
  public static void validateForTestState(String definition, String stateName, boolean mocked) {
    Findings findings = new Findings();
    JsonNode root = JsonSource.parse(definition, findings);
    JsonNode state = null;
    if (root != null && root.has("States")) {
      List<Diagnostic> problems = diagnose(definition, STANDARD);
      if (!problems.isEmpty()) {
        throw failure(definition, problems);
      }
      String name = stateName != null ? stateName : root.path("StartAt").asText();
      state = root.path("States").get(name);
    } else if (root != null) {
      new SchemaChecker(findings, LanguageFields.JSONPATH, false)
          .checkState(TEST_STATE_NAME, root, "/States/" + TEST_STATE_NAME);
      state = root;
    }
    if (!findings.isEmpty()) {
      throw failure(definition, findings.list());
    }
    String type = state == null ? "" : state.path("Type").asText();
    if (!mocked && (type.equals("Map") || type.equals("Parallel"))) {
      throw new InvalidDefinitionException(
          "TestState API does not support Map or Parallel states. Supported state types include:"
              + " [Task, Wait, Pass, Succeed, Fail, Choice]",
          List.of());
    }
  }

  private static InvalidDefinitionException failure(String definition, List<Diagnostic> problems) {
    Set<String> codes = problems.stream().map(Diagnostic::code).collect(Collectors.toSet());
    if (codes.equals(Set.of(DiagnosticCodes.INVALID_LABEL_NAME))) {
      // AWS reports a bad Map label as the Python ValueError of its label parser.
      return new InvalidDefinitionException(
          "Error=ValueError Args=["
              + PythonRepr.of(problems.get(0).message())
              + "] in definition '"
              + definition
              + "'.",
          problems);
    }
    String joined = problems.stream().map(Diagnostic::render).collect(Collectors.joining(", "));
    return new InvalidDefinitionException(
        "Invalid State Machine Definition: '" + joined + "'", problems);
  }
}
