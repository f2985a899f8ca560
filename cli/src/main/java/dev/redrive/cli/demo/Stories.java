package dev.redrive.cli.demo;

import dev.redrive.cli.demo.Story.Start;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.Outcome.Result;
import dev.redrive.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The demo's five stories, after the seeds (../shared/seeds/). */
final class Stories {
  /** How many executions of the storm fail at once. */
  static final int STORM_SIZE = 8;

  /** The storm's budget in events-samples/demo/policy.yaml (rule storm-downstream-down). */
  static final int STORM_BUDGET = 3;

  private Stories() {}

  /** The stories, in the order they are told. */
  static List<Story> all() {
    return List.of(permission(), flakyMapItem(), nested(), inputError(), storm());
  }

  /** The state machine the nested story's parent starts; created before the stories run. */
  static final String NESTED_CHILD = "demo-nested-child";

  static final String NESTED_CHILD_DEFINITION = "nested-child.asl.json";

  static Story permission() {
    return new Story(
        "permission",
        "a permission error fixed after two redrives (seed 001)",
        "demo-permission-fixed",
        "permission-fixed.asl.json",
        List.of(new Start("report-1", "{\"report\":\"daily-sales\"}")),
        "SUCCEEDED at redriveCount 2 after 2 redrives (rule permission-fixed-later)",
        (executions, demo) -> {
          List<String> problems = new ArrayList<>();
          ExecutionLog e = single(executions, problems);
          if (e != null) {
            expectEnd(e, "SUCCEEDED", 2, problems);
            expectRedrives(e, 2, "permission-fixed-later", problems);
          }
          return problems;
        });
  }

  static Story flakyMapItem() {
    return new Story(
        "map",
        "a flaky Map item (seed 002)",
        "demo-flaky-map",
        "flaky-map-item.asl.json",
        List.of(
            new Start(
                "batch-1",
                "{\"products\":[{\"id\":\"A-123\",\"name\":\"Item 1\"},"
                    + "{\"id\":\"B-456\",\"name\":\"Item 2\"},"
                    + "{\"id\":\"C-789\",\"name\":\"Item 3\"}]}")),
        "SUCCEEDED at redriveCount 1; item A-123 processed once, B-456 twice",
        (executions, demo) -> {
          List<String> problems = new ArrayList<>();
          ExecutionLog e = single(executions, problems);
          if (e != null) {
            expectEnd(e, "SUCCEEDED", 1, problems);
            expectRedrives(e, 1, "transient-lambda", problems);
          }
          if (demo.itemInvocations("A-123") != 1) {
            problems.add(
                "item A-123 ran " + demo.itemInvocations("A-123") + " times, expected once");
          }
          if (demo.itemInvocations(DemoFunctions.FLAKY_ITEM) != 2) {
            problems.add(
                "item B-456 ran "
                    + demo.itemInvocations(DemoFunctions.FLAKY_ITEM)
                    + " times, expected twice");
          }
          return problems;
        });
  }

  static Story nested() {
    return new Story(
        "nested",
        "a nested parent/child with a task token (seeds 000, 004)",
        "demo-nested-parent",
        "nested-parent.asl.json",
        List.of(new Start("order-7", "{\"order\":{\"id\":\"order-7\"}}")),
        "the child fails once and is deferred to its parent, which failed too; the parent is"
            + " redriven, starts a new child and SUCCEEDED at redriveCount 1; 2 task tokens"
            + " answered",
        (executions, demo) -> {
          List<String> problems = new ArrayList<>();
          ExecutionLog e =
              single(
                  executions.stream()
                      .filter(x -> x.label().startsWith("demo-nested-parent/"))
                      .toList(),
                  problems);
          if (e != null) {
            expectEnd(e, "SUCCEEDED", 1, problems);
            expectRedrives(e, 1, "nested-parent", problems);
          }
          List<ExecutionLog> children =
              executions.stream().filter(x -> x.label().startsWith(NESTED_CHILD + "/")).toList();
          List<String> childEnds =
              children.stream().map(c -> c.status() + " " + c.redriveCount()).toList();
          if (!childEnds.equals(List.of("FAILED 0", "SUCCEEDED 0"))) {
            problems.add(
                "the child executions ended " + childEnds + ", expected [FAILED 0, SUCCEEDED 0]");
          }
          if (children.stream().anyMatch(c -> c.count(Result.REDRIVEN) > 0)) {
            problems.add("a child execution was redriven; its parent should have been");
          }
          if (!children.isEmpty()) {
            List<Result> firstChild =
                children.get(0).outcomes().stream().map(Outcome::result).toList();
            if (!firstChild.equals(List.of(Result.DEFERRED))) {
              problems.add(
                  "the failed child got " + firstChild + ", expected [DEFERRED] to its parent");
            }
          }
          if (demo.approvalsAnswered() != 2) {
            problems.add(
                "the worker answered "
                    + demo.approvalsAnswered()
                    + " approval requests, expected 2");
          }
          return problems;
        });
  }

  static Story inputError() {
    return new Story(
        "input-error",
        "an input error that redrive cannot fix (seed 001)",
        "demo-input-error",
        "input-error.asl.json",
        List.of(new Start("order-without-id", "{\"customer\":\"c-1\"}")),
        "FAILED with States.Runtime, given up at once, never redriven",
        (executions, demo) -> {
          List<String> problems = new ArrayList<>();
          ExecutionLog e = single(executions, problems);
          if (e != null) {
            expectEnd(e, "FAILED", 0, problems);
            expectGiveUp(e, "input-errors-cannot-be-fixed-by-redrive", "", problems);
          }
          return problems;
        });
  }

  static Story storm() {
    return new Story(
        "storm",
        "a storm stopped by the budget",
        "demo-storm",
        "storm.asl.json",
        IntStream.rangeClosed(1, STORM_SIZE)
            .mapToObj(i -> new Start("call-" + i, "{\"order\":{\"id\":\"order-" + i + "\"}}"))
            .toList(),
        STORM_SIZE
            + " fail at once: "
            + STORM_BUDGET
            + " redriven and SUCCEEDED, "
            + (STORM_SIZE - STORM_BUDGET)
            + " given up (budget exhausted)",
        (executions, demo) -> {
          List<String> problems = new ArrayList<>();
          if (executions.size() != STORM_SIZE) {
            problems.add(executions.size() + " executions, expected " + STORM_SIZE);
          }
          long redriven =
              executions.stream()
                  .filter(e -> e.status().equals("SUCCEEDED") && e.redriveCount() == 1)
                  .count();
          long givenUp =
              executions.stream()
                  .filter(
                      e ->
                          e.status().equals("FAILED")
                              && e.redriveCount() == 0
                              && e.lastOutcome()
                                  .filter(o -> o.result() == Result.GAVE_UP)
                                  .filter(o -> o.detail().startsWith("budget exhausted"))
                                  .isPresent())
                  .count();
          if (redriven != STORM_BUDGET) {
            problems.add(
                redriven + " redriven and SUCCEEDED at redriveCount 1, expected " + STORM_BUDGET);
          }
          if (givenUp != STORM_SIZE - STORM_BUDGET) {
            problems.add(
                givenUp
                    + " given up with 'budget exhausted', expected "
                    + (STORM_SIZE - STORM_BUDGET));
          }
          return problems;
        });
  }

  private static ExecutionLog single(List<ExecutionLog> executions, List<String> problems) {
    if (executions.size() != 1) {
      problems.add(executions.size() + " executions, expected 1");
      return null;
    }
    return executions.get(0);
  }

  private static void expectEnd(
      ExecutionLog e, String status, long redriveCount, List<String> problems) {
    if (!e.status().equals(status) || e.redriveCount() != redriveCount) {
      problems.add(
          e.label()
              + " ended "
              + e.status()
              + " at redriveCount "
              + e.redriveCount()
              + ", expected "
              + status
              + " at redriveCount "
              + redriveCount);
    }
  }

  private static void expectRedrives(
      ExecutionLog e, long redrives, String rule, List<String> problems) {
    long actual = e.count(Result.REDRIVEN);
    boolean byRule =
        e.outcomes().stream()
            .filter(o -> o.result() == Result.REDRIVEN)
            .allMatch(o -> o.decision().flatMap(Decision::rule).filter(rule::equals).isPresent());
    if (actual != redrives || !byRule) {
      problems.add(
          e.label()
              + " was redriven "
              + actual
              + " times, expected "
              + redrives
              + " by rule "
              + rule);
    }
  }

  private static void expectGiveUp(
      ExecutionLog e, String rule, String reasonPrefix, List<String> problems) {
    List<Outcome> outcomes = e.outcomes();
    boolean ok =
        outcomes.size() == 1
            && outcomes.get(0).result() == Result.GAVE_UP
            && outcomes.get(0).decision().flatMap(Decision::rule).filter(rule::equals).isPresent()
            && outcomes.get(0).detail().startsWith(reasonPrefix);
    if (!ok) {
      problems.add(e.label() + " got " + outcomes + ", expected one GAVE_UP by rule " + rule);
    }
  }
}
