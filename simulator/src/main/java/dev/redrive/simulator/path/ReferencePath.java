package dev.redrive.simulator.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.redrive.simulator.error.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSONPath compiled once: {@code $...} over the input, {@code $$...} over the context object,
 * {@code $name...} over the variable {@code name}.
 *
 * <p>Simple paths ({@code $.a.b[0]['c']}) are walked directly; anything else ({@code ..}, {@code
 * *}, filters, slices, functions) goes to Jayway JsonPath, the library whose messages AWS reports
 * ({@code No results for path: $['x']}).
 */
public final class ReferencePath {
  /** Where a path starts. */
  public enum Root {
    INPUT,
    CONTEXT,
    VARIABLE
  }

  static final Configuration JAYWAY =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();

  private final String text;
  private final Root root;
  private final String variable;
  private final Object[] segments; // String or Integer, when simple
  private final JsonPath complex; // over the root value, when not simple

  private ReferencePath(
      String text, Root root, String variable, Object[] segments, JsonPath complex) {
    this.text = text;
    this.root = root;
    this.variable = variable;
    this.segments = segments;
    this.complex = complex;
  }

  /**
   * Compiles a path.
   *
   * @throws StatesError {@code States.Runtime} when it is not a valid path
   */
  public static ReferencePath compile(String text) {
    if (text == null || !text.startsWith("$")) {
      throw StatesError.runtime("Invalid path '" + text + "'");
    }
    Root root;
    String variable = null;
    String rest;
    if (text.startsWith("$$")) {
      root = Root.CONTEXT;
      rest = text.substring(2);
    } else if (text.length() > 1 && isNameStart(text.charAt(1))) {
      root = Root.VARIABLE;
      int end = 1;
      while (end < text.length() && isNamePart(text.charAt(end))) {
        end++;
      }
      variable = text.substring(1, end);
      rest = text.substring(end);
    } else {
      root = Root.INPUT;
      rest = text.substring(1);
    }
    Object[] segments = parseSimple(rest);
    JsonPath complex = null;
    if (segments == null) {
      // Jayway's filter parser recurses once per nested bracket: bound the depth first.
      int tooDeep = Nesting.tooDeepAt(text, "'\"");
      if (tooDeep >= 0) {
        throw StatesError.runtime("Invalid path '" + text + "' : " + Nesting.problem(tooDeep));
      }
      try {
        complex = JsonPath.compile("$" + rest);
      } catch (InvalidPathException e) {
        throw StatesError.runtime("Invalid path '" + text + "' : " + e.getMessage());
      }
    }
    return new ReferencePath(text, root, variable, segments, complex);
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Parses {@code .a['b'][0]}; null when the path needs the full JSONPath engine. */
  private static Object[] parseSimple(String rest) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    int n = rest.length();
    while (i < n) {
      char c = rest.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && rest.charAt(i) != '.' && rest.charAt(i) != '[') {
          char d = rest.charAt(i);
          if (d == '*' || d == '(' || d == ')' || d == '@' || d == '?' || d == ' ') {
            return null;
          }
          i++;
        }
        if (i == start) {
          return null; // ".." or trailing dot
        }
        out.add(rest.substring(start, i));
      } else if (c == '[') {
        int close = rest.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inner = rest.substring(i + 1, close);
        if (inner.length() >= 2
            && (inner.charAt(0) == '\'' && inner.charAt(inner.length() - 1) == '\''
                || inner.charAt(0) == '"' && inner.charAt(inner.length() - 1) == '"')) {
          // taken literally, backslashes included, as AWS reads it; the quote itself must not recur
          String name = inner.substring(1, inner.length() - 1);
          if (name.indexOf(inner.charAt(0)) >= 0) {
            return null;
          }
          out.add(name);
        } else if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
          out.add(Integer.valueOf(inner));
        } else {
          return null;
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return out.toArray();
  }

  /** The path as written. */
  public String text() {
    return text;
  }

  /** Where the path starts. */
  public Root root() {
    return root;
  }

  /** The variable name, for {@link Root#VARIABLE} paths. */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }

  /** True when the path is just the root ({@code $}, {@code $$} or {@code $name}). */
  public boolean isRoot() {
    return segments != null && segments.length == 0;
  }

  /** True when the path can select several values (and so yields an array). */
  public boolean isDefinite() {
    return complex == null || complex.isDefinite();
  }

  /**
   * Selects from a root value.
   *
   * @return the selected value, or empty when nothing matches
   */
  public Optional<JsonNode> select(JsonNode rootValue) {
    if (rootValue == null) {
      return Optional.empty();
    }
    if (segments != null) {
      JsonNode cur = rootValue;
      for (Object s : segments) {
        if (s instanceof String name) {
          if (!cur.isObject()) {
            return Optional.empty();
          }
          cur = cur.get(name);
        } else {
          if (!cur.isArray()) {
            return Optional.empty();
          }
          cur = cur.get((Integer) s);
        }
        if (cur == null) {
          return Optional.empty();
        }
      }
      return Optional.of(cur);
    }
    try {
      JsonNode out = complex.read(rootValue, JAYWAY);
      return Optional.ofNullable(out);
    } catch (PathNotFoundException e) {
      return complex.isDefinite()
          ? Optional.empty()
          : Optional.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Selects from a root value, failing as AWS does when nothing matches: {@code Invalid path '$.x'
   * : No results for path: $['x']}.
   */
  public JsonNode require(JsonNode rootValue) {
    Optional<JsonNode> out = select(rootValue);
    if (out.isPresent()) {
      return out.get();
    }
    throw StatesError.runtime("Invalid path '" + text + "' : " + missMessage(rootValue));
  }

  /** Jayway's own message for a path that selects nothing, as AWS quotes it. */
  public String missMessage(JsonNode rootValue) {
    String rest = text.substring(text.length() - restLength());
    try {
      JsonPath.compile("$" + rest).read(rootValue, JAYWAY);
      return "No results for path: " + normalized();
    } catch (PathNotFoundException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private int restLength() {
    return switch (root) {
      case INPUT -> text.length() - 1;
      case CONTEXT -> text.length() - 2;
      case VARIABLE -> text.length() - 1 - variable.length();
    };
  }

  /** The path in Jayway's bracket notation, e.g. {@code $['a'][0]}. */
  public String normalized() {
    if (segments == null) {
      return text;
    }
    StringBuilder sb = new StringBuilder("$");
    for (Object s : segments) {
      if (s instanceof String name) {
        sb.append("['").append(name).append("']");
      } else {
        sb.append('[').append(s).append(']');
      }
    }
    return sb.toString();
  }

  /** The segments of a simple path (names and indexes), or null when the path is not simple. */
  Object[] segments() {
    return segments;
  }

  @Override
  public String toString() {
    return text;
  }
}
