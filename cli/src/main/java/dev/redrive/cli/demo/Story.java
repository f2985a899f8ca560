package dev.redrive.cli.demo;

import java.util.List;
import java.util.Objects;

/**
 * One story of the demo: a state machine, the executions started on it, and what must have happened
 * to them in the end.
 *
 * @param key a short name, used in the table and the JSON summary
 * @param title what the story shows
 * @param stateMachine the state machine's name
 * @param definition the definition's resource, under {@code demo/}
 * @param starts the executions to start, all at once
 * @param expected the end the story expects, in words
 * @param check finds what did not go as expected
 */
record Story(
    String key,
    String title,
    String stateMachine,
    String definition,
    List<Start> starts,
    String expected,
    Check check) {

  /** An execution to start: its name and input. */
  record Start(String name, String input) {}

  /** What must hold at the end of a story. */
  @FunctionalInterface
  interface Check {
    /**
     * @param executions the story's executions
     * @param demo what the demo's functions and worker saw
     * @return what did not go as expected; empty when all did
     */
    List<String> problems(List<ExecutionLog> executions, DemoFunctions demo);
  }

  Story {
    Objects.requireNonNull(key, "key");
    starts = List.copyOf(starts);
  }
}
