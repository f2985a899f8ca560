package dev.redrive.simulator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TestState's check of a mocked Task result against the response shape of the service API the Task
 * calls ({@code mock.fieldValidationMode}): {@code STRICT} (the default) also requires the shape's
 * required fields, {@code PRESENT} checks only the fields given, {@code NONE} checks nothing.
 * Fields the shape does not know are accepted in every mode (as AWS accepted them in the recorded
 * cases).
 *
 * <p>Only the integrations listed here have a shape (a small part of each API reference's response
 * syntax: {@code lambda:invoke}, {@code states:startExecution}, {@code events:putEvents}, and the
 * SDK integrations {@code s3:getObject}, {@code kms:encrypt}, {@code lambda:getFunction}); the mock
 * of any other resource is not checked.
 */
final class MockResultShapes {
  private MockResultShapes() {}

  /** What a field of a response shape holds. */
  sealed interface Shape {}

  /** Text: a string, a timestamp or a blob (base64), optionally one of fixed values. */
  record Text(Set<String> allowed) implements Shape {}

  /** A number, optionally bounded. */
  record Number(Optional<Long> min, Optional<Long> max) implements Shape {}

  /** Any JSON value (a Lambda's payload). */
  record Any() implements Shape {}

  /** An array of items of one shape. */
  record ListOf(Shape item) implements Shape {}

  /** An object with named members, some required. */
  record Struct(Map<String, Shape> members, Set<String> required) implements Shape {}

  private static final Shape TEXT = new Text(Set.of());
  private static final Shape INT = new Number(Optional.empty(), Optional.empty());

  private static final Map<String, Struct> RESPONSES =
      Map.of(
          "arn:aws:states:::lambda:invoke",
          struct(
              Set.of(),
              "StatusCode",
              INT,
              "FunctionError",
              TEXT,
              "LogResult",
              TEXT,
              "Payload",
              new Any(),
              "ExecutedVersion",
              TEXT),
          "arn:aws:states:::states:startExecution",
          struct(Set.of("ExecutionArn", "StartDate"), "ExecutionArn", TEXT, "StartDate", TEXT),
          "arn:aws:states:::events:putEvents",
          struct(
              Set.of(),
              "FailedEntryCount",
              INT,
              "Entries",
              new ListOf(
                  struct(Set.of(), "EventId", TEXT, "ErrorCode", TEXT, "ErrorMessage", TEXT))),
          "arn:aws:states:::aws-sdk:s3:getObject",
          struct(
              Set.of(),
              "Body",
              TEXT,
              "ContentLength",
              INT,
              "ContentType",
              TEXT,
              "ETag",
              TEXT,
              "LastModified",
              TEXT,
              "VersionId",
              TEXT,
              "StorageClass",
              new Text(
                  Set.of(
                      "STANDARD",
                      "REDUCED_REDUNDANCY",
                      "STANDARD_IA",
                      "ONEZONE_IA",
                      "INTELLIGENT_TIERING",
                      "GLACIER",
                      "DEEP_ARCHIVE",
                      "OUTPOSTS",
                      "GLACIER_IR",
                      "SNOW",
                      "EXPRESS_ONEZONE",
                      "FSX_OPENZFS"))),
          "arn:aws:states:::aws-sdk:kms:encrypt",
          struct(
              Set.of(),
              "CiphertextBlob",
              TEXT,
              "KeyId",
              TEXT,
              "EncryptionAlgorithm",
              new Text(
                  Set.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"))),
          "arn:aws:states:::aws-sdk:lambda:getFunction",
          struct(
              Set.of(),
              "Configuration",
              struct(
                  Set.of(),
                  "FunctionName",
                  TEXT,
                  "FunctionArn",
                  TEXT,
                  "Runtime",
                  TEXT,
                  "Role",
                  TEXT,
                  "Handler",
                  TEXT,
                  "CodeSize",
                  INT,
                  "Description",
                  TEXT,
                  "Timeout",
                  new Number(Optional.of(1L), Optional.empty()),
                  "MemorySize",
                  new Number(Optional.of(128L), Optional.of(10240L)),
                  "LastModified",
                  TEXT,
                  "Version",
                  TEXT),
              "Code",
              struct(Set.of(), "RepositoryType", TEXT, "Location", TEXT)));

  /**
   * The first problem of the mocked result for the resource, as AWS words it ({@code Mock result
   * schema validation error: ...}), or empty when it fits or the resource has no shape here.
   *
   * @param mode {@code STRICT}, {@code PRESENT} or {@code NONE}
   */
  static Optional<String> problem(String resource, JsonNode result, String mode) {
    Struct shape = RESPONSES.get(resource);
    if (shape == null || mode.equals("NONE")) {
      return Optional.empty();
    }
    return check(shape, result, mode.equals("STRICT"), "result")
        .map(p -> "Mock result schema validation error: " + p);
  }

  private static Optional<String> check(Shape shape, JsonNode v, boolean strict, String name) {
    String field = "Field '" + name + "'";
    if (shape instanceof Any) {
      return Optional.empty();
    }
    if (shape instanceof Text t) {
      if (!v.isTextual()) {
        return Optional.of(field + " must be a string");
      }
      return !t.allowed().isEmpty() && !t.allowed().contains(v.asText())
          ? Optional.of(field + " is not an expected value")
          : Optional.empty();
    }
    if (shape instanceof Number n) {
      if (!v.isNumber()) {
        return Optional.of(field + " must be a number");
      }
      if (n.min().isPresent() && v.asDouble() < n.min().get()) {
        return Optional.of(field + " is less than the minimum value");
      }
      if (n.max().isPresent() && v.asDouble() > n.max().get()) {
        return Optional.of(field + " exceeds the maximum value");
      }
      return Optional.empty();
    }
    if (shape instanceof ListOf l) {
      if (!v.isArray()) {
        return Optional.of(field + " must be an array");
      }
      for (JsonNode item : v) {
        Optional<String> p = check(l.item(), item, strict, name);
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    Struct s = (Struct) shape;
    if (!v.isObject()) {
      return Optional.of(field + " must be an object");
    }
    if (strict) {
      for (String r : s.members().keySet()) {
        if (s.required().contains(r) && !v.has(r)) {
          return Optional.of("Required field '" + r + "' is missing");
        }
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Shape member = s.members().get(e.getKey());
      if (member != null) {
        Optional<String> p = check(member, e.getValue(), strict, e.getKey());
        if (p.isPresent()) {
          return p;
        }
      }
    }
    return Optional.empty();
  }

  /** A structure from its required members and name, shape pairs (in the API's order). */
  private static Struct struct(Set<String> required, Object... nameShapePairs) {
    Map<String, Shape> members = new LinkedHashMap<>();
    for (int i = 0; i < nameShapePairs.length; i += 2) {
      members.put((String) nameShapePairs[i], (Shape) nameShapePairs[i + 1]);
    }
    if (!members.keySet().containsAll(required)) {
      throw new IllegalArgumentException(
          "required members " + required + " not all in " + List.copyOf(members.keySet()));
    }
    return new Struct(java.util.Collections.unmodifiableMap(members), Set.copyOf(required));
  }
}
