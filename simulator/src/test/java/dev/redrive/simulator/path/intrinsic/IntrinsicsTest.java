package dev.redrive.simulator.path.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.redrive.simulator.error.StatesError;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing, escaping and the functions whose result is random. */
class IntrinsicsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestResolver EMPTY = TestResolver.of(JSON.createObjectNode());

  private static JsonNode eval(String expression) {
    return Intrinsics.parse(expression).evaluate(EMPTY);
  }

  @Test
  void recognisesIntrinsicsByTheirPrefix() {
    assertThat(Intrinsics.isIntrinsic("States.Format('x')")).isTrue();
    assertThat(Intrinsics.isIntrinsic("$.States")).isFalse();
    assertThat(Intrinsics.isIntrinsic("states.Format('x')")).isFalse();
    assertThat(Intrinsics.isIntrinsic(null)).isFalse();
  }

  @Test
  void unescapesStringLiterals() {
    assertThat(eval("States.Array('it\\'s', '\\{\\}', 'back\\\\slash')"))
        .containsExactly(
            TextNode.valueOf("it's"), TextNode.valueOf("{}"), TextNode.valueOf("back\\slash"));
  }

  @Test
  void keepsUnescapedBracesOutsideFormatAsText() {
    assertThat(eval("States.Array('{}', '{', '}')"))
        .containsExactly(TextNode.valueOf("{}"), TextNode.valueOf("{"), TextNode.valueOf("}"));
  }

  @Test
  void keepsSpecialCharactersInsideStringLiterals() {
    assertThat(eval("States.StringSplit('a,b)c $.x', ')')"))
        .containsExactly(TextNode.valueOf("a,b"), TextNode.valueOf("c $.x"));
  }

  @Test
  void allowsWhitespaceAroundArguments() {
    assertThat(eval("States.MathAdd(  1 ,2  )")).isEqualTo(IntNode.valueOf(3));
    assertThat(eval("States.Array( )")).isEmpty();
  }

  @Test
  void parsesNumbersBooleansAndNull() throws Exception {
    assertThat(eval("States.Array(-1, 0.5, 1e2, 12345678901, true, false, null)"))
        .isEqualTo(JSON.readTree("[-1, 0.5, 100.0, 12345678901, true, false, null]"));
  }

  @Test
  void namesTheCallInItsText() {
    IntrinsicCall call = Intrinsics.parse("States.ArrayLength(States.Array(1))");
    assertThat(call.functionName()).isEqualTo("States.ArrayLength");
    assertThat(call).hasToString("States.ArrayLength(States.Array(1))");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "States.Nope(1)|unknown function 'States.Nope'",
        "States.format('x')|unknown function 'States.format'",
        "States.ArrayLength(1, 2)|the function States.ArrayLength takes 1 argument(s), but 2 were"
            + " given",
        "States.UUID(1)|the function States.UUID takes 0 argument(s), but 1 were given",
        "States.MathRandom(1)|the function States.MathRandom takes 2 to 3 argument(s)",
        "States.Format()|the function States.Format takes at least 1 argument(s)",
        "States.Array('open|unterminated string literal",
        "States.Array('a\\nb')|a backslash in a string literal must escape one of the characters",
        "States.Array(1|expected ')', found the end of the text",
        "States.Array(1))|unexpected text after the closing parenthesis",
        "States.Array(1,)|expected an argument",
        "States.Array(nope)|expected an argument",
        "States.Array(-)|invalid number",
        "States.Array 1|expected '('",
      })
  void rejectsInvalidCalls(String expression, String problem) {
    assertThatThrownBy(() -> Intrinsics.parse(expression))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
              assertThat(e.cause())
                  .startsWith(
                      "The value '" + expression + "' is not a valid intrinsic function call: ")
                  .contains(problem);
            });
  }

  @Test
  void evaluatesTheSameCallFromManyThreads() throws Exception {
    IntrinsicCall call = Intrinsics.parse("States.Format('{}-{}', $.a, States.MathAdd($.b, 1))");
    AtomicInteger mismatches = new AtomicInteger();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  TestResolver input =
                      TestResolver.of(JSON.createObjectNode().put("a", id).put("b", i));
                  if (!call.evaluate(input).asText().equals(id + "-" + (i + 1))) {
                    mismatches.incrementAndGet();
                  }
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(mismatches).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0, 0", "0, 1", "9999, 99999", "-99999, -9999", "1.5, 3.4"})
  void drawsRandomNumbersFromStartToEnd(String range) {
    IntrinsicCall call = Intrinsics.parse("States.MathRandom(" + range + ")");
    String[] bounds = range.split(", ");
    long start = Math.round(Double.parseDouble(bounds[0]));
    long end = Math.round(Double.parseDouble(bounds[1]));
    for (int i = 0; i < 200; i++) {
      JsonNode value = call.evaluate(EMPTY);
      assertThat(value.isInt()).isTrue();
      assertThat(value.asLong()).isBetween(start, end);
    }
  }

  @Test
  void seededRandomNumbersRepeat() {
    IntrinsicCall call = Intrinsics.parse("States.MathRandom(1, 1000, 42)");
    JsonNode first = call.evaluate(EMPTY);
    for (int i = 0; i < 10; i++) {
      assertThat(call.evaluate(EMPTY)).isEqualTo(first);
    }
  }

  @Test
  void rejectsARandomRangeEndingBeforeItsStart() {
    assertThatThrownBy(() -> eval("States.MathRandom(5, 4)"))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining(
            "The end of States.MathRandom (4) must not be less than its start (5)");
  }

  @Test
  void generatesVersion4Uuids() {
    IntrinsicCall call = Intrinsics.parse("States.UUID()");
    String first = call.evaluate(EMPTY).asText();
    UUID uuid = UUID.fromString(first);
    assertThat(uuid.version()).isEqualTo(4);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(call.evaluate(EMPTY).asText()).isNotEqualTo(first);
  }

  @Test
  void drawsFromTheGivenRandomSource() {
    IntrinsicCall call = Intrinsics.parse("States.Array(States.UUID(), States.MathRandom(0, 100))");
    assertThat(call.evaluate(EMPTY, new Random(7))).isEqualTo(call.evaluate(EMPTY, new Random(7)));
  }
}
