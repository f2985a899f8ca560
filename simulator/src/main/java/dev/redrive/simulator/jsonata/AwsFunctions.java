package dev.redrive.simulator.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.FnVarArgs;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The functions AWS Step Functions adds to JSONata, and the standard ones it changes or removes.
 *
 * <p>From the AWS guide "Transforming data with JSONata in Step Functions": {@code $partition},
 * {@code $range}, {@code $hash}, {@code $random} (with an optional seed), {@code $uuid} and {@code
 * $parse} stand in for the JSONPath intrinsics; {@code $eval} is not supported ({@code $parse} is
 * the replacement). Calling a name that is not bound fails with {@code T1006: Attempted to invoke a
 * non-function}, which is what AWS records for e.g. {@code $randomSeeded(...)}.
 *
 * <p>{@code $now()} and {@code $millis()} read the simulator's clock, so that a virtual clock is
 * honoured; both return the same instant throughout one evaluation, as JSONata specifies.
 */
final class AwsFunctions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  private final Clock clock;
  private final RandomGenerator random;
  private final Supplier<UUID> uuids;

  AwsFunctions(Clock clock, RandomGenerator random, Supplier<UUID> uuids) {
    this.clock = clock;
    this.random = random;
    this.uuids = uuids;
  }

  /** Binds the AWS functions into a frame made for one evaluation. */
  void bindInto(Frame frame) {
    long now = clock.millis();
    bind(frame, "partition", AwsFunctions::partition);
    bind(frame, "range", AwsFunctions::range);
    bind(frame, "hash", AwsFunctions::hash);
    bind(frame, "parse", AwsFunctions::parse);
    bind(frame, "random", this::random);
    bind(frame, "uuid", args -> uuids.get().toString());
    bind(frame, "millis", args -> now);
    bind(frame, "now", args -> now(now, args));
    frame.bind("eval", (Object) null);
  }

  private static void bind(Frame frame, String name, FnVarArgs<Object> body) {
    frame.bind(name, Jsonata.function(name, body, null));
  }

  /** {@code $partition(array, size)}: chunks of {@code size}; the last may be shorter. */
  static Object partition(List<?> args) {
    List<?> array = arrayArgument("partition", args, 0);
    int size = positiveIntArgument("partition", args, 1);
    List<Object> chunks = new ArrayList<>();
    for (int from = 0; from < array.size(); from += size) {
      chunks.add(new ArrayList<>(array.subList(from, Math.min(array.size(), from + size))));
    }
    return chunks;
  }

  /**
   * {@code $range(start, end, step)}: from {@code start} to {@code end} inclusive. The result is a
   * JSONata sequence, so a single number comes out unwrapped: AWS answers {@code 1} for {@code
   * $range(1, 9, 9)}.
   */
  static Object range(List<?> args) {
    Number start = numberArgument("range", args, 0);
    Number end = numberArgument("range", args, 1);
    Number step = numberArgument("range", args, 2);
    if (step.doubleValue() == 0) {
      throw new FunctionFailure("D3137", "The step of function \"range\" must not be zero");
    }
    List<Object> result = Utils.createSequence();
    boolean integral = isIntegral(start) && isIntegral(end) && isIntegral(step);
    double s = start.doubleValue();
    double e = end.doubleValue();
    double st = step.doubleValue();
    for (long i = 0; st > 0 ? s + i * st <= e : s + i * st >= e; i++) {
      double v = s + i * st;
      result.add(integral ? (Object) (long) v : (Object) v);
    }
    return result;
  }

  /** {@code $hash(data, algorithm)}: the lowercase hex digest; MD5, SHA-1, SHA-256/384/512. */
  static Object hash(List<?> args) {
    String data = stringArgument("hash", args, 0);
    String algorithm = stringArgument("hash", args, 1);
    if (!HASH_ALGORITHMS.contains(algorithm)) {
      throw new FunctionFailure(
          "D3137",
          "The hash algorithm \""
              + algorithm
              + "\" is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    }
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  /** {@code $parse(json)}: the JSON value a string holds. */
  static Object parse(List<?> args) {
    String text = stringArgument("parse", args, 0);
    try {
      return Values.toJava(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw new FunctionFailure(
          "D3137", "The argument of function \"parse\" is not valid JSON: " + text);
    }
  }

  /** {@code $random([seed])}: a number in [0, 1); the same seed gives the same number. */
  private Object random(List<?> args) {
    if (args.isEmpty() || args.get(0) == null) {
      return random.nextDouble();
    }
    Number seed = numberArgument("random", args, 0);
    return new Random(seed.longValue()).nextDouble();
  }

  private static Object now(long millis, List<?> args) {
    String picture = args.size() > 0 ? (String) args.get(0) : null;
    String timezone = args.size() > 1 ? (String) args.get(1) : null;
    return Functions.dateTimeFromMillis(millis, picture, timezone);
  }

  private static List<?> arrayArgument(String function, List<?> args, int index) {
    Object value = args.size() > index ? args.get(index) : null;
    if (value instanceof List<?> list) {
      return list;
    }
    throw signatureMismatch(function, index);
  }

  private static String stringArgument(String function, List<?> args, int index) {
    Object value = args.size() > index ? args.get(index) : null;
    if (value instanceof String s) {
      return s;
    }
    throw signatureMismatch(function, index);
  }

  private static Number numberArgument(String function, List<?> args, int index) {
    Object value = args.size() > index ? args.get(index) : null;
    if (value instanceof Number n) {
      return n;
    }
    throw signatureMismatch(function, index);
  }

  private static int positiveIntArgument(String function, List<?> args, int index) {
    Number n = numberArgument(function, args, index);
    if (!isIntegral(n) || n.doubleValue() < 1 || n.doubleValue() > Integer.MAX_VALUE) {
      throw new FunctionFailure(
          "D3137",
          "Argument "
              + (index + 1)
              + " of function \""
              + function
              + "\" must be a positive integer");
    }
    return n.intValue();
  }

  private static boolean isIntegral(Number n) {
    double d = n.doubleValue();
    return Double.isFinite(d) && d == Math.rint(d);
  }

  private static FunctionFailure signatureMismatch(String function, int index) {
    return new FunctionFailure(
        "T0410",
        "Argument "
            + (index + 1)
            + " of function \""
            + function
            + "\" does not match function signature");
  }

  /** A failure inside one of these functions, with a JSONata-style error code. */
  static final class FunctionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    FunctionFailure(String code, String message) {
      super(message);
      this.code = code;
    }

    /** JSONata's way of printing an error: {@code T0410: Argument 1 of ...}. */
    String text() {
      return code + ": " + getMessage();
    }
  }
}
