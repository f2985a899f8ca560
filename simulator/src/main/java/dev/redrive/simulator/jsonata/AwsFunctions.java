package dev.redrive.simulator.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.FnVarArgs;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
 * honoured; both return the same instant throughout one evaluation, as JSONata specifies. {@code
 * $count} counts a JSON {@code null} as one value, as AWS does (the library answers 0).
 */
final class AwsFunctions {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The most numbers {@code $range} builds: AWS accepts {@code $range(1, 360145, 1)} and refuses
   * one more with its memory limit.
   */
  private static final long MAX_RANGE = 360_145;

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
    bind(frame, "count", AwsFunctions::count);
    frame.bind("eval", (Object) null);
  }

  private static void bind(Frame frame, String name, FnVarArgs<Object> body) {
    frame.bind(name, Jsonata.function(name, body, null));
  }

  /**
   * {@code $partition(array, size)}: chunks of {@code size}; the last may be shorter. A fractional
   * size is truncated towards zero; an empty array or a size below one gives undefined.
   */
  static Object partition(List<?> args) {
    if (undefinedFirst(args)) {
      return null;
    }
    List<?> array = arrayArgument("partition", args, 0);
    long size = truncatedArgument("partition", args, 1);
    if (array.isEmpty() || size < 1) {
      return null;
    }
    List<Object> chunks = new ArrayList<>();
    for (int from = 0; from < array.size(); from += (int) Math.min(size, array.size())) {
      chunks.add(new ArrayList<>(array.subList(from, (int) Math.min(array.size(), from + size))));
    }
    return chunks;
  }

  /**
   * {@code $range(start, end, step)}: from {@code start} towards {@code end}, inclusive when a step
   * lands on it. Fractional arguments are truncated towards zero. Without a step, with a zero step
   * or with a step pointing away from {@code end}, the result is undefined. The result is a JSONata
   * sequence, so a single number comes out unwrapped: AWS answers {@code 1} for {@code $range(1, 9,
   * 9)}.
   */
  static Object range(List<?> args) {
    if (undefinedFirst(args)) {
      return null;
    }
    long start = truncatedArgument("range", args, 0);
    long end = truncatedArgument("range", args, 1);
    if (args.size() < 3 || args.get(2) == null) {
      return null;
    }
    long step = truncatedArgument("range", args, 2);
    if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
      return null;
    }
    long count = (end - start) / step + 1;
    if (count > MAX_RANGE) {
      throw new FunctionFailure(null, "Expression evaluation memory limit exceeded");
    }
    List<Object> result = Utils.createSequence();
    for (long i = 0; i < count; i++) {
      long v = start + i * step;
      result.add(v == (int) v ? (Object) (int) v : (Object) v);
    }
    return result;
  }

  /**
   * {@code $hash(data, algorithm)}: the lowercase hex digest; MD5, SHA-1, SHA-256, SHA-384 or
   * SHA-512 (case-sensitive). Without an algorithm the result is undefined.
   */
  static Object hash(List<?> args) {
    if (undefinedFirst(args)) {
      return null;
    }
    if (args.size() < 2 || args.get(1) == null) {
      return null;
    }
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

  /** {@code $count(value)}: as JSONata, except that AWS counts a JSON {@code null} as one value. */
  static Object count(List<?> args) {
    Object value = args.isEmpty() ? null : args.get(0);
    if (value == null) {
      return 0;
    }
    if (value instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) list;
      return Functions.count(values);
    }
    return 1;
  }

  /** {@code $parse(json)}: the JSON value a string holds. */
  static Object parse(List<?> args) {
    if (undefinedFirst(args)) {
      return null;
    }
    String text = stringArgument("parse", args, 0);
    try {
      JsonNode parsed = JSON.readTree(text);
      if (parsed == null || parsed.isMissingNode()) {
        throw new FunctionFailure(
            "D3137", "The argument of function \"parse\" is not valid JSON: " + text);
      }
      return Values.toJava(parsed);
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

  /** Like JSONata's own functions, these answer undefined when their first argument is. */
  private static boolean undefinedFirst(List<?> args) {
    return args.isEmpty() || args.get(0) == null;
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

  private static long truncatedArgument(String function, List<?> args, int index) {
    double d = numberArgument(function, args, index).doubleValue();
    if (!Double.isFinite(d)) {
      throw signatureMismatch(function, index);
    }
    return (long) d;
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

  /** A failure inside one of these functions, with a JSONata-style error code or none. */
  static final class FunctionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    /**
     * @param code a JSONata error code such as {@code T0410}, or null for a bound AWS reports
     *     without one
     */
    FunctionFailure(String code, String message) {
      super(message);
      this.code = code;
    }

    /** How AWS ends its sentence: {@code ". T0410: Argument 1 of ..."} or {@code ": <message>"}. */
    String tail() {
      return code == null ? ": " + getMessage() : ". " + code + ": " + getMessage();
    }
  }
}
