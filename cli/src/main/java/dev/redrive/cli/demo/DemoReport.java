package dev.redrive.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.Outcome.Result;
import dev.redrive.policy.Decision;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the demo ended: per story, its executions and whether it went as expected; printed as a table
 * or as JSON.
 *
 * @param stories each story with its executions and problems, in order
 * @param deadLetters events the controller failed on at every delivery, in words
 * @param duration how long the demo took
 * @param timedOut whether the demo stopped waiting before every execution settled
 */
record DemoReport(
    List<StoryResult> stories, List<String> deadLetters, Duration duration, boolean timedOut) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An execution ARN in the controller's words: its state machine and its name. */
  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:[a-z-]+:states:[a-z0-9-]*:[0-9]*:execution:([^:\\s,]+):([^:\\s,]+)");

  /** The parent's status in a deferral's detail ("..., which is FAILED: ..."). */
  private static final Pattern PARENT_STATUS = Pattern.compile("which is ([A-Z_]+)");

  /** One story's end. */
  record StoryResult(Story story, List<ExecutionLog> executions, List<String> problems) {
    StoryResult {
      executions = List.copyOf(executions);
      problems = List.copyOf(problems);
    }

    boolean ok() {
      return problems.isEmpty();
    }
  }

  DemoReport {
    stories = List.copyOf(stories);
    deadLetters = List.copyOf(deadLetters);
  }

  /** Whether every story ended as expected. */
  boolean ok() {
    return !timedOut && deadLetters.isEmpty() && stories.stream().allMatch(StoryResult::ok);
  }

  /** The table of executions, then one verdict line per story. */
  void printTable(PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "STORY", "EXECUTION", "FAILED WITH", "DECISIONS", "RULE", "WHY", "REDRIVES", "ENDED"
        });
    for (StoryResult s : stories) {
      for (ExecutionLog e : s.executions()) {
        Outcome last = e.lastOutcome().orElse(null);
        rows.add(
            new String[] {
              s.story().key(),
              e.label(),
              e.firstError().orElse("-"),
              decisions(e),
              last == null ? "-" : last.decision().flatMap(Decision::rule).orElse("-"),
              last == null ? "-" : why(last),
              String.valueOf(e.redriveCount()),
              e.status()
            });
      }
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    out.println();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ");
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    for (StoryResult s : stories) {
      out.printf(
          "%-4s %-12s %s: %s%n",
          s.ok() ? "ok" : "FAIL", s.story().key(), s.story().title(), s.story().expected());
      for (String problem : s.problems()) {
        out.println("       " + problem);
      }
    }
    if (timedOut) {
      out.println("FAIL not every execution settled in time");
    }
    for (String letter : deadLetters) {
      out.println("FAIL the controller failed on an event: " + letter);
    }
    out.printf(
        "%n%s in %.1f s%n",
        ok() ? "Every story ended as expected" : "Some stories did not end as expected",
        duration.toMillis() / 1000.0);
  }

  /** The summary as one JSON object. */
  void printJson(PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ok", ok());
    root.put("durationMillis", duration.toMillis());
    root.put("timedOut", timedOut);
    deadLetters.forEach(root.putArray("deadLetters")::add);
    ArrayNode stories = root.putArray("stories");
    for (StoryResult s : this.stories) {
      ObjectNode story = stories.addObject();
      story.put("story", s.story().key());
      story.put("title", s.story().title());
      story.put("expected", s.story().expected());
      story.put("ok", s.ok());
      s.problems().forEach(story.putArray("problems")::add);
      ArrayNode executions = story.putArray("executions");
      for (ExecutionLog e : s.executions()) {
        ObjectNode execution = executions.addObject();
        execution.put("executionArn", e.executionArn());
        execution.put("status", e.status());
        execution.put("redriveCount", e.redriveCount());
        execution.put("error", e.firstError().orElse(null));
        ArrayNode decisions = execution.putArray("decisions");
        for (Outcome o : e.outcomes()) {
          ObjectNode d = decisions.addObject();
          d.put("result", o.result().name());
          d.put("redriveCount", o.redriveCount());
          o.decision()
              .ifPresent(
                  decision -> {
                    d.put("action", decision.action().name());
                    d.put("delaySeconds", decision.delaySeconds());
                    d.put("rule", decision.rule().orElse(null));
                  });
          d.put("reason", o.detail());
        }
      }
    }
    out.println(root.toPrettyString());
  }

  /**
   * Why, in a table cell: the outcome's detail, except for a deferral, whose detail names the
   * parent's full ARN: {@code deferred to parent demo-nested-parent/order-7 (FAILED)}.
   */
  static String why(Outcome outcome) {
    if (outcome.result() == Result.DEFERRED) {
      Matcher parent = EXECUTION_ARN.matcher(outcome.detail());
      Matcher status = PARENT_STATUS.matcher(outcome.detail());
      if (parent.find() && status.find()) {
        return "deferred to parent "
            + parent.group(1)
            + "/"
            + parent.group(2)
            + " ("
            + status.group(1)
            + ")";
      }
    }
    return outcome.detail();
  }

  /** The outcomes that matter, in order and grouped: {@code REDRIVEN x2}, {@code GAVE_UP}. */
  private static String decisions(ExecutionLog e) {
    List<Result> results =
        e.outcomes().stream().map(Outcome::result).filter(r -> r != Result.DELAYED).toList();
    if (results.isEmpty()) {
      return "-";
    }
    Map<Result, Long> counts =
        results.stream()
            .collect(
                Collectors.groupingBy(r -> r, java.util.LinkedHashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .map(c -> c.getValue() == 1 ? c.getKey().name() : c.getKey() + " x" + c.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
