package dev.redrive.policy.internal;

import dev.redrive.policy.Action;
import dev.redrive.policy.Backoff;
import dev.redrive.policy.Jitter;
import dev.redrive.policy.Match;
import dev.redrive.policy.OnGiveUp;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyException;
import dev.redrive.policy.Problem;
import dev.redrive.policy.Rule;
import dev.redrive.policy.RuleDefaults;
import dev.redrive.policy.internal.YamlTree.Entry;
import dev.redrive.policy.internal.YamlTree.Kind;
import dev.redrive.policy.internal.YamlTree.ListNode;
import dev.redrive.policy.internal.YamlTree.Location;
import dev.redrive.policy.internal.YamlTree.MapNode;
import dev.redrive.policy.internal.YamlTree.Node;
import dev.redrive.policy.internal.YamlTree.ScalarNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a policy file into a {@link Policy}, checking everything and collecting every problem with
 * its line, column and field path before failing, so that a user can fix them all in one pass.
 */
public final class PolicyReader {
  private static final List<String> ROOT_FIELDS = List.of("version", "defaults", "rules");
  private static final List<String> DEFAULTS_FIELDS = List.of("maxRedrives", "backoff", "onGiveUp");
  private static final List<String> RULE_FIELDS =
      List.of("name", "match", "action", "maxRedrives", "backoff", "onGiveUp");
  private static final List<String> BACKOFF_FIELDS =
      List.of("initialDelay", "multiplier", "maxDelay", "jitter");
  private static final List<String> MATCH_FIELDS =
      List.of("stateMachines", "statuses", "errors", "causes", "failedStates");

  private final String source;
  private final List<Problem> problems = new ArrayList<>();

  private PolicyReader(String source) {
    this.source = source;
  }

  /**
   * Reads and checks a whole policy file.
   *
   * @param yaml the file's text
   * @param source the file name, for problems
   * @throws PolicyException with every problem found
   */
  public static Policy read(String yaml, String source) {
    PolicyReader reader = new PolicyReader(source);
    Policy policy = reader.readDocument(yaml);
    if (!reader.problems.isEmpty()) {
      throw new PolicyException(reader.problems);
    }
    return policy;
  }

  private Policy readDocument(String yaml) {
    List<Entry> duplicates = new ArrayList<>();
    Optional<Node> root;
    try {
      root = YamlTree.read(yaml, duplicates);
    } catch (YamlTree.SyntaxError e) {
      problem(e.location(), "", "YAML syntax error: " + e.getMessage());
      return null;
    }
    for (Entry duplicate : duplicates) {
      problem(
          duplicate.keyLocation(),
          duplicate.key(),
          "duplicate key '"
              + duplicate.key().substring(duplicate.key().lastIndexOf('.') + 1)
              + "': a key may appear only once in a mapping");
    }
    if (root.isEmpty()) {
      problem(Location.START, "", "the file is empty; expected a mapping with version and rules");
      return null;
    }
    return readRoot(root.get());
  }

  private Policy readRoot(Node node) {
    if (!(node instanceof MapNode root)) {
      problem(
          node.location(),
          "",
          "expected a mapping with version, defaults and rules, found " + node.describe());
      return null;
    }
    checkFields(root, "", ROOT_FIELDS);
    Integer version = readVersion(root);
    RuleDefaults defaults =
        root.entry("defaults")
            .map(entry -> readDefaults(entry.value(), "defaults"))
            .orElse(RuleDefaults.BUILT_IN);
    List<Rule> rules = new ArrayList<>();
    Optional<Entry> rulesEntry = root.entry("rules");
    if (rulesEntry.isEmpty()) {
      missing(
          root,
          "",
          "rules",
          "expected the list of rules (the first rule whose match holds decides)");
    } else if (rulesEntry.get().value() instanceof ListNode list) {
      Map<String, String> seenNames = new HashMap<>();
      for (int i = 0; i < list.items().size(); i++) {
        Rule rule = readRule(list.items().get(i), "rules[" + i + "]", defaults, seenNames);
        if (rule != null) {
          rules.add(rule);
        }
      }
    } else {
      wrongType(rulesEntry.get().value(), "rules", "a list of rules");
    }
    if (!problems.isEmpty() || version == null) {
      return null;
    }
    return new Policy(version, defaults, rules);
  }

  private Integer readVersion(MapNode root) {
    Optional<Entry> entry = root.entry("version");
    if (entry.isEmpty()) {
      missing(root, "", "version", "expected version: " + Policy.SUPPORTED_VERSION);
      return null;
    }
    Node node = entry.get().value();
    if (!(node instanceof ScalarNode scalar) || scalar.kind() != Kind.INTEGER) {
      wrongType(node, "version", "the number " + Policy.SUPPORTED_VERSION);
      return null;
    }
    if (!scalar.text().equals(String.valueOf(Policy.SUPPORTED_VERSION))) {
      problem(
          node.location(),
          "version",
          "unsupported version "
              + scalar.text()
              + "; this engine reads version "
              + Policy.SUPPORTED_VERSION);
      return null;
    }
    return Policy.SUPPORTED_VERSION;
  }

  private RuleDefaults readDefaults(Node node, String path) {
    if (!(node instanceof MapNode map)) {
      wrongType(node, path, "a mapping with maxRedrives, backoff and onGiveUp");
      return RuleDefaults.BUILT_IN;
    }
    checkFields(map, path, DEFAULTS_FIELDS);
    RuleDefaults builtIn = RuleDefaults.BUILT_IN;
    int maxRedrives = readMaxRedrives(map, path).orElse(builtIn.maxRedrives());
    Backoff backoff = readBackoff(map, path, builtIn.backoff());
    OnGiveUp onGiveUp = readOnGiveUp(map, path).orElse(builtIn.onGiveUp());
    return new RuleDefaults(maxRedrives, backoff, onGiveUp);
  }

  private Rule readRule(
      Node node, String path, RuleDefaults defaults, Map<String, String> seenNames) {
    if (!(node instanceof MapNode map)) {
      wrongType(node, path, "a rule (a mapping with name, match and action)");
      return null;
    }
    checkFields(map, path, RULE_FIELDS);
    String name = readName(map, path, seenNames);
    Match match = readMatch(map, path);
    Action action = readAction(map, path);
    int maxRedrives = readMaxRedrives(map, path).orElse(defaults.maxRedrives());
    Backoff backoff = readBackoff(map, path, defaults.backoff());
    OnGiveUp onGiveUp = readOnGiveUp(map, path).orElse(defaults.onGiveUp());
    if (name == null || match == null || action == null) {
      return null;
    }
    return new Rule(name, match, action, maxRedrives, backoff, onGiveUp);
  }

  private String readName(MapNode rule, String path, Map<String, String> seenNames) {
    String field = join(path, "name");
    Optional<Entry> entry = rule.entry("name");
    if (entry.isEmpty()) {
      missing(rule, path, "name", "every rule needs a unique name");
      return null;
    }
    Node node = entry.get().value();
    if (!(node instanceof ScalarNode scalar) || scalar.kind() != Kind.STRING) {
      wrongType(node, field, "a string");
      return null;
    }
    String name = scalar.text();
    if (name.isBlank()) {
      problem(node.location(), field, "a rule name must not be blank");
      return null;
    }
    String first = seenNames.putIfAbsent(name, path);
    if (first != null) {
      problem(
          node.location(),
          field,
          "duplicate rule name '" + name + "': " + first + " already has it; names must be unique");
      return null;
    }
    return name;
  }

  private Action readAction(MapNode rule, String path) {
    Optional<Entry> entry = rule.entry("action");
    if (entry.isEmpty()) {
      missing(rule, path, "action", "expected one of redrive, give-up, ignore");
      return null;
    }
    return readEnum(
            entry.get().value(),
            join(path, "action"),
            "action",
            Action.values(),
            Action::policyName,
            Action::fromPolicyName)
        .orElse(null);
  }

  private Optional<Integer> readMaxRedrives(MapNode map, String path) {
    Optional<Entry> entry = map.entry("maxRedrives");
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    String field = join(path, "maxRedrives");
    Node node = entry.get().value();
    if (!(node instanceof ScalarNode scalar) || scalar.kind() != Kind.INTEGER) {
      wrongType(node, field, "a whole number >= 0");
      return Optional.empty();
    }
    BigInteger value = new BigInteger(scalar.text());
    if (value.signum() < 0) {
      problem(node.location(), field, "maxRedrives must be >= 0, was " + scalar.text());
      return Optional.empty();
    }
    if (value.bitLength() > 31) {
      problem(
          node.location(),
          field,
          "maxRedrives must be <= " + Integer.MAX_VALUE + ", was " + scalar.text());
      return Optional.empty();
    }
    return Optional.of(value.intValue());
  }

  private Optional<OnGiveUp> readOnGiveUp(MapNode map, String path) {
    return map.entry("onGiveUp")
        .flatMap(
            entry ->
                readEnum(
                    entry.value(),
                    join(path, "onGiveUp"),
                    "onGiveUp",
                    OnGiveUp.values(),
                    OnGiveUp::policyName,
                    OnGiveUp::fromPolicyName));
  }

  /** Reads {@code backoff} field by field over {@code inherited}. */
  private Backoff readBackoff(MapNode owner, String ownerPath, Backoff inherited) {
    Optional<Entry> entry = owner.entry("backoff");
    if (entry.isEmpty()) {
      return inherited;
    }
    String path = join(ownerPath, "backoff");
    if (!(entry.get().value() instanceof MapNode map)) {
      wrongType(
          entry.get().value(), path, "a mapping with initialDelay, multiplier, maxDelay, jitter");
      return inherited;
    }
    checkFields(map, path, BACKOFF_FIELDS);
    Backoff.Builder builder = inherited.toBuilder();
    map.entry("initialDelay")
        .flatMap(e -> readDuration(e.value(), join(path, "initialDelay")))
        .ifPresent(builder::initialDelay);
    map.entry("multiplier")
        .flatMap(e -> readMultiplier(e.value(), join(path, "multiplier")))
        .ifPresent(builder::multiplier);
    map.entry("maxDelay")
        .flatMap(e -> readDuration(e.value(), join(path, "maxDelay")))
        .ifPresent(builder::maxDelay);
    map.entry("jitter")
        .flatMap(
            e ->
                readEnum(
                    e.value(),
                    join(path, "jitter"),
                    "jitter",
                    Jitter.values(),
                    Jitter::policyName,
                    Jitter::fromPolicyName))
        .ifPresent(builder::jitter);
    return builder.build();
  }

  private Optional<Duration> readDuration(Node node, String field) {
    if (node instanceof ScalarNode scalar) {
      if (scalar.kind() == Kind.INTEGER) {
        BigInteger seconds = new BigInteger(scalar.text());
        if (seconds.signum() < 0) {
          problem(node.location(), field, lastPart(field) + " must be >= 0s, was " + scalar.text());
          return Optional.empty();
        }
        if (seconds.bitLength() > 40) {
          problem(node.location(), field, lastPart(field) + " is too long, was " + scalar.text());
          return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds.longValue()));
      }
      if (scalar.kind() == Kind.STRING) {
        try {
          return Optional.of(Durations.parse(scalar.text()));
        } catch (IllegalArgumentException e) {
          problem(node.location(), field, e.getMessage());
          return Optional.empty();
        }
      }
    }
    wrongType(node, field, Durations.EXPECTED);
    return Optional.empty();
  }

  private Optional<Double> readMultiplier(Node node, String field) {
    if (!(node instanceof ScalarNode scalar)
        || (scalar.kind() != Kind.INTEGER && scalar.kind() != Kind.FLOAT)) {
      wrongType(node, field, "a number >= 1");
      return Optional.empty();
    }
    double value;
    try {
      value = Double.parseDouble(scalar.text());
    } catch (NumberFormatException e) {
      wrongType(node, field, "a number >= 1");
      return Optional.empty();
    }
    if (!(value >= 1) || Double.isInfinite(value)) {
      problem(node.location(), field, "multiplier must be >= 1, was " + scalar.text());
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private Match readMatch(MapNode rule, String rulePath) {
    Optional<Entry> entry = rule.entry("match");
    String path = join(rulePath, "match");
    if (entry.isEmpty()) {
      missing(rule, rulePath, "match", "expected a mapping (write match: {} to match every event)");
      return null;
    }
    if (!(entry.get().value() instanceof MapNode map)) {
      wrongType(entry.get().value(), path, "a mapping of " + String.join(", ", MATCH_FIELDS));
      return null;
    }
    checkFields(map, path, MATCH_FIELDS);
    int before = problems.size();
    Match.Builder builder = Match.builder();
    readPatterns(map, path, "stateMachines").ifPresent(builder::stateMachines);
    readPatterns(map, path, "statuses")
        .filter(statuses -> checkStatuses(map, path, statuses))
        .ifPresent(builder::statuses);
    readPatterns(map, path, "errors")
        .filter(errors -> checkErrors(map, path, errors))
        .ifPresent(builder::errors);
    readPatterns(map, path, "causes")
        .filter(causes -> checkCauses(map, path, causes))
        .ifPresent(builder::causes);
    readPatterns(map, path, "failedStates").ifPresent(builder::failedStates);
    return problems.size() == before ? builder.build() : null;
  }

  /** A match field: a non-empty list of non-blank strings. */
  private Optional<List<String>> readPatterns(MapNode match, String matchPath, String name) {
    Optional<Entry> entry = match.entry(name);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    String path = join(matchPath, name);
    Node node = entry.get().value();
    if (!(node instanceof ListNode list)) {
      String hint =
          node instanceof ScalarNode scalar && scalar.kind() == Kind.STRING
              ? " (write [" + scalar.text() + "] for a single entry)"
              : "";
      wrongType(node, path, "a list of strings" + hint);
      return Optional.empty();
    }
    if (list.items().isEmpty()) {
      problem(
          node.location(),
          path,
          "an empty list never holds; remove " + name + " to match any value");
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    boolean valid = true;
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      String itemPath = path + "[" + i + "]";
      if (!(item instanceof ScalarNode scalar) || scalar.kind() != Kind.STRING) {
        String hint =
            item instanceof ScalarNode scalar && scalar.kind() != Kind.NULL
                ? " (quote it: \"" + scalar.text() + "\")"
                : "";
        wrongType(item, itemPath, "a string" + hint);
        valid = false;
      } else if (scalar.text().isBlank()) {
        problem(item.location(), itemPath, "an entry must not be blank");
        valid = false;
      } else {
        values.add(scalar.text());
      }
    }
    return valid ? Optional.of(values) : Optional.empty();
  }

  private boolean checkStatuses(MapNode match, String matchPath, List<String> statuses) {
    boolean valid = true;
    ListNode list = (ListNode) match.entry("statuses").orElseThrow().value();
    for (int i = 0; i < statuses.size(); i++) {
      if (!Match.STATUSES.contains(statuses.get(i))) {
        problem(
            list.items().get(i).location(),
            join(matchPath, "statuses") + "[" + i + "]",
            "unknown status '" + statuses.get(i) + "'; expected one of FAILED, TIMED_OUT, ABORTED");
        valid = false;
      }
    }
    return valid;
  }

  private boolean checkErrors(MapNode match, String matchPath, List<String> errors) {
    if (errors.contains(Match.ALL_ERRORS) && errors.size() > 1) {
      Node list = match.entry("errors").orElseThrow().value();
      problem(
          list.location(),
          join(matchPath, "errors"),
          "States.ALL matches every error (and none), so it must be the only entry; found it with "
              + errors.stream().filter(e -> !e.equals(Match.ALL_ERRORS)).toList());
      return false;
    }
    return true;
  }

  private boolean checkCauses(MapNode match, String matchPath, List<String> causes) {
    boolean valid = true;
    ListNode list = (ListNode) match.entry("causes").orElseThrow().value();
    for (int i = 0; i < causes.size(); i++) {
      try {
        Pattern.compile(causes.get(i));
      } catch (PatternSyntaxException e) {
        problem(
            list.items().get(i).location(),
            join(matchPath, "causes") + "[" + i + "]",
            "invalid regular expression '"
                + causes.get(i)
                + "': "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        valid = false;
      }
    }
    return valid;
  }

  private <E extends Enum<E>> Optional<E> readEnum(
      Node node,
      String field,
      String what,
      E[] values,
      Function<E, String> spelling,
      Function<String, Optional<E>> lookup) {
    List<String> spellings = Arrays.stream(values).map(spelling).toList();
    String expected = "one of " + String.join(", ", spellings);
    if (!(node instanceof ScalarNode scalar) || scalar.kind() != Kind.STRING) {
      wrongType(node, field, expected);
      return Optional.empty();
    }
    Optional<E> value = lookup.apply(scalar.text());
    if (value.isEmpty()) {
      problem(
          node.location(),
          field,
          "unknown "
              + what
              + " '"
              + scalar.text()
              + "'; expected "
              + expected
              + suggestion(scalar.text(), spellings));
    }
    return value;
  }

  private void checkFields(MapNode map, String path, List<String> known) {
    for (Entry entry : map.entries()) {
      if (!known.contains(entry.key())) {
        problem(
            entry.keyLocation(),
            join(path, entry.key()),
            "unknown field '"
                + entry.key()
                + "'; expected one of "
                + String.join(", ", known)
                + suggestion(entry.key(), known));
      }
    }
  }

  private void missing(MapNode map, String path, String field, String expected) {
    problem(map.location(), join(path, field), "missing field '" + field + "'; " + expected);
  }

  private void wrongType(Node node, String field, String expected) {
    problem(node.location(), field, "expected " + expected + ", found " + node.describe());
  }

  private void problem(Location location, String field, String message) {
    problems.add(new Problem(source, location.line(), location.column(), field, message));
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String lastPart(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** {@code " (did you mean 'x'?)"} for a near miss, or nothing. */
  private static String suggestion(String found, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(found.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(1, Math.min(3, found.length() / 3))
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
