package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema rules of ASL, state by state ({@code SCHEMA_VALIDATION_FAILED}): required and
 * supported fields, value types, the query-language rules, Retry and Catch, and the nested state
 * machines of Parallel and Map.
 */
final class SchemaChecker {
  private static final Set<String> ROOT_FIELDS =
      Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");
  private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States");
  private static final Set<String> PROCESSOR_FIELDS =
      Set.of("Comment", "StartAt", "States", "ProcessorConfig");
  private static final Set<String> PATH_FIELDS =
      Set.of(
          "InputPath",
          "OutputPath",
          "ResultPath",
          "ItemsPath",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "ErrorPath",
          "CausePath",
          "MaxConcurrencyPath",
          "ToleratedFailureCountPath",
          "ToleratedFailurePercentagePath");
  private static final Set<String> NULLABLE_PATHS = Set.of("InputPath", "OutputPath", "ResultPath");
  private static final Set<String> TEMPLATE_FIELDS =
      Set.of("Parameters", "ResultSelector", "ItemSelector", "Assign");

  /** Longest state name AWS accepts. */
  private static final int MAX_STATE_NAME = 80;

  /** Task timeouts may not exceed this (AWS quota, about three years). */
  private static final long MAX_SECONDS = 99_999_999L;

  private final Findings findings;
  private final ErrorHandlerChecker errorHandlers;
  private final LanguageFields rootLanguage;
  private final boolean express;

  SchemaChecker(Findings findings, LanguageFields rootLanguage, boolean express) {
    this.findings = findings;
    this.errorHandlers = new ErrorHandlerChecker(findings);
    this.rootLanguage = rootLanguage;
    this.express = express;
  }

  /** Checks the top level of a state machine and everything under it. */
  void checkRoot(JsonNode root) {
    findings.unsupportedFields(root, ROOT_FIELDS, "/");
    JsonNode ql = root.get("QueryLanguage");
    if (ql != null && LanguageFields.of(ql.asText(null)).isEmpty()) {
      findings.schema(
          "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]",
          "/QueryLanguage");
    }
    JsonNode timeout = root.get("TimeoutSeconds");
    if (timeout != null && !ValueShapes.isPositiveInteger(timeout)) {
      findings.schema(
          "The value for the field 'TimeoutSeconds' must be a positive integer", "/TimeoutSeconds");
    }
    JsonNode version = root.get("Version");
    if (version != null && !version.isTextual()) {
      findings.schema("The value for the field 'Version' must be a string", "/Version");
    }
    checkContainer(root, "");
  }

  /** Checks {@code StartAt} and {@code States} of a (nested) state machine at {@code prefix}. */
  void checkContainer(JsonNode machine, String prefix) {
    String here = prefix.isEmpty() ? "/" : prefix;
    List<String> missing = new ArrayList<>();
    JsonNode states = machine.get("States");
    JsonNode startAt = machine.get("StartAt");
    if (states == null) {
      missing.add("States");
    }
    if (startAt == null) {
      missing.add("StartAt");
    }
    if (!missing.isEmpty()) {
      findings.schema("These fields are required: " + missing, here);
    }
    if (startAt != null && !startAt.isTextual()) {
      findings.schema("The value for the field 'StartAt' must be a string", prefix + "/StartAt");
    }
    if (states == null) {
      return;
    }
    if (!states.isObject()) {
      findings.schema("The value for the field 'States' must be an object", prefix + "/States");
      return;
    }
    if (states.isEmpty()) {
      findings.schema("Value cannot be empty", prefix + "/States");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      checkState(e.getKey(), e.getValue(), prefix + "/States/" + e.getKey());
    }
  }

  /** Checks one state; {@code loc} is its location, e.g. {@code /States/A}. */
  void checkState(String name, JsonNode state, String loc) {
    if (name.codePointCount(0, name.length()) > MAX_STATE_NAME) {
      findings.add(
          DiagnosticCodes.INVALID_STATE_NAME,
          "State name cannot be longer than 80 characters",
          loc);
    }
    if (!state.isObject()) {
      findings.schema("The value for the field '" + name + "' must be an object", loc);
      return;
    }
    JsonNode typeNode = state.get("Type");
    if (typeNode == null) {
      findings.schema("These fields are required: [Type]", loc);
      return;
    }
    Optional<StateType> type = StateType.of(typeNode.asText(null));
    if (type.isEmpty() || !typeNode.isTextual()) {
      findings.schema(
          "The field 'Type' should have one of these values: " + StateType.listing(),
          loc + "/Type");
      return;
    }
    LanguageFields language = language(state, loc);
    StateType t = type.get();
    for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!t.accepts(field)) {
        findings.schema("Field '" + field + "' is not supported", loc);
      } else if (language.forbids(field)) {
        findings.languageMismatch(language, field, loc);
      }
    }
    findings.requireStrings(state, loc, "Comment");
    if (t.hasTransition()) {
      checkTransition(state, loc);
    }
    if (language == LanguageFields.JSONPATH) {
      checkPaths(state, loc);
      for (String field : TEMPLATE_FIELDS) {
        if (state.has(field)) {
          checkTemplate(state.get(field), loc + "/" + field);
        }
      }
    }
    switch (t) {
      case TASK -> checkTask(state, loc, language);
      case WAIT -> checkWait(state, loc, language);
      case FAIL -> checkFail(state, loc);
      case CHOICE -> new ChoiceChecker(findings).check(state, loc, language);
      case PARALLEL -> checkParallel(state, loc);
      case MAP -> checkMap(state, loc);
      default -> {}
    }
    if (state.has("Retry") && t.accepts("Retry")) {
      errorHandlers.checkRetry(state.get("Retry"), loc + "/Retry");
    }
    if (state.has("Catch") && t.accepts("Catch")) {
      errorHandlers.checkCatch(state.get("Catch"), loc + "/Catch", language);
    }
  }

  private LanguageFields language(JsonNode state, String loc) {
    JsonNode ql = state.get("QueryLanguage");
    if (ql == null) {
      return rootLanguage;
    }
    Optional<LanguageFields> own = LanguageFields.of(ql.asText(null));
    if (own.isEmpty() || !ql.isTextual()) {
      findings.schema(
          "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]",
          loc + "/QueryLanguage");
      return rootLanguage;
    }
    if (rootLanguage == LanguageFields.JSONATA && own.get() == LanguageFields.JSONPATH) {
      findings.schema(
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", loc);
    }
    return own.get();
  }

  private void checkTransition(JsonNode state, String loc) {
    JsonNode next = state.get("Next");
    JsonNode end = state.get("End");
    if (end != null && !end.isBoolean()) {
      findings.schema("The value for the field 'End' must be a boolean", loc + "/End");
      return;
    }
    if (next != null && !next.isTextual()) {
      findings.schema("The value for the field 'Next' must be a string", loc + "/Next");
      return;
    }
    boolean ends = end != null && end.booleanValue();
    if (next != null && ends) {
      findings.schema("Only one of these fields can be set: [Next, End]", loc);
    } else if (next == null && !ends) {
      findings.schema("These fields are required: [Next]", loc);
    }
  }

  private void checkPaths(JsonNode state, String loc) {
    for (String field : PATH_FIELDS) {
      JsonNode v = state.get(field);
      if (v == null || (v.isNull() && NULLABLE_PATHS.contains(field))) {
        continue;
      }
      // ErrorPath and CausePath also take an intrinsic function (ASL "Fail State").
      boolean intrinsicAllowed = field.equals("ErrorPath") || field.equals("CausePath");
      if (intrinsicAllowed ? !ValueShapes.isPathOrIntrinsic(v) : !ValueShapes.isPath(v)) {
        findings.schema(
            "The value for the field '" + field + "' must be a valid JSONPath", loc + "/" + field);
      }
    }
  }

  /** Keys ending in {@code .$} take a path or an intrinsic function call (ASL "Parameters"). */
  private void checkTemplate(JsonNode template, String loc) {
    if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        checkTemplate(template.get(i), loc + "[" + i + "]");
      }
      return;
    }
    if (!template.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (key.endsWith(".$")) {
        if (!ValueShapes.isPathOrIntrinsic(e.getValue())) {
          findings.schema(
              "The value for the field '"
                  + key
                  + "' must be a valid JSONPath or a valid intrinsic function call",
              loc + "/" + key);
        }
      } else {
        checkTemplate(e.getValue(), loc + "/" + key);
      }
    }
  }

  private void checkTask(JsonNode state, String loc, LanguageFields language) {
    JsonNode resource = state.get("Resource");
    if (resource == null) {
      findings.schema("These fields are required: [Resource]", loc);
    } else if (!resource.isTextual() || !resource.textValue().startsWith("arn:")) {
      findings.schema(
          "The resource provided "
              + resource.asText()
              + " is not recognized. The value is not a valid resource ARN, or the resource is"
              + " not available in this region.",
          loc + "/Resource");
    } else if (express) {
      checkExpressResource(resource.textValue(), loc + "/Resource");
    }
    JsonNode timeout = checkSeconds(state, "TimeoutSeconds", loc, language);
    JsonNode heartbeat = checkSeconds(state, "HeartbeatSeconds", loc, language);
    if (timeout != null
        && heartbeat != null
        && ValueShapes.isPositiveInteger(timeout)
        && ValueShapes.isPositiveInteger(heartbeat)
        && heartbeat.decimalValue().compareTo(timeout.decimalValue()) >= 0) {
      findings.schema(
          "The value for the field 'HeartbeatSeconds' must be smaller than the value for the"
              + " field 'TimeoutSeconds'",
          loc + "/HeartbeatSeconds");
    }
    JsonNode credentials = state.get("Credentials");
    if (credentials != null && !credentials.isObject()) {
      findings.schema(
          "The value for the field 'Credentials' must be an object", loc + "/Credentials");
    } else if (credentials != null) {
      checkCredentials(credentials, loc + "/Credentials", language);
    }
  }

  /**
   * The {@code Credentials} of a Task state (developer guide, "Task state": cross-account access):
   * one role, as {@code RoleArn} (a string; a JSONata expression in JSONata) or, in JSONPath, as a
   * path in {@code RoleArn.$}; nothing else.
   */
  private void checkCredentials(JsonNode credentials, String loc, LanguageFields language) {
    boolean literal = credentials.has("RoleArn");
    boolean path = credentials.has("RoleArn.$") && language != LanguageFields.JSONATA;
    findings.unsupportedFields(
        credentials,
        language == LanguageFields.JSONATA ? Set.of("RoleArn") : Set.of("RoleArn", "RoleArn.$"),
        loc);
    if (!literal && !path) {
      findings.schema("These fields are required: [RoleArn]", loc);
    } else if (literal && path) {
      findings.schema("Only one of these fields can be set: [RoleArn, RoleArn.$]", loc);
    } else if (literal && !credentials.get("RoleArn").isTextual()) {
      findings.schema("The value for the field 'RoleArn' must be a STRING", loc + "/RoleArn");
    } else if (path && !ValueShapes.isPath(credentials.get("RoleArn.$"))) {
      findings.schema(
          "The value for the field 'RoleArn.$' must be a valid JSONPath", loc + "/RoleArn.$");
    }
  }

  private void checkExpressResource(String resource, String loc) {
    if (resource.contains(":states:") && resource.contains(":activity:")) {
      findings.schema("Express state machine does not support activities", loc);
      return;
    }
    if (!resource.startsWith("arn:aws:states:::") && !resource.contains(":states:::")) {
      return;
    }
    if (resource.endsWith(".waitForTaskToken")) {
      // AWS's message ends with a space before " at", so the location follows two spaces.
      findings.schema(
          "Express state machine does not support '.waitForTaskToken' service integration ", loc);
    } else if (resource.endsWith(".sync") || resource.contains(".sync:")) {
      findings.schema("Express state machine does not support '.sync' service integration", loc);
    }
  }

  /** Checks {@code field} and {@code fieldPath}; returns the literal value when there is one. */
  private JsonNode checkSeconds(JsonNode state, String field, String loc, LanguageFields language) {
    JsonNode value = state.get(field);
    if (value != null && state.has(field + "Path")) {
      findings.schema(
          "Only one of these fields can be set: [" + field + ", " + field + "Path]", loc);
    }
    if (value == null) {
      return null;
    }
    boolean ok =
        (ValueShapes.isPositiveInteger(value) && value.decimalValue().longValue() <= MAX_SECONDS)
            || (language == LanguageFields.JSONATA && ValueShapes.isJsonata(value));
    if (!ok) {
      findings.schema(
          "The value for the field '" + field + "' must be a positive integer", loc + "/" + field);
    }
    return value;
  }

  private void checkWait(JsonNode state, String loc, LanguageFields language) {
    List<String> set = new ArrayList<>();
    for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
      if (state.has(f)) {
        set.add(f);
      }
    }
    if (set.size() != 1) {
      findings.schema(
          "Exactly one of these fields must be set: [Seconds, Timestamp, SecondsPath,"
              + " TimestampPath]",
          loc);
    }
    JsonNode seconds = state.get("Seconds");
    if (seconds != null
        && !ValueShapes.isNonNegativeInteger(seconds)
        && !(language == LanguageFields.JSONATA && ValueShapes.isJsonata(seconds))) {
      findings.schema(
          "The value for the field 'Seconds' must be a non-negative integer", loc + "/Seconds");
    }
    findings.requireStrings(state, loc, "Timestamp");
  }

  private void checkFail(JsonNode state, String loc) {
    for (String f : List.of("Error", "Cause")) {
      if (state.has(f) && state.has(f + "Path")) {
        findings.schema("Only one of these fields can be set: [" + f + ", " + f + "Path]", loc);
      }
    }
    findings.requireStrings(state, loc, "Error", "Cause");
  }

  private void checkParallel(JsonNode state, String loc) {
    JsonNode branches = state.get("Branches");
    if (branches == null) {
      findings.schema("These fields are required: [Branches]", loc);
      return;
    }
    if (!branches.isArray()) {
      findings.schema("The value for the field 'Branches' must be an array", loc + "/Branches");
      return;
    }
    if (branches.isEmpty()) {
      findings.schema("Value cannot be empty", loc + "/Branches");
    }
    for (int i = 0; i < branches.size(); i++) {
      String at = loc + "/Branches[" + i + "]";
      JsonNode branch = branches.get(i);
      if (!branch.isObject()) {
        findings.schema("The value for the field 'Branches' must be an array of objects", at);
        continue;
      }
      findings.unsupportedFields(branch, BRANCH_FIELDS, at);
      checkContainer(branch, at);
    }
  }

  private void checkMap(JsonNode state, String loc) {
    String key = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    JsonNode processor = state.get(key);
    if (state.has("ItemProcessor") && state.has("Iterator")) {
      findings.schema("Only one of these fields can be set: [ItemProcessor, Iterator]", loc);
    }
    if (processor == null) {
      findings.schema("These fields are required: [ItemProcessor]", loc);
    } else if (!processor.isObject()) {
      findings.schema("The value for the field '" + key + "' must be an object", loc + "/" + key);
    } else {
      String at = loc + "/" + key;
      findings.unsupportedFields(processor, PROCESSOR_FIELDS, at);
      checkProcessorConfig(processor.get("ProcessorConfig"), at + "/ProcessorConfig");
      checkContainer(processor, at);
    }
    findings.requireStrings(state, loc, "Label");
    JsonNode max = state.get("MaxConcurrency");
    if (max != null && !ValueShapes.isNonNegativeInteger(max) && !ValueShapes.isJsonata(max)) {
      findings.schema(
          "The value for the field 'MaxConcurrency' must be a non-negative integer",
          loc + "/MaxConcurrency");
    }
    JsonNode percentage = state.get("ToleratedFailurePercentage");
    if (percentage != null
        && !ValueShapes.isJsonata(percentage)
        && !(percentage.isNumber()
            && percentage.doubleValue() >= 0
            && percentage.doubleValue() <= 100)) {
      findings.schema(
          "The value for the field 'ToleratedFailurePercentage' must be a number between 0 and"
              + " 100",
          loc + "/ToleratedFailurePercentage");
    }
    JsonNode count = state.get("ToleratedFailureCount");
    if (count != null
        && !ValueShapes.isNonNegativeInteger(count)
        && !ValueShapes.isJsonata(count)) {
      findings.schema(
          "The value for the field 'ToleratedFailureCount' must be a non-negative integer",
          loc + "/ToleratedFailureCount");
    }
  }

  private void checkProcessorConfig(JsonNode config, String loc) {
    if (config == null) {
      return;
    }
    if (!config.isObject()) {
      findings.schema("The value for the field 'ProcessorConfig' must be an object", loc);
      return;
    }
    findings.unsupportedFields(config, Set.of("Mode", "ExecutionType"), loc);
    JsonNode mode = config.get("Mode");
    if (mode != null && !Set.of("INLINE", "DISTRIBUTED").contains(mode.asText())) {
      findings.schema(
          "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]", loc + "/Mode");
    }
    JsonNode executionType = config.get("ExecutionType");
    if (executionType != null && !Set.of("STANDARD", "EXPRESS").contains(executionType.asText())) {
      findings.schema(
          "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]",
          loc + "/ExecutionType");
    }
  }
}
