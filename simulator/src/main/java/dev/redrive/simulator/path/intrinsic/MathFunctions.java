package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Random;
import java.util.random.RandomGenerator;

/** {@code States.MathRandom} and {@code States.MathAdd}. */
final class MathFunctions {
  private MathFunctions() {}

  /**
   * A random integer from the start to the end, both included; with a third argument, the same seed
   * always gives the same number. "Returns a random number between the specified start and end
   * number."
   */
  static JsonNode random(Arguments args) {
    int start = args.integer(0);
    int end = args.integer(1);
    RandomGenerator random = args.size() == 3 ? new Random(args.integer(2)) : args.random();
    if (end < start) {
      throw args.fail(
          "The end of States.MathRandom ("
              + end
              + ") must not be less than its start ("
              + start
              + ")");
    }
    return IntNode.valueOf((int) random.nextLong(start, (long) end + 1));
  }

  /** The sum of two integers, each rounded first when it has a fraction. */
  static JsonNode add(Arguments args) {
    long sum = (long) args.integer(0) + args.integer(1);
    if (sum < Integer.MIN_VALUE || sum > Integer.MAX_VALUE) {
      throw args.fail(
          "The result of States.MathAdd ("
              + sum
              + ") must be between "
              + Integer.MIN_VALUE
              + " and "
              + Integer.MAX_VALUE);
    }
    return IntNode.valueOf((int) sum);
  }
}
