package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.Nesting;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recursive-descent parser for one intrinsic call. Grammar:
 *
 * <pre>
 * call     = "States." name "(" [ argument { "," argument } ] ")"
 * argument = string | number | "true" | "false" | "null" | path | call
 * string   = "'" { character | "\'" | "\{" | "\}" | "\\" } "'"
 * path     = "$" ... up to the next "," or ")" outside brackets and quotes
 * </pre>
 *
 * Whitespace is allowed around arguments. Not thread-safe; one instance parses one expression.
 */
final class IntrinsicParser {
  private final String text;
  private int position;

  IntrinsicParser(String text) {
    this.text = Objects.requireNonNull(text, "expression");
  }

  IntrinsicCall parse() {
    // The parser and the evaluator recurse once per nested call: bound the depth first.
    int tooDeep = Nesting.tooDeepAt(text, "'\"");
    if (tooDeep >= 0) {
      throw invalid(Nesting.problem(tooDeep));
    }
    IntrinsicCall call = parseCall();
    skipWhitespace();
    if (position != text.length()) {
      throw error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  private IntrinsicCall parseCall() {
    int start = position;
    if (!text.startsWith(Intrinsics.PREFIX, position)) {
      throw error("expected a function name starting with 'States.'");
    }
    position += Intrinsics.PREFIX.length();
    while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
      position++;
    }
    String name = text.substring(start, position);
    IntrinsicFunction function =
        IntrinsicFunction.named(name).orElseThrow(() -> invalid("unknown function '" + name + "'"));
    skipWhitespace();
    expect('(');
    List<Argument> arguments = new ArrayList<>();
    skipWhitespace();
    if (peek() != ')') {
      do {
        skipWhitespace();
        arguments.add(parseArgument());
        skipWhitespace();
      } while (consume(','));
    }
    expect(')');
    if (!function.accepts(arguments.size())) {
      throw invalid(
          "the function "
              + name
              + " takes "
              + function.arity()
              + " argument(s), but "
              + arguments.size()
              + " were given");
    }
    return new IntrinsicCall(text.substring(start, position), function, arguments);
  }

  private Argument parseArgument() {
    char c = peek();
    if (c == '\'') {
      return parseString();
    }
    if (c == '$') {
      return new Argument.Path(parsePath());
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return new Argument.Literal(parseNumber());
    }
    if (text.startsWith(Intrinsics.PREFIX, position)) {
      return new Argument.Call(parseCall());
    }
    if (keyword("true")) {
      return new Argument.Literal(BooleanNode.TRUE);
    }
    if (keyword("false")) {
      return new Argument.Literal(BooleanNode.FALSE);
    }
    if (keyword("null")) {
      return new Argument.Literal(NullNode.getInstance());
    }
    throw error(
        "expected an argument (a string in single quotes, a number, true, false, null, a path"
            + " or an intrinsic function)");
  }

  private Argument parseString() {
    int start = position;
    position++; // opening quote
    StringBuilder value = new StringBuilder();
    StringBuilder piece = new StringBuilder();
    List<String> template = new ArrayList<>();
    while (true) {
      if (position >= text.length()) {
        position = start;
        throw error("unterminated string literal");
      }
      char c = text.charAt(position++);
      if (c == '\'') {
        break;
      }
      if (c == '\\') {
        char escaped = position < text.length() ? text.charAt(position) : '\0';
        if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
          position--;
          throw error("a backslash in a string literal must escape one of the characters ' { } \\");
        }
        position++;
        value.append(escaped);
        piece.append(escaped);
      } else if (c == '{' && position < text.length() && text.charAt(position) == '}') {
        position++;
        value.append("{}");
        template.add(piece.toString());
        piece.setLength(0);
      } else {
        value.append(c);
        piece.append(c);
      }
    }
    template.add(piece.toString());
    return new Argument.StringLiteral(value.toString(), template);
  }

  private String parsePath() {
    int start = position;
    int depth = 0;
    char quote = 0;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (quote != 0) {
        if (c == '\\') {
          position++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || (c == ')' && depth > 0)) {
        depth--;
      } else if (depth == 0 && (c == ',' || c == ')')) {
        break;
      }
      position++;
    }
    return text.substring(start, position).strip();
  }

  private JsonNode parseNumber() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    int digits = skipDigits();
    boolean integral = true;
    if (peek() == '.') {
      position++;
      integral = false;
      digits += skipDigits();
    }
    if (digits > 0 && (peek() == 'e' || peek() == 'E')) {
      position++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      if (skipDigits() == 0) {
        digits = 0;
      }
    }
    if (digits == 0) {
      position = start;
      throw error("invalid number");
    }
    String number = text.substring(start, position);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (!integral) {
      double value = Double.parseDouble(number);
      if (Double.isInfinite(value)) {
        position = start;
        throw error("number out of range");
      }
      return nodes.numberNode(value);
    }
    BigDecimal value = new BigDecimal(number);
    try {
      return nodes.numberNode(value.intValueExact());
    } catch (ArithmeticException notAnInt) {
      try {
        return nodes.numberNode(value.longValueExact());
      } catch (ArithmeticException notALong) {
        return nodes.numberNode(value.toBigIntegerExact());
      }
    }
  }

  private int skipDigits() {
    int start = position;
    while (position < text.length()
        && text.charAt(position) >= '0'
        && text.charAt(position) <= '9') {
      position++;
    }
    return position - start;
  }

  private boolean keyword(String word) {
    if (!text.startsWith(word, position)) {
      return false;
    }
    int end = position + word.length();
    if (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
      return false;
    }
    position = end;
    return true;
  }

  private boolean consume(char c) {
    if (peek() != c) {
      return false;
    }
    position++;
    return true;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    position++;
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private void skipWhitespace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private StatesError error(String expected) {
    String found =
        position < text.length() ? "'" + text.charAt(position) + "'" : "the end of the text";
    return invalid(expected + ", found " + found + " at position " + position);
  }

  private StatesError invalid(String detail) {
    return StatesError.runtime(
        "The value '" + text + "' is not a valid intrinsic function call: " + detail);
  }
}
