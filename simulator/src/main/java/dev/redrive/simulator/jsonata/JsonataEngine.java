package dev.redrive.simulator.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.path.Nesting;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Evaluates JSONata as AWS Step Functions does for states whose {@code QueryLanguage} is {@code
 * JSONata}: {@code Arguments}, {@code Output}, {@code Assign}, {@code Condition}, {@code Items},
 * {@code ItemSelector}, {@code TimeoutSeconds}, {@code Seconds}, {@code Error}, ...
 *
 * <p>A string is an expression when it starts with <code>{%</code> and ends with <code>%}</code>,
 * with nothing outside them: AWS keeps <code>" {% states.input %} "</code> as a literal string. An
 * expression sees {@code $states} ({@code input}, {@code context}, {@code result}, {@code
 * errorOutput}) and every workflow variable as {@code $name}, plus the functions AWS adds (see
 * {@link AwsFunctions}).
 *
 * <p>Thread-safe. Compiled expressions are cached by their text.
 */
public final class JsonataEngine {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int CACHE_LIMIT = 10_000;

  /** AWS's bounds on one evaluation: it refuses {@code 1+1+...+1} at 101 terms. */
  private static final long TIMEOUT_MILLIS = 5_000;

  private static final int MAX_DEPTH = 100;

  private static final String TOO_DEEP = "The expression is nested too deeply: ";

  private final AwsFunctions functions;
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  /**
   * An engine on the system clock, with secure randomness for {@code $random} and {@code $uuid}.
   */
  public JsonataEngine() {
    this(Clock.systemUTC(), new SecureRandom(), UUID::randomUUID);
  }

  /**
   * @param clock read by {@code $now()} and {@code $millis()}
   * @param random used by {@code $random()} without a seed
   * @param uuids used by {@code $uuid()}
   */
  public JsonataEngine(Clock clock, RandomGenerator random, Supplier<UUID> uuids) {
    this.functions =
        new AwsFunctions(
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(random, "random"),
            Objects.requireNonNull(uuids, "uuids"));
  }

  /** Whether a string is a JSONata expression: <code>{%</code>, anything, <code>%}</code>. */
  public static boolean isExpression(String s) {
    return s != null && s.length() >= 4 && s.startsWith("{%") && s.endsWith("%}");
  }

  /** Whether a JSON value is a string holding a JSONata expression. */
  public static boolean isExpression(JsonNode node) {
    return node != null && node.isTextual() && isExpression(node.textValue());
  }

  /**
   * Evaluates every expression in a template; everything else is kept as written.
   *
   * @param template an object, array, string or scalar from the state definition
   * @param field the field name for error locations: {@code Output} gives locations such as {@code
   *     Output}, {@code Output/FunctionResult} or {@code Output/a/b[0]}
   * @return the evaluated template: objects and arrays are new, a scalar is returned as is
   * @throws JsonataException when an expression fails, returns undefined, or returns a function
   */
  public JsonNode evaluateTemplate(JsonNode template, JsonataBindings bindings, String field) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(field, "field");
    return walk(template, new Scope(bindings), field);
  }

  private JsonNode walk(JsonNode node, Scope scope, String location) {
    if (isExpression(node)) {
      return evaluate(node.textValue(), scope, location);
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.set(field.getKey(), walk(field.getValue(), scope, location + "/" + field.getKey()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(walk(node.get(i), scope, location + "[" + i + "]"));
      }
      return out;
    }
    return node;
  }

  /**
   * Evaluates one expression.
   *
   * @param expressionWithDelimiters e.g. <code>{% $states.input.a %}</code>
   * @param location the field, for error messages, e.g. {@code Condition}
   * @return the result; never undefined
   * @throws JsonataException when the expression fails, returns undefined, or returns a function
   * @throws IllegalArgumentException when the string is not an expression
   */
  public JsonNode evaluate(
      String expressionWithDelimiters, JsonataBindings bindings, String location) {
    return evaluate(expressionWithDelimiters, new Scope(bindings), location);
  }

  /**
   * Evaluates one expression whose result must be of a given JSON type, such as {@code Items}
   * (array) or a Choice rule's {@code Condition} (boolean).
   *
   * @throws JsonataException {@link JsonataException#unexpectedType} when the type differs
   */
  public JsonNode evaluateAs(
      String expressionWithDelimiters,
      JsonataBindings bindings,
      String location,
      JsonataType expected) {
    JsonNode result = evaluate(expressionWithDelimiters, bindings, location);
    if (!expected.matches(result)) {
      throw JsonataException.unexpectedType(expressionWithDelimiters, location, expected, result);
    }
    return result;
  }

  /**
   * The syntax error of an expression, if any, as JSONata words it ({@code S0203: Expected "]"
   * before end of expression}), for definition validation.
   */
  public Optional<String> syntaxError(String expressionWithDelimiters) {
    return compile(expressionWithDelimiters).syntaxError();
  }

  /**
   * Why an expression is too deeply nested to be parsed, if it is: its brackets nest deeper than
   * {@link Nesting#MAX_DEPTH}, or its operators chain so deep that the parser's stack cannot hold
   * them. For definition validation; evaluating such an expression fails with the same text.
   */
  public static Optional<String> depthProblem(String expressionWithDelimiters) {
    if (!isExpression(expressionWithDelimiters)) {
      return Optional.empty();
    }
    String body = expressionWithDelimiters.substring(2, expressionWithDelimiters.length() - 2);
    Optional<String> tooDeep = nestingProblem(body);
    if (tooDeep.isPresent()) {
      return tooDeep;
    }
    Optional<String> parsed = Compiled.parse(expressionWithDelimiters).syntaxError();
    return parsed.filter(problem -> problem.startsWith(TOO_DEEP));
  }

  private static Optional<String> nestingProblem(String body) {
    int at = Nesting.tooDeepAt(body, "\"'`");
    return at < 0 ? Optional.empty() : Optional.of(TOO_DEEP + Nesting.problem(at));
  }

  /**
   * What AWS refuses in the expression when the definition is created, worded as AWS words it after
   * {@code UNSUPPORTED_JSONATA_EXPRESSION: }: {@code Reference to 'phone' at the top level is not
   * supported.} for a path that starts with a field name, {@code Reference to '$$' is not
   * supported.} Empty when the expression is fine or does not parse (see {@link #syntaxError}).
   */
  public Optional<String> unsupportedReference(String expressionWithDelimiters) {
    Compiled compiled = compile(expressionWithDelimiters);
    if (compiled.syntaxError().isPresent()) {
      return Optional.empty();
    }
    synchronized (compiled.expression()) {
      return TopLevelReferences.find(compiled.expression());
    }
  }

  private JsonNode evaluate(String expressionWithDelimiters, Scope scope, String location) {
    Compiled compiled = compile(expressionWithDelimiters);
    if (compiled.syntaxError().isPresent()) {
      throw JsonataException.evaluationFailed(
          expressionWithDelimiters, location, compiled.syntaxError().get());
    }
    Object result;
    try {
      result = compiled.evaluate(scope, functions);
    } catch (AwsFunctions.FunctionFailure e) {
      throw JsonataException.failedWithTail(expressionWithDelimiters, location, e.tail(), e);
    } catch (JException e) {
      String body = JsonataException.stripDelimiters(expressionWithDelimiters);
      throw JsonataException.failedWithTail(
          expressionWithDelimiters, location, ErrorMessages.tail(e, body), e);
    } catch (RuntimeException e) {
      AwsFunctions.FunctionFailure inner = findFunctionFailure(e);
      if (inner != null) {
        throw JsonataException.failedWithTail(expressionWithDelimiters, location, inner.tail(), e);
      }
      throw ErrorMessages.tail(e)
          .map(tail -> JsonataException.failedWithTail(expressionWithDelimiters, location, tail, e))
          .orElseGet(() -> JsonataException.internalError(expressionWithDelimiters, location, e));
    } catch (StackOverflowError e) {
      throw JsonataException.failedWithTail(
          expressionWithDelimiters,
          location,
          ": Stack overflow error: Check for non-terminating recursive function.  Consider"
              + " rewriting as tail-recursive.",
          e);
    }
    try {
      return Values.toJson(result)
          .orElseThrow(() -> JsonataException.undefinedResult(expressionWithDelimiters, location));
    } catch (Values.UnsupportedResult e) {
      throw JsonataException.unsupportedResultType(expressionWithDelimiters, location);
    }
  }

  private static AwsFunctions.FunctionFailure findFunctionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AwsFunctions.FunctionFailure f) {
        return f;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private Compiled compile(String expressionWithDelimiters) {
    if (!isExpression(expressionWithDelimiters)) {
      throw new IllegalArgumentException(
          "not a JSONata expression (expected {% ... %}): " + expressionWithDelimiters);
    }
    Compiled compiled = cache.get(expressionWithDelimiters);
    if (compiled == null) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      compiled = cache.computeIfAbsent(expressionWithDelimiters, Compiled::parse);
    }
    return compiled;
  }

  /** JSONata's own wording of a syntax error: its code, a colon, its message. */
  static String text(JException e) {
    String message = e.getMessage();
    String code = e.getError();
    if (code == null || code.isEmpty() || message == null) {
      return String.valueOf(message);
    }
    return message.startsWith(code) ? message : code + ": " + message;
  }

  /** The bindings converted once for all the expressions of one template. */
  private static final class Scope {
    private final JsonataBindings bindings;
    private Object states;
    private Map<String, Object> variables;

    Scope(JsonataBindings bindings) {
      this.bindings = Objects.requireNonNull(bindings, "bindings");
    }

    void bindInto(Frame frame) {
      if (states == null) {
        states = Values.toJava(bindings.states());
        Map<String, Object> vars = new java.util.HashMap<>();
        bindings.variables().forEach((name, value) -> vars.put(name, Values.toJava(value)));
        variables = vars;
      }
      variables.forEach(frame::bind);
      frame.bind("states", states);
    }
  }

  /** A parsed expression, or its syntax error. The library's evaluator is not re-entrant. */
  private record Compiled(Jsonata expression, Optional<String> syntaxError) {

    static Compiled parse(String expressionWithDelimiters) {
      String body = expressionWithDelimiters.substring(2, expressionWithDelimiters.length() - 2);
      Optional<String> tooDeep = nestingProblem(body);
      if (tooDeep.isPresent()) {
        return new Compiled(null, tooDeep);
      }
      try {
        Jsonata expression = Jsonata.jsonata(body);
        expression.setOutputConvertNulls(false);
        return new Compiled(expression, Optional.empty());
      } catch (JException e) {
        return new Compiled(null, Optional.of(text(e)));
      } catch (RuntimeException e) {
        return new Compiled(null, Optional.of("S0201: " + e.getMessage()));
      } catch (StackOverflowError e) {
        // Operators chained thousands long (1+1+...) nest the library's tree without brackets.
        return new Compiled(null, Optional.of(TOO_DEEP + "its operators chain too deep to parse"));
      }
    }

    Object evaluate(Scope scope, AwsFunctions functions) {
      synchronized (expression) {
        Frame frame = expression.createFrame();
        frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
        functions.bindInto(frame);
        scope.bindInto(frame);
        return expression.evaluate(null, frame);
      }
    }
  }
}
