package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.PathResolver;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * One parsed intrinsic call: the function, its arguments (literals, paths, nested calls) and the
 * text it was parsed from. Immutable and thread-safe; obtain it from {@link Intrinsics#parse}.
 */
public final class IntrinsicCall {
  private final String text;
  private final IntrinsicFunction function;
  private final List<Argument> arguments;

  IntrinsicCall(String text, IntrinsicFunction function, List<Argument> arguments) {
    this.text = Objects.requireNonNull(text, "text");
    this.function = Objects.requireNonNull(function, "function");
    this.arguments = List.copyOf(arguments);
  }

  /**
   * Evaluates the call, with {@code States.MathRandom} and {@code States.UUID} drawing from a
   * thread-local random generator.
   *
   * @param resolver resolves the path arguments against the state input, context object and
   *     variables
   * @return a new JSON value; never null (JSON null is a {@code NullNode})
   * @throws StatesError ({@code States.Runtime}) when a path selects nothing or an argument has the
   *     wrong type or value. The cause reads {@code The function '<call>' had the following error:
   *     <detail>}; the interpreter prefixes it with the state, as for every runtime error ({@code
   *     An error occurred while executing the state 'S' (entered at the event id #2). })
   */
  public JsonNode evaluate(PathResolver resolver) {
    return evaluate(resolver, ThreadLocalRandom.current());
  }

  /**
   * Evaluates the call with the given source of randomness, for deterministic {@code
   * States.MathRandom} (without seed) and {@code States.UUID} in tests.
   *
   * @see #evaluate(PathResolver)
   */
  public JsonNode evaluate(PathResolver resolver, RandomGenerator random) {
    Evaluation evaluation =
        new Evaluation(
            Objects.requireNonNull(resolver, "resolver"),
            Objects.requireNonNull(random, "random"),
            text);
    return evaluateNested(evaluation);
  }

  /** Evaluates as an argument of an enclosing call; errors name the outermost expression. */
  JsonNode evaluateNested(Evaluation evaluation) {
    JsonNode[] values = new JsonNode[arguments.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = arguments.get(i).evaluate(evaluation);
    }
    return function.apply(new Arguments(function, arguments, values, evaluation));
  }

  /** The function called, e.g. {@code States.Format}. */
  public String functionName() {
    return function.functionName();
  }

  /** The expression this call was parsed from. */
  @Override
  public String toString() {
    return text;
  }
}
