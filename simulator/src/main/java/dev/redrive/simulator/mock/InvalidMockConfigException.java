package dev.redrive.simulator.mock;

import java.util.List;

/**
 * A mock configuration file that cannot be used; {@link #problems()} lists every problem, each
 * starting with the JSON path where it is ({@code $.MockedResponses.Fail."1-2": ...}).
 */
public final class InvalidMockConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidMockConfigException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, with its JSON path. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder b =
        new StringBuilder("invalid mock configuration ")
            .append(source)
            .append(": ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    problems.forEach(p -> b.append("\n  ").append(p));
    return b.toString();
  }
}
