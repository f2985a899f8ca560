package dev.redrive.cli.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redrive.cli.BadInputException;
import dev.redrive.cli.InstantConverter;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.policy.Action;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.MalformedEventException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a policy test file ({@code redrive policy test}):
 *
 * <pre>{@code
 * now: 2023-11-16T07:00:00Z          # optional: the default time to decide at
 * tests:
 *   - name: throttling is redriven sooner
 *     event: ../events/derived/failed-lambda-throttled.json   # a path relative to this file,
 *                                    # or the event inline, as a YAML mapping or a JSON string
 *     now: 2023-11-16T07:00:00Z      # optional
 *     failedState: ChargeCard        # optional: the state the execution failed in
 *     expect: { action: REDRIVE, delaySeconds: 30, rule: throttling }   # any subset; rule: null
 *                                    # expects no rule
 * }</pre>
 *
 * <p>Every problem in the file is collected, with its line, before anything runs.
 */
final class PolicyTestFile {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> TEST_FIELDS =
      Set.of("name", "event", "now", "failedState", "expect");
  private static final Set<String> EXPECT_FIELDS = Set.of("action", "delaySeconds", "rule");

  private final Path file;
  private final Instant clockNow;
  private final List<String> problems = new ArrayList<>();

  private PolicyTestFile(Path file, Instant clockNow) {
    this.file = file;
    this.clockNow = clockNow;
  }

  /**
   * Reads and resolves the tests of {@code file}, loading the event files they name.
   *
   * @param clockNow the time to decide at for tests with no {@code now}, in the test or the file
   * @throws BadInputException if the file cannot be read or has problems; the message lists each
   *     one as {@code file:line: problem}
   */
  static List<PolicyTest> read(Path file, Instant clockNow) {
    return new PolicyTestFile(file, clockNow).read();
  }

  private record RawTest(int line, JsonNode node) {}

  private List<PolicyTest> read() {
    String text = PolicyFiles.read(file, "policy tests");
    Optional<Instant> defaultNow = Optional.empty();
    List<RawTest> raw = new ArrayList<>();
    boolean sawTests = false;
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        problem(1, "expected a mapping with a `tests:` list, found " + found(token));
        throw failure();
      }
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        int line = line(parser.currentTokenLocation());
        parser.nextToken();
        switch (field) {
          case "now" -> defaultNow = instant(line, "now", YAML.readTree(parser));
          case "tests" -> {
            sawTests = true;
            if (parser.currentToken() != JsonToken.START_ARRAY) {
              problem(
                  line, "tests: expected a list of tests, found " + found(parser.currentToken()));
              parser.skipChildren();
              continue;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              int testLine = line(parser.currentTokenLocation());
              raw.add(new RawTest(testLine, YAML.readTree(parser)));
            }
          }
          default -> {
            problem(line, field + ": unknown field; expected now or tests");
            parser.skipChildren();
          }
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      problem(location == null ? 1 : line(location), "not YAML: " + e.getOriginalMessage());
      throw failure();
    } catch (IOException e) {
      throw new BadInputException("cannot read policy tests " + file + ": " + e.getMessage(), e);
    }
    if (!sawTests) {
      problem(1, "tests: missing; expected a list of tests");
    } else if (raw.isEmpty() && problems.isEmpty()) {
      problem(1, "tests: empty; expected at least one test");
    }
    List<PolicyTest> tests = new ArrayList<>(raw.size());
    for (RawTest test : raw) {
      resolve(test, defaultNow).ifPresent(tests::add);
    }
    if (!problems.isEmpty()) {
      throw failure();
    }
    return tests;
  }

  private Optional<PolicyTest> resolve(RawTest raw, Optional<Instant> defaultNow) {
    int line = raw.line();
    JsonNode node = raw.node();
    if (!node.isObject()) {
      problem(line, "expected a test (a mapping with name, event and expect), found " + kind(node));
      return Optional.empty();
    }
    String name = node.path("name").isTextual() ? node.get("name").asText() : null;
    String label = name == null ? "test" : "test '" + name + "'";
    int before = problems.size();
    for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!TEST_FIELDS.contains(field)) {
        problem(
            line, label + ": " + field + ": unknown field; expected one of " + sorted(TEST_FIELDS));
      }
    }
    if (name == null || name.isBlank()) {
      problem(line, label + ": name: missing; expected the test's name");
    }
    Optional<ExecutionEvent> event = event(line, label, node.get("event"));
    Optional<Instant> now = defaultNow;
    if (node.has("now")) {
      now = instant(line, label + ": now", node.get("now"));
    }
    JsonNode failedState = node.get("failedState");
    if (failedState != null && !failedState.isTextual()) {
      problem(line, label + ": failedState: expected a state name, found " + kind(failedState));
    }
    Optional<Expectation> expectation = expectation(line, label, node.get("expect"));
    if (problems.size() > before || event.isEmpty() || expectation.isEmpty()) {
      return Optional.empty();
    }
    ExecutionEvent withState =
        failedState == null ? event.get() : event.get().withFailedState(failedState.asText());
    return Optional.of(
        new PolicyTest(
            name, file + ":" + line, withState, now.orElse(clockNow), expectation.get()));
  }

  private Optional<ExecutionEvent> event(int line, String label, JsonNode node) {
    if (node == null || node.isNull()) {
      problem(line, label + ": event: missing; expected a file name or the event inline");
      return Optional.empty();
    }
    try {
      if (node.isObject()) {
        return Optional.of(EventParser.fromTree(node));
      }
      if (node.isTextual() && node.asText().strip().startsWith("{")) {
        return Optional.of(EventParser.parse(node.asText()));
      }
      if (node.isTextual()) {
        Path eventFile = relativeToTestFile(node.asText());
        String text;
        try {
          text = PolicyFiles.read(eventFile, "event");
        } catch (BadInputException e) {
          problem(line, label + ": event: " + e.getMessage());
          return Optional.empty();
        }
        try {
          return Optional.of(EventParser.parse(text));
        } catch (MalformedEventException e) {
          problem(line, label + ": event: malformed event " + eventFile + ": " + e.getMessage());
          return Optional.empty();
        }
      }
    } catch (MalformedEventException e) {
      problem(line, label + ": event: malformed event: " + e.getMessage());
      return Optional.empty();
    }
    problem(line, label + ": event: expected a file name or the event inline, found " + kind(node));
    return Optional.empty();
  }

  /** {@code name} resolved against the test file's folder (the working folder as given). */
  private Path relativeToTestFile(String name) {
    Path parent = file.getParent();
    return (parent == null ? Path.of(name) : parent.resolve(name)).normalize();
  }

  private Optional<Expectation> expectation(int line, String label, JsonNode node) {
    if (node == null || node.isNull()) {
      problem(line, label + ": expect: missing; expected any of action, delaySeconds, rule");
      return Optional.empty();
    }
    if (!node.isObject()) {
      problem(
          line,
          label
              + ": expect: expected a mapping of action, delaySeconds, rule, found "
              + kind(node));
      return Optional.empty();
    }
    int before = problems.size();
    for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!EXPECT_FIELDS.contains(field)) {
        problem(
            line,
            label
                + ": expect."
                + field
                + ": unknown field; expected one of action, delaySeconds, rule");
      }
    }
    Optional<Action> action = Optional.empty();
    if (node.has("action")) {
      action = action(node.get("action"));
      if (action.isEmpty()) {
        problem(
            line,
            label
                + ": expect.action: expected one of REDRIVE, GIVE_UP, IGNORE, found "
                + kind(node.get("action")));
      }
    }
    OptionalLong delaySeconds = OptionalLong.empty();
    if (node.has("delaySeconds")) {
      JsonNode delay = node.get("delaySeconds");
      if (delay.isIntegralNumber() && delay.canConvertToLong() && delay.asLong() >= 0) {
        delaySeconds = OptionalLong.of(delay.asLong());
      } else {
        problem(
            line,
            label
                + ": expect.delaySeconds: expected a whole number of seconds >= 0, found "
                + kind(delay));
      }
    }
    Optional<Optional<String>> rule = Optional.empty();
    if (node.has("rule")) {
      JsonNode value = node.get("rule");
      if (value.isNull()) {
        rule = Optional.of(Optional.empty());
      } else if (value.isTextual()) {
        rule = Optional.of(Optional.of(value.asText()));
      } else {
        problem(line, label + ": expect.rule: expected a rule name or null, found " + kind(value));
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    if (action.isEmpty() && delaySeconds.isEmpty() && rule.isEmpty()) {
      problem(line, label + ": expect: empty; expected any of action, delaySeconds, rule");
      return Optional.empty();
    }
    return Optional.of(new Expectation(action, delaySeconds, rule));
  }

  /** REDRIVE, GIVE_UP or IGNORE, in any case, with {@code -} for {@code _} (as in the policy). */
  private static Optional<Action> action(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    String name = node.asText().strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Action action : Action.values()) {
      if (action.name().equals(name)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  private Optional<Instant> instant(int line, String label, JsonNode node) {
    Optional<Instant> instant =
        node.isTextual() ? InstantConverter.parse(node.asText().strip()) : Optional.empty();
    if (instant.isEmpty()) {
      problem(
          line,
          label
              + ": expected an ISO-8601 instant such as 2023-11-16T07:00:00Z, found "
              + kind(node));
    }
    return instant;
  }

  private void problem(int line, String message) {
    problems.add(file + ":" + line + ": " + message);
  }

  private BadInputException failure() {
    return new BadInputException(
        "invalid policy tests " + file + ":\n" + String.join("\n", problems));
  }

  private static int line(JsonLocation location) {
    return Math.max(1, location.getLineNr());
  }

  private static String found(JsonToken token) {
    if (token == null) {
      return "an empty file";
    }
    return switch (token) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "a mapping";
      default -> "a scalar";
    };
  }

  private static String kind(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.toString();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "a list " + text;
      case OBJECT -> "a mapping " + text;
      case NULL -> "null";
      default -> text;
    };
  }

  private static String sorted(Set<String> fields) {
    return String.join(", ", fields.stream().sorted().toList());
  }
}
