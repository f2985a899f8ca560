package dev.redrive.policy.internal;

import static dev.redrive.policy.internal.YamlNodes.describe;
import static dev.redrive.policy.internal.YamlNodes.entries;
import static dev.redrive.policy.internal.YamlNodes.entry;
import static dev.redrive.policy.internal.YamlNodes.items;
import static dev.redrive.policy.internal.YamlNodes.kind;
import static dev.redrive.policy.internal.YamlNodes.location;

import dev.redrive.policy.Action;
import dev.redrive.policy.Backoff;
import dev.redrive.policy.Budget;
import dev.redrive.policy.Jitter;
import dev.redrive.policy.Match;
import dev.redrive.policy.OnGiveUp;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyException;
import dev.redrive.policy.Problem;
import dev.redrive.policy.Rule;
import dev.redrive.policy.RuleDefaults;
import dev.redrive.policy.internal.YamlNodes.Entry;
import dev.redrive.policy.internal.YamlNodes.Kind;
import dev.redrive.policy.internal.YamlNodes.Location;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Turns a policy file into a {@link Policy}, checking everything and collecting every problem with
 * its line, column and field path before failing, so that a user can fix them all in one pass.
 */
public final class PolicyReader {
  private static final List<String> ROOT_FIELDS = List.of("version", "defaults", "rules");
  private static final List<String> BUDGET_FIELDS = List.of("maxRedrives", "per");
  private static final List<String> DEFAULTS_FIELDS =
      List.of("maxRedrives", "backoff", "onGiveUp", "budget");
  private static final List<String> RULE_FIELDS =
      List.of("name", "match", "action", "maxRedrives", "backoff", "onGiveUp", "budget");
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
    Optional<Node> root;
    try {
      root = YamlNodes.compose(yaml);
    } catch (YamlNodes.SyntaxError e) {
      problem(e.location(), "", "YAML syntax error: " + e.getMessage());
      return null;
    }
    if (root.isEmpty()) {
      problem(Location.START, "", "the file is empty; expected a mapping with version and rules");
      return null;
    }
    for (Entry duplicate : YamlNodes.duplicateKeys(root.get())) {
      problem(
          duplicate.keyLocation(),
          duplicate.key(),
          "duplicate key '"
              + duplicate.key().substring(duplicate.key().lastIndexOf('.') + 1)
              + "': a key may appear only once in a mapping");
    }
    return readRoot(root.get());
  }

  private Policy readRoot(Node node) {
    if (!(node instanceof MappingNode root)) {
      problem(
          location(node),
          "",
          "expected a mapping with version, defaults and rules, found " + describe(node));
      return null;
    }
    checkFields(root, "", ROOT_FIELDS);
    Integer version = readVersion(root);
    RuleDefaults defaults =
        entry(root, "defaults")
            .map(entry -> readDefaults(entry.value(), "defaults"))
            .orElse(RuleDefaults.BUILT_IN);
    List<Rule> rules = new ArrayList<>();
    Optional<Entry> rulesEntry = entry(root, "rules");
    if (rulesEntry.isEmpty()) {
      missing(
          root,
          "",
          "rules",
          "expected the list of rules (the first rule whose match holds decides)");
    } else if (rulesEntry.get().value() instanceof SequenceNode list) {
      Map<String, String> seenNames = new HashMap<>();
      for (int i = 0; i < items(list).size(); i++) {
        Rule rule = readRule(items(list).get(i), "rules[" + i + "]", defaults, seenNames);
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

  private Integer readVersion(MappingNode root) {
    Optional<Entry> entry = entry(root, "version");
    if (entry.isEmpty()) {
      missing(root, "", "version", "expected version: " + Policy.SUPPORTED_VERSION);
      return null;
    }
    Node node = entry.get().value();
    if (!(node instanceof ScalarNode scalar) || kind(scalar) != Kind.INTEGER) {
      wrongType(node, "version", "the number " + Policy.SUPPORTED_VERSION);
      return null;
    }
    if (!YamlNodes.wholeNumber(scalar)
        .orElseThrow()
        .equals(BigInteger.valueOf(Policy.SUPPORTED_VERSION))) {
      problem(
          location(node),
          "version",
          "unsupported version "
              + YamlNodes.shown(scalar.getValue())
              + "; this engine reads version "
              + Policy.SUPPORTED_VERSION);
      return null;
    }
    return Policy.SUPPORTED_VERSION;
  }

  private RuleDefaults readDefaults(Node node, String path) {
    if (!(node instanceof MappingNode map)) {
      wrongType(node, path, "a mapping with maxRedrives, backoff, onGiveUp and budget");
      return RuleDefaults.BUILT_IN;
    }
    checkFields(map, path, DEFAULTS_FIELDS);
    RuleDefaults builtIn = RuleDefaults.BUILT_IN;
    int maxRedrives = readMaxRedrives(map, path).orElse(builtIn.maxRedrives());
    Backoff backoff = readBackoff(map, path, builtIn.backoff());
    OnGiveUp onGiveUp = readOnGiveUp(map, path).orElse(builtIn.onGiveUp());
    Optional<Budget> budget = readBudget(map, path, builtIn.budget());
    return new RuleDefaults(maxRedrives, backoff, onGiveUp, budget);
  }

  private Rule readRule(
      Node node, String path, RuleDefaults defaults, Map<String, String> seenNames) {
    if (!(node instanceof MappingNode map)) {
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
    Optional<Budget> budget = readBudget(map, path, defaults.budget());
    if (name == null || match == null || action == null) {
      return null;
    }
    return new Rule(name, match, action, maxRedrives, backoff, onGiveUp, budget);
  }

  private String readName(MappingNode rule, String path, Map<String, String> seenNames) {
    String field = join(path, "name");
    Optional<Entry> entry = entry(rule, "name");
    if (entry.isEmpty()) {
      missing(rule, path, "name", "every rule needs a unique name");
      return null;
    }
    Node node = entry.get().value();
    if (!(node instanceof ScalarNode scalar) || kind(scalar) != Kind.STRING) {
      wrongType(node, field, "a string");
      return null;
    }
    String name = scalar.getValue();
    if (name.isBlank()) {
      problem(location(node), field, "a rule name must not be blank");
      return null;
    }
    String first = seenNames.putIfAbsent(name, path);
    if (first != null) {
      problem(
          location(node),
          field,
          "duplicate rule name '" + name + "': " + first + " already has it; names must be unique");
      return null;
    }
    return name;
  }

  private Action readAction(MappingNode rule, String path) {
    Optional<Entry> entry = entry(rule, "action");
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

  private Optional<Integer> readMaxRedrives(MappingNode map, String path) {
    Optional<Entry> entry = entry(map, "maxRedrives");
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    String field = join(path, "maxRedrives");
    Node node = entry.get().value();
    if (!(node instanceof ScalarNode scalar) || kind(scalar) != Kind.INTEGER) {
      wrongType(node, field, "a whole number >= 0");
      return Optional.empty();
    }
    BigInteger value = YamlNodes.wholeNumber(scalar).orElseThrow();
    if (value.signum() < 0) {
      problem(
          location(node),
          field,
          "maxRedrives must be >= 0, was " + YamlNodes.shown(scalar.getValue()));
      return Optional.empty();
    }
    if (value.bitLength() > 31) {
      problem(
          location(node),
          field,
          "maxRedrives must be <= "
              + Integer.MAX_VALUE
              + ", was "
              + YamlNodes.shown(scalar.getValue()));
      return Optional.empty();
    }
    return Optional.of(value.intValue());
  }

  private Optional<OnGiveUp> readOnGiveUp(MappingNode map, String path) {
    return entry(map, "onGiveUp")
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

  /**
   * Reads {@code budget: {maxRedrives, per}}; both fields are required, and a rule's budget
   * replaces the defaults' as a whole.
   */
  private Optional<Budget> readBudget(
      MappingNode owner, String ownerPath, Optional<Budget> inherited) {
    Optional<Entry> entry = entry(owner, "budget");
    if (entry.isEmpty()) {
      return inherited;
    }
    String path = join(ownerPath, "budget");
    if (!(entry.get().value() instanceof MappingNode map)) {
      wrongType(entry.get().value(), path, "a mapping with maxRedrives and per");
      return inherited;
    }
    checkFields(map, path, BUDGET_FIELDS);
    Integer max = null;
    Optional<Entry> maxEntry = entry(map, "maxRedrives");
    if (maxEntry.isEmpty()) {
      missing(map, path, "maxRedrives", "how many redrives each window allows, >= 1");
    } else {
      Node node = maxEntry.get().value();
      String field = join(path, "maxRedrives");
      if (!(node instanceof ScalarNode scalar) || kind(scalar) != Kind.INTEGER) {
        wrongType(node, field, "a whole number >= 1");
      } else {
        BigInteger value = YamlNodes.wholeNumber(scalar).orElseThrow();
        if (value.signum() <= 0 || value.bitLength() > 31) {
          problem(
              location(node),
              field,
              "budget.maxRedrives must be between 1 and "
                  + Integer.MAX_VALUE
                  + ", was "
                  + YamlNodes.shown(scalar.getValue()));
        } else {
          max = value.intValue();
        }
      }
    }
    Duration per = null;
    Optional<Entry> perEntry = entry(map, "per");
    if (perEntry.isEmpty()) {
      missing(map, path, "per", "the window's length, e.g. 1h");
    } else {
      String field = join(path, "per");
      Optional<Duration> read = readDuration(perEntry.get().value(), field);
      if (read.isPresent() && read.get().compareTo(Duration.ofSeconds(1)) < 0) {
        problem(
            location(perEntry.get().value()),
            field,
            "budget.per must be >= 1s, was " + Durations.formatSeconds(read.get().toSeconds()));
      } else {
        per = read.orElse(null);
      }
    }
    if (max == null || per == null) {
      return inherited;
    }
    return Optional.of(new Budget(max, per));
  }

  /** Reads {@code backoff} field by field over {@code inherited}. */
  private Backoff readBackoff(MappingNode owner, String ownerPath, Backoff inherited) {
    Optional<Entry> entry = entry(owner, "backoff");
    if (entry.isEmpty()) {
      return inherited;
    }
    String path = join(ownerPath, "backoff");
    if (!(entry.get().value() instanceof MappingNode map)) {
      wrongType(
          entry.get().value(), path, "a mapping with initialDelay, multiplier, maxDelay, jitter");
      return inherited;
    }
    checkFields(map, path, BACKOFF_FIELDS);
    Backoff.Builder builder = inherited.toBuilder();
    entry(map, "initialDelay")
        .flatMap(e -> readDuration(e.value(), join(path, "initialDelay")))
        .ifPresent(builder::initialDelay);
    entry(map, "multiplier")
        .flatMap(e -> readMultiplier(e.value(), join(path, "multiplier")))
        .ifPresent(builder::multiplier);
    entry(map, "maxDelay")
        .flatMap(e -> readDuration(e.value(), join(path, "maxDelay")))
        .ifPresent(builder::maxDelay);
    entry(map, "jitter")
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
      if (kind(scalar) == Kind.INTEGER) {
        BigInteger seconds = YamlNodes.wholeNumber(scalar).orElseThrow();
        if (seconds.signum() < 0) {
          problem(
              location(node),
              field,
              lastPart(field) + " must be >= 0s, was " + YamlNodes.shown(scalar.getValue()));
          return Optional.empty();
        }
        if (seconds.bitLength() > 40) {
          problem(
              location(node),
              field,
              lastPart(field) + " is too long, was " + YamlNodes.shown(scalar.getValue()));
          return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds.longValue()));
      }
      if (kind(scalar) == Kind.STRING) {
        try {
          return Optional.of(Durations.parse(scalar.getValue()));
        } catch (IllegalArgumentException e) {
          problem(location(node), field, e.getMessage());
          return Optional.empty();
        }
      }
    }
    wrongType(node, field, Durations.EXPECTED);
    return Optional.empty();
  }

  private Optional<Double> readMultiplier(Node node, String field) {
    if (!(node instanceof ScalarNode scalar)
        || (kind(scalar) != Kind.INTEGER && kind(scalar) != Kind.FLOAT)) {
      wrongType(node, field, "a number >= 1");
      return Optional.empty();
    }
    double value = YamlNodes.number(scalar).orElseThrow();
    if (!(value >= 1) || Double.isInfinite(value)) {
      problem(
          location(node),
          field,
          "multiplier must be >= 1, was " + YamlNodes.shown(scalar.getValue()));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private Match readMatch(MappingNode rule, String rulePath) {
    Optional<Entry> entry = entry(rule, "match");
    String path = join(rulePath, "match");
    if (entry.isEmpty()) {
      missing(rule, rulePath, "match", "expected a mapping (write match: {} to match every event)");
      return null;
    }
    if (!(entry.get().value() instanceof MappingNode map)) {
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
  private Optional<List<String>> readPatterns(MappingNode match, String matchPath, String name) {
    Optional<Entry> entry = entry(match, name);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    String path = join(matchPath, name);
    Node node = entry.get().value();
    if (!(node instanceof SequenceNode list)) {
      String hint =
          node instanceof ScalarNode scalar && kind(scalar) == Kind.STRING
              ? " (write [" + scalar.getValue() + "] for a single entry)"
              : "";
      wrongType(node, path, "a list of strings" + hint);
      return Optional.empty();
    }
    if (items(list).isEmpty()) {
      problem(
          location(node),
          path,
          "an empty list never holds; remove " + name + " to match any value");
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    boolean valid = true;
    for (int i = 0; i < items(list).size(); i++) {
      Node item = items(list).get(i);
      String itemPath = path + "[" + i + "]";
      if (!(item instanceof ScalarNode scalar) || kind(scalar) != Kind.STRING) {
        String hint =
            item instanceof ScalarNode scalar && kind(scalar) != Kind.NULL
                ? " (quote it: \"" + scalar.getValue() + "\")"
                : "";
        wrongType(item, itemPath, "a string" + hint);
        valid = false;
      } else if (scalar.getValue().isBlank()) {
        problem(location(item), itemPath, "an entry must not be blank");
        valid = false;
      } else {
        values.add(scalar.getValue());
      }
    }
    return valid ? Optional.of(values) : Optional.empty();
  }

  private boolean checkStatuses(MappingNode match, String matchPath, List<String> statuses) {
    boolean valid = true;
    SequenceNode list = (SequenceNode) entry(match, "statuses").orElseThrow().value();
    for (int i = 0; i < statuses.size(); i++) {
      if (!Match.STATUSES.contains(statuses.get(i))) {
        problem(
            location(items(list).get(i)),
            join(matchPath, "statuses") + "[" + i + "]",
            "unknown status '" + statuses.get(i) + "'; expected one of FAILED, TIMED_OUT, ABORTED");
        valid = false;
      }
    }
    return valid;
  }

  private boolean checkErrors(MappingNode match, String matchPath, List<String> errors) {
    if (errors.contains(Match.ALL_ERRORS) && errors.size() > 1) {
      Node list = entry(match, "errors").orElseThrow().value();
      problem(
          location(list),
          join(matchPath, "errors"),
          "States.ALL matches every error (and none), so it must be the only entry; found it with "
              + errors.stream().filter(e -> !e.equals(Match.ALL_ERRORS)).toList());
      return false;
    }
    return true;
  }

  private boolean checkCauses(MappingNode match, String matchPath, List<String> causes) {
    boolean valid = true;
    SequenceNode list = (SequenceNode) entry(match, "causes").orElseThrow().value();
    for (int i = 0; i < causes.size(); i++) {
      Optional<String> problem = CausePattern.problem(causes.get(i));
      if (problem.isPresent()) {
        problem(
            location(items(list).get(i)),
            join(matchPath, "causes") + "[" + i + "]",
            "invalid regular expression '" + causes.get(i) + "': " + problem.get());
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
    if (!(node instanceof ScalarNode scalar) || kind(scalar) != Kind.STRING) {
      wrongType(node, field, expected);
      return Optional.empty();
    }
    Optional<E> value = lookup.apply(scalar.getValue());
    if (value.isEmpty()) {
      problem(
          location(node),
          field,
          "unknown "
              + what
              + " '"
              + scalar.getValue()
              + "'; expected "
              + expected
              + suggestion(scalar.getValue(), spellings));
    }
    return value;
  }

  private void checkFields(MappingNode map, String path, List<String> known) {
    for (Entry entry : entries(map)) {
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

  private void missing(MappingNode map, String path, String field, String expected) {
    problem(location(map), join(path, field), "missing field '" + field + "'; " + expected);
  }

  private void wrongType(Node node, String field, String expected) {
    problem(location(node), field, "expected " + expected + ", found " + describe(node));
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
