package dev.redrive.simulator.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.redrive.simulator.error.StatesError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathFieldTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static DataResolver over(JsonNode input) {
    return new DataResolver(input, () -> null, name -> null);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$             | {\"r\":2}                | {\"r\":2}",
        "$.x           | {\"a\":1,\"x\":{\"r\":2}} | {\"r\":2}",
        "$.x.y         | {\"a\":1,\"x\":{\"y\":{\"r\":2}}} | {\"r\":2}",
      })
  void putsTheResultAtTheResultPath(String path, String expected, String result) throws Exception {
    PathField field = PathField.of(JSON.getNodeFactory().textNode(path));
    JsonNode input = json("{\"a\":1}");

    JsonNode merged = field.merge(input, json(result));

    assertThat(merged).isEqualTo(json(expected));
    assertThat(input).as("the input is not modified").isEqualTo(json("{\"a\":1}"));
  }

  @Test
  void refusesToWriteIntoANonObject() throws Exception {
    PathField field = PathField.of(JSON.getNodeFactory().textNode("$.a.b"));

    assertThatThrownBy(() -> field.merge(json("{\"a\":1}"), json("2")))
        .isInstanceOf(StatesError.class)
        .extracting(e -> ((StatesError) e).error())
        .isEqualTo(StatesError.RUNTIME);
  }

  @Test
  void keepsTheInputForANullResultPathAndDiscardsForANullOutputPath() throws Exception {
    JsonNode input = json("{\"a\":1}");

    assertThat(PathField.of(NullNode.getInstance()).merge(input, json("2"))).isSameAs(input);
    assertThat(PathField.of(NullNode.getInstance()).select(over(input))).isEqualTo(json("{}"));
  }

  @Test
  void reportsAMissingOutputPathAsAwsDoes() throws Exception {
    PathField field = PathField.of(JSON.getNodeFactory().textNode("$.missing"));

    assertThatThrownBy(() -> field.select(over(json("{}"))))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("Invalid path '$.missing' : No results for path: $['missing']");
  }

  @Test
  void selectsWithTheFullJsonPathLanguage() throws Exception {
    JsonNode input = json("{\"items\":[{\"v\":1},{\"v\":2}]}");

    assertThat(ReferencePath.compile("$.items[*].v").select(input)).contains(json("[1,2]"));
    assertThat(ReferencePath.compile("$.items[1].v").select(input)).contains(json("2"));
    assertThat(ReferencePath.compile("$.none[*]").select(json("{}"))).contains(json("[]"));
    assertThat(ReferencePath.compile("$['it\"em']").select(json("{\"it\\\"em\":3}")))
        .contains(json("3"));
  }
}
