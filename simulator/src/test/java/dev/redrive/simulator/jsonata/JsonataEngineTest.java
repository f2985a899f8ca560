package dev.redrive.simulator.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.error.StatesError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonataEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-11-21T10:15:30.123Z");
  private static final UUID FIXED_UUID = UUID.fromString("0f3a8c1e-8d1b-4a62-9f0e-1c2d3e4f5a6b");

  private final JsonataEngine engine =
      new JsonataEngine(Clock.fixed(NOW, ZoneOffset.UTC), new Random(7), () -> FIXED_UUID);

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static JsonataBindings input(String inputJson) {
    return JsonataBindings.of(json("{\"input\":" + inputJson + ",\"context\":{}}"));
  }

  private String eval(String expression, String inputJson) {
    return engine.evaluate(expression, input(inputJson), "Output").toString();
  }

  private String eval(String expression) {
    return eval(expression, "{}");
  }

  @Test
  void recognisesOnlyStringsThatStartAndEndWithTheDelimiters() {
    assertThat(JsonataEngine.isExpression("{% $states.input %}")).isTrue();
    assertThat(JsonataEngine.isExpression("{%1%}")).isTrue();
    assertThat(JsonataEngine.isExpression(" {% states.input %} ")).isFalse();
    assertThat(JsonataEngine.isExpression("$states.input")).isFalse();
    assertThat(JsonataEngine.isExpression("{%}")).isFalse();
    assertThat(JsonataEngine.isExpression((String) null)).isFalse();
  }

  @Test
  void keepsIntegersIntegral() {
    assertThat(eval("{% $number(\"2\") %}")).isEqualTo("2");
    assertThat(eval("{% 10 / 5 %}")).isEqualTo("2");
    assertThat(eval("{% $sum($states.input.v) %}", "{\"v\":[1,2,3]}")).isEqualTo("6");
    assertThat(eval("{% $states.input.x * 2 %}", "{\"x\":1.5}")).isEqualTo("3");
    assertThat(eval("{% 10 / 4 %}")).isEqualTo("2.5");
    assertThat(eval("{% 0.1 + 0.2 %}")).isEqualTo("0.30000000000000004");
    assertThat(eval("{% 9007199254740993 %}")).isEqualTo("9007199254740992");
    assertThat(eval("{% $states.input.big %}", "{\"big\":12345678901234}"))
        .isEqualTo("12345678901234");
  }

  @Test
  void passesJsonNullThroughAndKeepsItDistinctFromUndefined() {
    assertThat(eval("{% null %}")).isEqualTo("null");
    assertThat(eval("{% $states.input.a %}", "{\"a\":null}")).isEqualTo("null");
    assertThat(eval("{% $states.input.a = null %}", "{\"a\":null}")).isEqualTo("true");
    assertThat(eval("{% $states.input %}", "{\"a\":null,\"b\":[null,1]}"))
        .isEqualTo("{\"a\":null,\"b\":[null,1]}");
    assertThat(eval("{% {'k': $nothing, 'm': null} %}")).isEqualTo("{\"m\":null}");
    assertThatThrownBy(() -> eval("{% $states.input.missing %}"))
        .isInstanceOf(JsonataException.class)
        .hasMessage(
            "The JSONata expression '$states.input.missing' specified for the field 'Output'"
                + " returned nothing (undefined).");
  }

  @Test
  void seesStatesAndWorkflowVariables() {
    JsonataBindings bindings =
        new JsonataBindings(
            json(
                "{\"input\":{\"a\":1},\"context\":{\"State\":{\"Name\":\"S\"}},\"result\":{\"r\":2}}"),
            Map.of("var_constant_1", json("1"), "obj", json("{\"x\":[1,2]}")));
    assertThat(engine.evaluate("{% $states.input.a + $var_constant_1 %}", bindings, "Output"))
        .isEqualTo(json("2"));
    assertThat(engine.evaluate("{% $states.context.State.Name %}", bindings, "Output"))
        .isEqualTo(json("\"S\""));
    assertThat(engine.evaluate("{% $states.result.r %}", bindings, "Output")).isEqualTo(json("2"));
    assertThat(engine.evaluate("{% $sum($obj.x) %}", bindings, "Output")).isEqualTo(json("3"));
  }

  @Test
  void evaluatesEveryExpressionOfATemplateAndKeepsTheRest() {
    JsonNode template =
        json(
            "{\"sum\":\"{% $sum($states.input.v) %}\",\"lit\":\" {% states.input %} \","
                + "\"path\":\"$states.input\",\"n\":[1,\"{% 2 %}\",null,{\"deep\":\"{% 'x' %}\"}],"
                + "\"f\":0.1,\"o\":{}}");
    JsonNode out = engine.evaluateTemplate(template, input("{\"v\":[1,2]}"), "Output");
    assertThat(out)
        .isEqualTo(
            json(
                "{\"sum\":3,\"lit\":\" {% states.input %} \",\"path\":\"$states.input\","
                    + "\"n\":[1,2,null,{\"deep\":\"x\"}],\"f\":0.1,\"o\":{}}"));
  }

  @Test
  void namesArrayElementsByIndexInLocations() {
    JsonNode template = json("{\"a\":{\"b\":[1,\"{% $nothing %}\"]}}");
    assertThatThrownBy(() -> engine.evaluateTemplate(template, input("{}"), "Output"))
        .isInstanceOfSatisfying(
            JsonataException.class, e -> assertThat(e.location()).isEqualTo("Output/a/b[1]"));
  }

  @Test
  void namesTheNestedFieldWhenATemplateExpressionReturnsNothing() {
    JsonNode template = json("{\"result\":\"{% $doesNotExist %}\"}");
    assertThatThrownBy(() -> engine.evaluateTemplate(template, input("{}"), "Output"))
        .isInstanceOfSatisfying(
            JsonataException.class,
            e -> {
              assertThat(e.location()).isEqualTo("Output/result");
              assertThat(e.expression()).isEqualTo("$doesNotExist");
              assertThat(e.toStatesError("State2", 6).cause())
                  .isEqualTo(
                      "An error occurred while executing the state 'State2' (entered at the"
                          + " event id #6). The JSONata expression '$doesNotExist' specified for"
                          + " the field 'Output/result' returned nothing (undefined).");
            });
  }

  @Test
  void reportsEvaluationErrorsWithJsonataCodeAsAwsDoes() {
    JsonNode template =
        json("{\"FunctionResult\":\"{% $randomSeeded($states.input.FunctionInput.fst) %}\"}");
    assertThatThrownBy(
            () -> engine.evaluateTemplate(template, input("{\"FunctionInput\":\"fst\"}"), "Output"))
        .isInstanceOfSatisfying(
            JsonataException.class,
            e -> {
              StatesError error = e.toStatesError("State_0", 2);
              assertThat(error.error()).isEqualTo("States.QueryEvaluationError");
              assertThat(error.cause())
                  .isEqualTo(
                      "An error occurred while executing the state 'State_0' (entered at the"
                          + " event id #2). The JSONata expression"
                          + " '$randomSeeded($states.input.FunctionInput.fst)' specified for the"
                          + " field 'Output/FunctionResult' threw an error during evaluation."
                          + " T1006: Attempted to invoke a non-function");
            });
    assertThatThrownBy(() -> eval("{% 'a' + 1 %}"))
        .hasMessageEndingWith(
            "threw an error during evaluation. T2001: The left side of the \"+\" operator must"
                + " evaluate to a number");
    assertThatThrownBy(() -> eval("{% [1, 2 %}"))
        .hasMessageContaining("threw an error during evaluation. S0203: ");
  }

  @Test
  void wordsLibraryErrorsAsJsonataJsAndAwsDo() {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry(
                "$sum(['a'])",
                "T0412: Argument 1 of function \"sum\" must be an array of \"numbers\""),
            Map.entry(
                "[1,2] ~> $join()",
                "T0412: Argument 1 of function \"join\" must be an array of \"strings\""),
            Map.entry(
                "$abs('x')",
                "T0410: Argument 1 of function \"abs\" does not match function signature"),
            Map.entry(
                "'a' < 1",
                "T2009: The values \"a\" and 1 either side of operator \"<\" must be of the same"
                    + " data type"),
            Map.entry(
                "$sqrt(-1)", "D3060: The sqrt function cannot be applied to a negative number: -1"),
            Map.entry("-'a'", "D1002: Cannot negate a non-numeric value: \"a\""),
            Map.entry("$number('abc')", "D3030: Unable to cast value to a number: \"abc\""),
            Map.entry(
                "$replace('a', '', 'b')",
                "D3010: Second argument of replace function cannot be an empty string"),
            Map.entry(
                "$single([1,2])",
                "D3138: The $single() function expected exactly 1 matching result.  Instead it"
                    + " matched more."),
            Map.entry("$error('boom')", "D3137: boom"),
            Map.entry("sum(1)", "T1005: Attempted to invoke a non-function. Did you mean $sum?"),
            Map.entry(
                "$toMillis('x')",
                "D3110: The argument of the toMillis function must be an ISO 8601 formatted"
                    + " timestamp. Given \"x\""),
            Map.entry(
                "$sort([{'a':1},{'a':2}])",
                "D3070: The single argument form of the sort function can only be applied to an"
                    + " array of strings or an array of numbers.  Use the second argument to"
                    + " specify a comparison function"));
    expected.forEach(
        (expression, error) ->
            assertThatThrownBy(() -> eval("{% " + expression + " %}"))
                .as(expression)
                .hasMessageEndingWith("threw an error during evaluation. " + error));
  }

  @Test
  void rejectsFunctionsAndRegexesAsResults() {
    assertThatThrownBy(() -> engine.evaluate("{% $fn := function($x){$x} %}", input("{}"), "Items"))
        .hasMessage(
            "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items'"
                + " returned an unsupported result type.");
    assertThatThrownBy(() -> eval("{% $sum %}")).hasMessageEndingWith("unsupported result type.");
    assertThatThrownBy(() -> eval("{% /abc/ %}")).hasMessageEndingWith("unsupported result type.");
  }

  @Test
  void checksTheResultTypeAFieldNeeds() {
    assertThat(engine.evaluateAs("{% [1, 'two', 3] %}", input("{}"), "Items", JsonataType.ARRAY))
        .isEqualTo(json("[1,\"two\",3]"));
    assertThatThrownBy(
            () ->
                engine.evaluateAs("{% {'foo': 'bar'} %}", input("{}"), "Items", JsonataType.ARRAY))
        .hasMessage(
            "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an"
                + " unexpected result type. Expected 'array', but was 'object' for value:"
                + " {\"foo\":\"bar\"}");
    assertThatThrownBy(
            () -> engine.evaluateAs("{% 'string' %}", input("{}"), "Items", JsonataType.ARRAY))
        .hasMessageEndingWith("Expected 'array', but was 'string' for value: \"string\"");
    assertThatThrownBy(
            () -> engine.evaluateAs("{% null %}", input("{}"), "Items", JsonataType.ARRAY))
        .hasMessageEndingWith("Expected 'array', but was 'null' for value: null");
  }

  @Test
  void wordsTheMapInputAndTimestampFailuresAsAws() {
    assertThat(
            JsonataException.mapInputNotArray(json("1"))
                .toStatesError("MapIterateState", 4)
                .cause())
        .isEqualTo(
            "An error occurred while executing the state 'MapIterateState' (entered at the event"
                + " id #4). Map state input must be an array but was: 1");
    assertThat(JsonataException.mapInputNotArray(json("null")).location()).isEmpty();
    JsonataException timestamp = JsonataException.invalidTimestamp("2016-12-05 21:29:29Z");
    assertThat(timestamp.location()).isEqualTo("Timestamp");
    assertThat(timestamp.detail())
        .isEqualTo(
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format"
                + " string: 2016-12-05 21:29:29Z");
  }

  @Test
  void partitionsArrays() {
    assertThat(eval("{% $partition([1,2,3,4,5,6,7,8,9], 3) %}"))
        .isEqualTo("[[1,2,3],[4,5,6],[7,8,9]]");
    assertThat(eval("{% $partition([0], 4) %}")).isEqualTo("[[0]]");
    assertThat(eval("{% $partition([0,1,2,3], 3) %}")).isEqualTo("[[0,1,2],[3]]");
    assertThat(eval("{% $partition([0,1,2,3], 2.9) %}")).isEqualTo("[[0,1],[2,3]]");
    assertThatThrownBy(() -> eval("{% $partition('x', 3) %}"))
        .hasMessageEndingWith(
            "T0410: Argument 1 of function \"partition\" does not match function signature");
  }

  @Test
  void generatesInclusiveRangesAndUnwrapsASingleNumber() {
    assertThat(eval("{% $range(0, 10, 3) %}")).isEqualTo("[0,3,6,9]");
    assertThat(eval("{% $range(0, 10, 2) %}")).isEqualTo("[0,2,4,6,8,10]");
    assertThat(eval("{% $range(1, 9, 9) %}")).isEqualTo("1");
    assertThat(eval("{% $range(5, 1, -2) %}")).isEqualTo("[5,3,1]");
    assertThat(eval("{% $range(-1.7, 2, 1) %}")).isEqualTo("[-1,0,1,2]");
    assertThat(engine.evaluate("{% $range(1, 360145, 1) %}", input("{}"), "Output").size())
        .isEqualTo(360145);
    assertThatThrownBy(() -> eval("{% $range(1, 360146, 1) %}"))
        .hasMessageEndingWith(
            "threw an error during evaluation: Expression evaluation memory limit exceeded");
  }

  @Test
  void answersUndefinedWhereAwsDoes() {
    for (String expression :
        List.of(
            "{% $range(1, 5) %}",
            "{% $range(1, 5, 0) %}",
            "{% $range(5, 1, 1) %}",
            "{% $partition([], 2) %}",
            "{% $partition([1, 2], 0) %}",
            "{% $hash('abc') %}",
            "{% $hash($states.input.missing, 'MD5') %}",
            "{% $parse($states.input.missing) %}",
            "{% $partition($states.input.missing, 2) %}",
            "{% $range($states.input.missing, 2, 1) %}")) {
      assertThatThrownBy(() -> eval(expression))
          .as(expression)
          .hasMessageEndingWith("returned nothing (undefined).");
    }
  }

  @Test
  void countsJsonNullAsOneValue() {
    assertThat(eval("{% $count($states.input.a) %}", "{\"a\":null}")).isEqualTo("1");
    assertThat(eval("{% $count($states.input.a) %}", "{\"a\":[1,null]}")).isEqualTo("2");
    assertThat(eval("{% $count($states.input.missing) %}")).isEqualTo("0");
    assertThat(eval("{% $count($states.input) %}")).isEqualTo("1");
  }

  @Test
  void boundsEvaluationDepthAsAws() {
    String hundred = "{% " + String.join("+", Collections.nCopies(100, "1")) + " %}";
    String hundredAndOne = "{% " + String.join("+", Collections.nCopies(101, "1")) + " %}";
    assertThat(eval(hundred)).isEqualTo("100");
    assertThatThrownBy(() -> eval(hundredAndOne))
        .hasMessageContaining(
            "threw an error during evaluation: Stack overflow error: Check for non-terminating"
                + " recursive function.  Consider rewriting as tail-recursive. Depth=101 max=100");
  }

  @Test
  void hashesWithTheIntrinsicAlgorithms() {
    assertThat(eval("{% $hash('input data', 'SHA-1') %}"))
        .isEqualTo("\"aaff4a450a104cd177d28d18d74485e8cae074b7\"");
    assertThat(eval("{% $hash('input data', 'MD5') %}"))
        .isEqualTo("\"812f45842bc6d66ee14572ce20db8e86\"");
  }

  @Test
  void parsesJsonStrings() {
    assertThat(eval("{% $parse($states.input.s) %}", "{\"s\":\"1\"}")).isEqualTo("1");
    assertThat(eval("{% $parse($states.input.s) %}", "{\"s\":\"1.1\"}")).isEqualTo("1.1");
    assertThat(eval("{% $parse($states.input.s) %}", "{\"s\":\"\\\"HelloWorld\\\"\"}"))
        .isEqualTo("\"HelloWorld\"");
    assertThat(eval("{% $parse($states.input.s) %}", "{\"s\":\"[1, 2, \\\"HelloWorld\\\"]\"}"))
        .isEqualTo("[1,2,\"HelloWorld\"]");
    assertThat(eval("{% $parse('{\"a\": null}') %}")).isEqualTo("{\"a\":null}");
    assertThat(eval("{% $parse('null') %}")).isEqualTo("null");
    assertThat(eval("{% $parse('-0') %}")).isEqualTo("0");
    for (String invalid : List.of("''", "'1 2'", "'{'")) {
      assertThatThrownBy(() -> eval("{% $parse(" + invalid + ") %}"))
          .as(invalid)
          .hasMessageContaining("threw an error during evaluation.");
    }
  }

  @Test
  void drawsRandomNumbersRepeatablyForASeed() {
    JsonNode first = engine.evaluate("{% $random(42) %}", input("{}"), "Output");
    JsonNode second = engine.evaluate("{% $random(42) %}", input("{}"), "Output");
    assertThat(first).isEqualTo(second);
    assertThat(first.doubleValue()).isBetween(0.0, 1.0);
    assertThat(engine.evaluate("{% $random() %}", input("{}"), "Output").doubleValue())
        .isBetween(0.0, 1.0);
  }

  @Test
  void readsUuidAndTimeFromTheInjectedSources() {
    assertThat(eval("{% $uuid() %}")).isEqualTo("\"" + FIXED_UUID + "\"");
    assertThat(eval("{% $now() %}")).isEqualTo("\"2024-11-21T10:15:30.123Z\"");
    assertThat(eval("{% $millis() %}")).isEqualTo(String.valueOf(NOW.toEpochMilli()));
  }

  @Test
  void doesNotOfferEval() {
    assertThatThrownBy(() -> eval("{% $eval('1 + 1') %}"))
        .hasMessageEndingWith("T1006: Attempted to invoke a non-function");
  }

  @Test
  void supportsAwsDocumentedExpressions() {
    assertThat(eval("{% $contains(\"hello$world\", /^hello\\$/) %}")).isEqualTo("true");
    assertThat(eval("{% $contains('hello$world', /^hello\\ /) %}")).isEqualTo("false");
    assertThat(
            eval(
                "{% $merge([$states.input.part1, $states.input.part2]) %}",
                "{\"part1\":{\"hello\":\"world\"},\"part2\":{\"foo\":\"bar\"}}"))
        .isEqualTo("{\"hello\":\"world\",\"foo\":\"bar\"}");
    assertThat(eval("{% $variable := 1 %}")).isEqualTo("1");
    assertThat(eval("{% $states.input = '\"' %}", "\"\\\"\"")).isEqualTo("true");
  }

  @Test
  void buildsStatesForResultsAndCaughtErrors() {
    JsonataBindings state =
        JsonataBindings.forState(json("{\"a\":1}"), json("{\"State\":{\"Name\":\"T\"}}"), Map.of());
    JsonataBindings afterTask = state.withResult(json("{\"r\":2}"));
    JsonataBindings caught = state.withErrorOutput(json("{\"Error\":\"E\",\"Cause\":\"c\"}"));
    assertThat(engine.evaluate("{% [$states.input.a, $states.result.r] %}", afterTask, "Output"))
        .isEqualTo(json("[1,2]"));
    assertThat(engine.evaluate("{% $states.errorOutput.Error %}", caught, "Output"))
        .isEqualTo(json("\"E\""));
    assertThat(state.states().has("result")).isFalse();
    assertThatThrownBy(() -> engine.evaluate("{% $states.result %}", state, "Output"))
        .hasMessageEndingWith("returned nothing (undefined).");
  }

  @Test
  void evaluatesTheSameExpressionFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonNode>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        JsonataBindings b = input("{\"n\":" + i + "}");
        results.add(pool.submit(() -> engine.evaluate("{% $states.input.n * 2 %}", b, "Output")));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get().intValue()).isEqualTo(i * 2);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAStringThatIsNotAnExpression() {
    assertThatThrownBy(() -> eval("$states.input")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findsReferencesToTheTopLevelContextForValidation() {
    Map<String, String> refused =
        Map.of(
            "phone", "Reference to 'phone' at the top level is not supported.",
            "a.b", "Reference to 'a' at the top level is not supported.",
            "{'a': b}", "Reference to 'b' at the top level is not supported.",
            "$map($states.input.a, function($x){ b })",
                "Reference to 'b' at the top level is not supported.",
            "($x := 1; c)", "Reference to 'c' at the top level is not supported.",
            "$$", "Reference to '$$' is not supported.",
            "$states.input = $$.x", "Reference to '$$' is not supported.");
    refused.forEach(
        (expression, message) ->
            assertThat(engine.unsupportedReference("{% " + expression + " %}"))
                .as(expression)
                .contains(message));
    for (String fine :
        List.of(
            "$states.input.phone",
            "$states.input.items[value > 3]",
            "$states.input.(a + b)",
            "$states.input^(a)",
            "$states.input{a: b}",
            "$x.y",
            "$map($states.input.a, function($v){ $v.b })",
            "[1, 'two', 3]")) {
      assertThat(engine.unsupportedReference("{% " + fine + " %}")).as(fine).isEmpty();
    }
  }

  @Test
  void reportsSyntaxErrorsForValidation() {
    assertThat(engine.syntaxError("{% $states.input %}")).isEmpty();
    assertThat(engine.syntaxError("{% [1, 2 %}")).get().asString().startsWith("S0203: ");
  }
}
