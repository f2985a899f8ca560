package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.redrive.simulator.path.PathResolver;
import java.util.Map;
import java.util.Optional;

/**
 * A small reference-path evaluator for tests: {@code $}, {@code .name}, {@code ['name']} and {@code
 * [index]} steps over the input ({@code $...}), the context object ({@code $$...}) or a variable
 * ({@code $name...}). Enough for the Choice rules of the corpus; the simulator's real resolver
 * lives in the {@code path} package.
 */
final class TestPathResolver implements PathResolver {
  private final JsonNode input;
  private final JsonNode context;
  private final Map<String, JsonNode> variables;

  TestPathResolver(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    this.input = input;
    this.context = context;
    this.variables = Map.copyOf(variables);
  }

  static TestPathResolver of(JsonNode input) {
    return new TestPathResolver(input, MissingNode.getInstance(), Map.of());
  }

  @Override
  public Optional<JsonNode> resolve(String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("not a reference path: " + path);
    }
    JsonNode node;
    int i;
    if (path.startsWith("$$")) {
      node = context;
      i = 2;
    } else if (path.length() > 1 && path.charAt(1) != '.' && path.charAt(1) != '[') {
      int end = 1;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      node = variables.get(path.substring(1, end));
      if (node == null) {
        return Optional.empty();
      }
      i = end;
    } else {
      node = input;
      i = 1;
    }
    while (i < path.length() && node != null && !node.isMissingNode()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        node = node.isObject() ? node.get(path.substring(i + 1, end)) : null;
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        String inner = path.substring(i + 1, close);
        if (inner.startsWith("'")) {
          node = node.isObject() ? node.get(inner.substring(1, inner.length() - 1)) : null;
        } else {
          int index = Integer.parseInt(inner);
          node = node.isArray() ? node.get(index) : null;
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unsupported path syntax: " + path);
      }
    }
    if (node == null || node.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(node.isNull() ? NullNode.getInstance() : node);
  }
}
