package dev.redrive.simulator.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String out(Object value) {
    return Values.toJson(value).map(JsonNode::toString).orElse("<undefined>");
  }

  @Test
  void printsIntegralNumbersWithoutFraction() {
    assertThat(out(2.0)).isEqualTo("2");
    assertThat(out(-0.0)).isEqualTo("0");
    assertThat(out(3_000_000_000.0)).isEqualTo("3000000000");
    assertThat(out(1e20)).isEqualTo("100000000000000000000");
    assertThat(out(1e21)).isEqualTo("1.0E21");
    assertThat(out(2.5)).isEqualTo("2.5");
    assertThat(out(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
    assertThat(out(BigInteger.TEN.pow(25))).isEqualTo("10000000000000000000000000");
  }

  @Test
  void writesNonFiniteNumbersAsTheirNames() {
    assertThat(out(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
    assertThat(out(Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    assertThat(out(Double.NaN)).isEqualTo("\"NaN\"");
  }

  @Test
  void tellsJsonNullFromUndefined() throws Exception {
    assertThat(out(null)).isEqualTo("<undefined>");
    assertThat(out(Jsonata.NULL_VALUE)).isEqualTo("null");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", Jsonata.NULL_VALUE);
    map.put("b", null);
    assertThat(out(map)).isEqualTo("{\"a\":null,\"b\":null}");
    assertThat(Values.toJava(JSON.readTree("null"))).isSameAs(Jsonata.NULL_VALUE);
    assertThat(Values.toJava(JSON.readTree("{\"a\":null}")))
        .isEqualTo(Map.of("a", Jsonata.NULL_VALUE));
  }

  @Test
  void keepsIntegersExactWhileTheyFitInALong() throws Exception {
    assertThat(Values.toJava(JSON.readTree("1"))).isEqualTo(1);
    assertThat(Values.toJava(JSON.readTree("9007199254740993"))).isEqualTo(9007199254740993L);
    assertThat(Values.toJava(JSON.readTree("18446744073709551616")))
        .isEqualTo(1.8446744073709552E19);
    assertThat(Values.toJava(JSON.readTree("1.5"))).isEqualTo(1.5);
  }

  @Test
  void roundTripsStructures() throws Exception {
    JsonNode node =
        JSON.readTree("{\"s\":\"x\",\"b\":true,\"n\":[1,2.5,null,{\"o\":{}}],\"e\":[]}");
    assertThat(Values.toJson(Values.toJava(node))).contains(node);
    List<Object> list = new ArrayList<>(List.of(1, "a"));
    assertThat(out(list)).isEqualTo("[1,\"a\"]");
  }

  @Test
  void refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> Values.toJson(Pattern.compile("a")))
        .isInstanceOf(Values.UnsupportedResult.class);
    assertThatThrownBy(() -> Values.toJson(List.of(Map.of("f", new Object()))))
        .isInstanceOf(Values.UnsupportedResult.class);
  }
}
