package dev.redrive.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy file that cannot be used: it could not be read, or it breaks one or more rules of the
 * policy format. {@link #problems()} lists every problem found, in file order, so that a user can
 * fix them all in one pass.
 */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PolicyException(List<Problem> problems) {
    super(summary(problems));
    this.problems = problems.stream().sorted(Problem.IN_FILE_ORDER).toList();
  }

  /**
   * Creates the exception for a policy that could not be read at all, with its cause.
   *
   * @param problem what went wrong
   * @param cause the I/O or parser error
   */
  public PolicyException(Problem problem, Throwable cause) {
    super(summary(List.of(problem)), cause);
    this.problems = List.of(problem);
  }

  /** Every problem found, in file order (line, then column); never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PolicyException needs at least one problem");
    }
    String header =
        problems.size() == 1
            ? "invalid policy: 1 problem"
            : "invalid policy: " + problems.size() + " problems";
    return problems.stream()
        .sorted(Problem.IN_FILE_ORDER)
        .map(Problem::format)
        .collect(Collectors.joining("\n  ", header + "\n  ", ""));
  }
}
