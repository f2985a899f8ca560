package dev.redrive.simulator.teststate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CorpusMatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void placeholderMatchesTheSameTextWhereverItAppears() throws Exception {
    CorpusMatch m = new CorpusMatch("us-east-1");
    JsonNode expected = json("{\"a\":\"x:<resource:1>\",\"b\":\"<resource:1>\"}");

    assertThat(m.differences(expected, m.normalise(json("{\"a\":\"x:n1\",\"b\":\"n1\"}")), ""))
        .isEmpty();
    assertThat(
            new CorpusMatch("us-east-1")
                .differences(expected, json("{\"a\":\"x:n1\",\"b\":\"n2\"}"), ""))
        .containsExactly("b");
  }

  @Test
  void normalisesArnsRegionsTimestampsAndObjectText() throws Exception {
    CorpusMatch m = new CorpusMatch("us-east-1");
    JsonNode actual =
        m.normalise(
            json(
                "{\"arn\":\"arn:aws:states:us-east-1:111111111111:stateMachine:m\","
                    + "\"t\":\"2025-12-03T00:00:00Z\",\"o\":\"{\\\"k\\\":1}\"}"));

    assertThat(actual)
        .isEqualTo(
            json(
                "{\"arn\":\"arn:<partition>:states:<region>:111111111111:stateMachine:m\","
                    + "\"t\":\"date\",\"o\":{\"k\":1}}"));
  }

  @Test
  void reportsMissingExtraAndDifferentFields() throws Exception {
    CorpusMatch m = new CorpusMatch("us-east-1");

    assertThat(
            m.differences(
                json("{\"status\":\"SUCCEEDED\",\"output\":\"[1, 2]\",\"nextState\":\"N\"}"),
                json("{\"status\":\"FAILED\",\"output\":\"[1,3]\",\"error\":\"E\"}"),
                ""))
        .containsExactly("status", "output[1]", "nextState (missing)", "error (not expected)");
  }
}
