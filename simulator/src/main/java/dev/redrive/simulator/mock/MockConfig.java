package dev.redrive.simulator.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mock configuration file in the format of AWS Step Functions Local: test cases per state
 * machine, each mapping state names to named mocked responses.
 *
 * <pre>{@code
 * {"StateMachines": {"orders": {"TestCases": {"FailTwice": {"Charge": "ChargeFailsTwice"}}}},
 *  "MockedResponses": {"ChargeFailsTwice": {
 *     "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "Rate exceeded"}},
 *     "2":   {"Return": {"StatusCode": 200, "Payload": {"charged": true}}}}}}
 * }</pre>
 *
 * An execution uses a test case when it is started with {@code stateMachineArn#TestCase}. Loading
 * checks the whole file and reports every problem with its JSON path ({@link
 * InvalidMockConfigException}). Immutable.
 */
public final class MockConfig {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ATTEMPTS = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final MockConfig EMPTY = new MockConfig(Map.of(), Map.of());

  /** Test cases by state machine name, then by case name. */
  private final Map<String, Map<String, TestCase>> testCases;

  private final Map<String, MockedResponse> responses;

  private MockConfig(
      Map<String, Map<String, TestCase>> testCases, Map<String, MockedResponse> responses) {
    this.testCases = testCases;
    this.responses = responses;
  }

  /** A configuration without test cases. */
  public static MockConfig empty() {
    return EMPTY;
  }

  /**
   * Reads and checks a mock configuration file.
   *
   * @throws InvalidMockConfigException listing every problem of the file
   * @throws UncheckedIOException when the file cannot be read
   */
  public static MockConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mock configuration " + file, e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses and checks a mock configuration given as JSON text.
   *
   * @param source how to name the configuration in error messages (a file name)
   * @throws InvalidMockConfigException listing every problem
   */
  public static MockConfig parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidMockConfigException(
          source,
          List.of(
              "$: not JSON: "
                  + e.getOriginalMessage()
                  + " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")"));
    }
    return new Reader().read(root, source);
  }

  /** The test case of a state machine (by name), empty when there is none of that name. */
  public Optional<TestCase> testCase(String stateMachineName, String caseName) {
    return Optional.ofNullable(testCases.getOrDefault(stateMachineName, Map.of()).get(caseName));
  }

  /** The names of the state machines that have test cases. */
  public Set<String> stateMachines() {
    return testCases.keySet();
  }

  /** The test case names of a state machine (empty when it has none). */
  public Set<String> testCases(String stateMachineName) {
    return testCases.getOrDefault(stateMachineName, Map.of()).keySet();
  }

  /** The mocked responses by name. */
  public Map<String, MockedResponse> mockedResponses() {
    return responses;
  }

  /** Collects every problem of a document before failing. */
  private static final class Reader {
    private final List<String> problems = new ArrayList<>();

    MockConfig read(JsonNode root, String source) {
      if (root == null || !root.isObject()) {
        problems.add(
            "$: expected an object with StateMachines and MockedResponses, found " + kind(root));
        throw new InvalidMockConfigException(source, problems);
      }
      unknownFields(root, "$", Set.of("StateMachines", "MockedResponses"));
      Map<String, MockedResponse> responses = responses(root.get("MockedResponses"));
      Map<String, Map<String, TestCase>> cases =
          stateMachines(root.get("StateMachines"), responses, root.get("MockedResponses"));
      if (!problems.isEmpty()) {
        throw new InvalidMockConfigException(source, problems);
      }
      return new MockConfig(freeze(cases), Map.copyOf(responses));
    }

    private Map<String, MockedResponse> responses(JsonNode node) {
      Map<String, MockedResponse> out = new LinkedHashMap<>();
      String path = "$.MockedResponses";
      if (node == null) {
        return out;
      }
      if (!node.isObject()) {
        problems.add(path + ": expected an object of named mocked responses, found " + kind(node));
        return out;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        response(e.getKey(), e.getValue(), path + member(e.getKey()))
            .ifPresent(r -> out.put(e.getKey(), r));
      }
      return out;
    }

    private Optional<MockedResponse> response(String name, JsonNode node, String path) {
      if (!node.isObject() || node.isEmpty()) {
        problems.add(
            path
                + ": expected an object of attempts (\"0\", \"1-2\") to Return or Throw, found "
                + kind(node));
        return Optional.empty();
      }
      int before = problems.size();
      List<MockedResponse.Range> ranges = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = path + member(e.getKey());
        Matcher m = ATTEMPTS.matcher(e.getKey());
        if (!m.matches()) {
          problems.add(
              at + ": expected an attempt (\"0\") or a range of attempts (\"1-2\") as key");
          continue;
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        if (to < from) {
          problems.add(at + ": range ends before it starts (" + from + " > " + to + ")");
          continue;
        }
        result(e.getValue(), at).ifPresent(r -> ranges.add(new MockedResponse.Range(from, to, r)));
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      ranges.sort(java.util.Comparator.comparingInt(MockedResponse.Range::from));
      int next = 0;
      for (MockedResponse.Range r : ranges) {
        if (r.from() > next) {
          problems.add(
              path
                  + ": attempts must follow each other from 0 without gap; no response for attempt "
                  + (next == r.from() - 1 ? next : next + "-" + (r.from() - 1)));
        } else if (r.from() < next) {
          problems.add(path + ": attempt " + r.from() + " is covered by more than one key");
        }
        next = Math.max(next, r.to() + 1);
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      return Optional.of(new MockedResponse(name, ranges));
    }

    private Optional<MockResult> result(JsonNode node, String path) {
      if (!node.isObject()) {
        problems.add(path + ": expected an object with Return or Throw, found " + kind(node));
        return Optional.empty();
      }
      boolean hasReturn = node.has("Return");
      boolean hasThrow = node.has("Throw");
      unknownFields(node, path, Set.of("Return", "Throw"));
      if (hasReturn == hasThrow) {
        problems.add(
            path
                + ": expected exactly one of Return or Throw, found "
                + (hasReturn ? "both" : "neither"));
        return Optional.empty();
      }
      if (hasReturn) {
        return Optional.of(new MockResult.Return(node.get("Return")));
      }
      JsonNode t = node.get("Throw");
      String at = path + ".Throw";
      if (!t.isObject()) {
        problems.add(at + ": expected an object with Error and Cause, found " + kind(t));
        return Optional.empty();
      }
      unknownFields(t, at, Set.of("Error", "Cause"));
      JsonNode error = t.get("Error");
      JsonNode cause = t.get("Cause");
      boolean ok = true;
      if (error == null || !error.isTextual() || error.asText().isEmpty()) {
        problems.add(at + ".Error: expected a non-empty string, found " + kind(error));
        ok = false;
      }
      if (cause != null && !cause.isTextual()) {
        problems.add(at + ".Cause: expected a string, found " + kind(cause));
        ok = false;
      }
      if (!ok) {
        return Optional.empty();
      }
      return Optional.of(
          new MockResult.Throw(
              error.asText(), cause == null ? Optional.empty() : Optional.of(cause.asText())));
    }

    private Map<String, Map<String, TestCase>> stateMachines(
        JsonNode node, Map<String, MockedResponse> responses, JsonNode declared) {
      Map<String, Map<String, TestCase>> out = new LinkedHashMap<>();
      String path = "$.StateMachines";
      if (node == null) {
        return out;
      }
      if (!node.isObject()) {
        problems.add(path + ": expected an object of state machine names, found " + kind(node));
        return out;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> sm = it.next();
        String smPath = path + member(sm.getKey());
        if (!sm.getValue().isObject()) {
          problems.add(
              smPath + ": expected an object with TestCases, found " + kind(sm.getValue()));
          continue;
        }
        unknownFields(sm.getValue(), smPath, Set.of("TestCases"));
        JsonNode cases = sm.getValue().get("TestCases");
        String casesPath = smPath + ".TestCases";
        if (cases == null || !cases.isObject()) {
          problems.add(casesPath + ": expected an object of test cases, found " + kind(cases));
          continue;
        }
        Map<String, TestCase> byName = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> ci = cases.fields(); ci.hasNext(); ) {
          Map.Entry<String, JsonNode> c = ci.next();
          String casePath = casesPath + member(c.getKey());
          if (!c.getValue().isObject()) {
            problems.add(
                casePath
                    + ": expected an object of state names to mocked response names, found "
                    + kind(c.getValue()));
            continue;
          }
          Map<String, MockedResponse> states = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> si = c.getValue().fields(); si.hasNext(); ) {
            Map.Entry<String, JsonNode> s = si.next();
            String statePath = casePath + member(s.getKey());
            if (!s.getValue().isTextual()) {
              problems.add(
                  statePath
                      + ": expected the name of a mocked response, found "
                      + kind(s.getValue()));
              continue;
            }
            String ref = s.getValue().asText();
            MockedResponse r = responses.get(ref);
            if (r == null) {
              if (declared == null || !declared.has(ref)) {
                problems.add(
                    statePath
                        + ": no mocked response named '"
                        + ref
                        + "' in $.MockedResponses"
                        + (responses.isEmpty()
                            ? ""
                            : " (known: " + String.join(", ", responses.keySet()) + ")"));
              }
              continue;
            }
            states.put(s.getKey(), r);
          }
          byName.put(c.getKey(), new TestCase(sm.getKey(), c.getKey(), states));
        }
        out.put(sm.getKey(), byName);
      }
      return out;
    }

    private void unknownFields(JsonNode node, String path, Set<String> known) {
      node.fieldNames()
          .forEachRemaining(
              f -> {
                if (!known.contains(f)) {
                  problems.add(
                      path
                          + member(f)
                          + ": unknown field (expected "
                          + String.join(" or ", known.stream().sorted().toList())
                          + ")");
                }
              });
    }
  }

  private static Map<String, Map<String, TestCase>> freeze(Map<String, Map<String, TestCase>> m) {
    Map<String, Map<String, TestCase>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** {@code .Name}, or {@code ["1-2"]} for a key that is not an identifier. */
  static String member(String key) {
    if (IDENTIFIER.matcher(key).matches()) {
      return "." + key;
    }
    return "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isObject()) {
      return n.isEmpty() ? "an empty object" : "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "the string \"" + n.asText() + "\"";
    }
    if (n.isNull()) {
      return "null";
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + n;
  }
}
