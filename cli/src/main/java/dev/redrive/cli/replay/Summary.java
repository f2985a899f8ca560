package dev.redrive.cli.replay;

import dev.redrive.policy.Action;
import dev.redrive.policy.Decision;
import dev.redrive.policy.Policy;
import dev.redrive.policy.Rule;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of a replay: events read, decided and malformed, decisions by action, and by rule and
 * action, with the policy's rules in policy order (those that never decided included, with 0).
 */
final class Summary {
  /** The label of decisions no rule made: before the rules, or when none matched. */
  static final String NO_RULE = "(no rule)";

  private static final Action[] ACTIONS = Action.values();

  private final Map<String, long[]> byRule = new LinkedHashMap<>();
  private final Map<String, long[]> extraRules = new HashMap<>();
  private final long[] byAction = new long[ACTIONS.length];
  private long decided;
  private long malformed;
  private int files;

  Summary(Policy policy) {
    for (Rule rule : policy.rules()) {
      byRule.put(rule.name(), new long[ACTIONS.length]);
    }
    byRule.put(NO_RULE, new long[ACTIONS.length]);
  }

  void add(Decision decision) {
    decided++;
    int action = decision.action().ordinal();
    byAction[action]++;
    String rule = decision.rule().orElse(NO_RULE);
    long[] counts = byRule.get(rule);
    if (counts == null) {
      counts = extraRules.computeIfAbsent(rule, name -> new long[ACTIONS.length]);
    }
    counts[action]++;
  }

  void malformed() {
    malformed++;
  }

  void file() {
    files++;
  }

  long decided() {
    return decided;
  }

  long malformedCount() {
    return malformed;
  }

  /** The summary for people: aligned columns, counts as plain numbers. */
  void print(PrintWriter out) {
    out.println("files      " + files);
    out.println("events     " + (decided + malformed));
    out.println("decided    " + decided);
    out.println("malformed  " + malformed);
    out.println();
    Map<String, long[]> rules = new LinkedHashMap<>(byRule);
    rules.putAll(extraRules);
    int width = "action".length();
    for (String rule : rules.keySet()) {
      width = Math.max(width, rule.length());
    }
    for (Action action : ACTIONS) {
      width = Math.max(width, action.name().length());
    }
    String row = "%-" + width + "s  %9s%n";
    out.printf(row, "action", "decisions");
    for (Action action : ACTIONS) {
      out.printf(row, action.name(), byAction[action.ordinal()]);
    }
    out.println();
    StringBuilder header = new StringBuilder(String.format("%-" + width + "s", "rule"));
    for (Action action : ACTIONS) {
      header.append(String.format("  %9s", action.name()));
    }
    out.println(header);
    for (Map.Entry<String, long[]> entry : rules.entrySet()) {
      StringBuilder line = new StringBuilder(String.format("%-" + width + "s", entry.getKey()));
      for (long count : entry.getValue()) {
        line.append(String.format("  %9d", count));
      }
      out.println(line);
    }
  }
}
