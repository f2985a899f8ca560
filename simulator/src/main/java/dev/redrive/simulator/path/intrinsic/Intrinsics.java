package dev.redrive.simulator.path.intrinsic;

import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.Nesting;
import java.util.Optional;

/**
 * Entry point to the intrinsic functions of JSONPath mode ({@code States.Format}, {@code
 * States.Array}, ...), as the AWS Step Functions guide describes them in "Intrinsic functions for
 * JSONPath states".
 *
 * <p>An intrinsic appears as the string value of a field whose name ends in {@code .$} (in {@code
 * Parameters}, {@code ResultSelector}, {@code ItemSelector}, {@code Assign}, ...) and as the value
 * of a Fail state's {@code ErrorPath} or {@code CausePath}. Parse it once when the definition is
 * loaded, keep the {@link IntrinsicCall}, and evaluate it for every state input:
 *
 * <pre>{@code
 * IntrinsicCall call = Intrinsics.parse("States.Format('Hello {}', $.name)");
 * JsonNode value = call.evaluate(resolver);
 * }</pre>
 */
public final class Intrinsics {
  static final String PREFIX = "States.";

  private Intrinsics() {}

  /**
   * Whether the string value of a {@code .$} field is an intrinsic call rather than a path: AWS
   * treats every such value that starts with {@code States.} as one.
   *
   * @param value the field's value; null gives false
   */
  public static boolean isIntrinsic(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /**
   * Why an intrinsic call is nested too deeply to be parsed, if it is (see {@link Nesting}), for
   * definition validation; {@link #parse} refuses the same text.
   */
  public static Optional<String> depthProblem(String expression) {
    int at = Nesting.tooDeepAt(expression, "'\"");
    return at < 0 ? Optional.empty() : Optional.of(Nesting.problem(at));
  }

  /**
   * Parses an intrinsic call such as {@code States.ArrayGetItem(States.StringSplit($.s, ','), 0)}.
   *
   * <p>Arguments are string literals in single quotes (with the escapes {@code \'}, {@code \{},
   * {@code \}} and {@code \\}), numbers, {@code true}, {@code false}, {@code null}, reference paths
   * ({@code $.x}, {@code $$.Execution.Id}, {@code $var.x}) and nested calls. The number of
   * arguments of each function is checked here; their types are checked when the call is evaluated,
   * since paths are only known then.
   *
   * @param expression the whole field value, e.g. {@code States.UUID()}
   * @return an immutable call, safe to cache and to evaluate from several threads
   * @throws StatesError ({@code States.Runtime}) when the text is not a valid intrinsic call; the
   *     cause names the expression and what was expected where
   */
  public static IntrinsicCall parse(String expression) {
    return new IntrinsicParser(expression).parse();
  }
}
