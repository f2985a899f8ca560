package dev.redrive.simulator.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The production {@link PathResolver}: {@code $...} over a state's effective input, {@code $$...}
 * over the context object (built only when asked for), {@code $name...} over workflow variables.
 */
public final class DataResolver implements PathResolver {
  private static final Map<String, ReferencePath> CACHE = new ConcurrentHashMap<>();

  private final JsonNode input;
  private final Supplier<JsonNode> context;
  private final Function<String, JsonNode> variables;

  /**
   * @param input the value {@code $} refers to
   * @param context supplies the context object for {@code $$}
   * @param variables looks a variable up by name, null when undefined
   */
  public DataResolver(
      JsonNode input, Supplier<JsonNode> context, Function<String, JsonNode> variables) {
    this.input = input;
    this.context = context;
    this.variables = variables;
  }

  /** The same context and variables, over another input. */
  public DataResolver withInput(JsonNode newInput) {
    return new DataResolver(newInput, context, variables);
  }

  /** The value {@code $} refers to. */
  public JsonNode input() {
    return input;
  }

  /** The context object. */
  public JsonNode context() {
    return context.get();
  }

  /** A variable, or null when undefined. */
  public JsonNode variable(String name) {
    return variables.apply(name);
  }

  @Override
  public Optional<JsonNode> resolve(String path) {
    ReferencePath compiled = CACHE.get(path);
    if (compiled == null) {
      compiled = ReferencePath.compile(path);
      if (CACHE.size() < 10_000) {
        CACHE.put(path, compiled);
      }
    }
    return select(compiled);
  }

  /** Selects a compiled path from the root it names. */
  public Optional<JsonNode> select(ReferencePath path) {
    return path.select(rootOf(path));
  }

  /** The value a path starts from: the input, the context object, or a variable (null if unset). */
  public JsonNode rootOf(ReferencePath path) {
    return switch (path.root()) {
      case INPUT -> input;
      case CONTEXT -> context.get();
      case VARIABLE -> variables.apply(path.variable().orElseThrow());
    };
  }
}
