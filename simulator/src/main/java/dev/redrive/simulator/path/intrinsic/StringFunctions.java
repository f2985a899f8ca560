package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** {@code States.Format}, {@code States.StringSplit} and {@code States.UUID}. */
final class StringFunctions {
  private StringFunctions() {}

  /**
   * The template (first argument) with each {@code {}} replaced by the next argument. "There must
   * be as many remaining arguments in the Invocation as there are occurrences of {}."
   */
  static JsonNode format(Arguments args) {
    List<String> pieces;
    if (args.parsed(0) instanceof Argument.StringLiteral literal) {
      pieces = literal.template();
    } else {
      pieces = split(args.string(0));
    }
    int placeholders = pieces.size() - 1;
    if (placeholders != args.size() - 1) {
      throw args.fail(
          "The number of arguments given to States.Format ("
              + (args.size() - 1)
              + ") does not match the number of {} placeholders in its template ("
              + placeholders
              + ")");
    }
    StringBuilder out = new StringBuilder(pieces.get(0));
    for (int i = 1; i < pieces.size(); i++) {
      out.append(JsonValues.formatted(args.value(i))).append(pieces.get(i));
    }
    return TextNode.valueOf(out.toString());
  }

  /** A template taken from a path: every {@code {}} is a placeholder. */
  private static List<String> split(String template) {
    List<String> pieces = new ArrayList<>();
    int from = 0;
    for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
      pieces.add(template.substring(from, at));
      from = at + 2;
    }
    pieces.add(template.substring(from));
    return pieces;
  }

  /**
   * The string cut at every occurrence of any character of the delimiter string, with empty parts
   * dropped: {@code States.StringSplit(', , ,', ',')} is {@code [" ", " "]}.
   */
  static JsonNode split(Arguments args) {
    String value = args.string(0);
    String delimiters = args.string(1);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (delimiters.isEmpty()) {
      if (!value.isEmpty()) {
        out.add(value);
      }
      return out;
    }
    StringTokenizer tokens = new StringTokenizer(value, delimiters);
    while (tokens.hasMoreTokens()) {
      out.add(tokens.nextToken());
    }
    return out;
  }

  /** A version 4 UUID drawn from the evaluation's random source. */
  static JsonNode uuid(Arguments args) {
    RandomGenerator random = args.random();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return TextNode.valueOf(new UUID(most, least).toString());
  }
}
