package dev.redrive.simulator.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockConfigTest {
  static final Path VALID = Path.of("src/test/resources/mock/MockConfigFile.json");
  static final Path INVALID = Path.of("src/test/resources/mock/invalid-MockConfigFile.json");

  @Test
  void loadsTestCasesAndResponsesByAttempt() {
    MockConfig config = MockConfig.load(VALID);

    TestCase failTwice = config.testCase("orders", "FailTwiceThenCharge").orElseThrow();
    MockedResponse charge = failTwice.forState("Charge").orElseThrow();

    assertThat(config.stateMachines()).containsExactlyInAnyOrder("orders", "notify");
    assertThat(failTwice.forState("Ship")).isEmpty();
    assertThat(charge.at(0))
        .isEqualTo(
            new MockResult.Throw("Lambda.TooManyRequestsException", Optional.of("Rate exceeded")));
    assertThat(charge.at(1)).isEqualTo(charge.at(0));
    assertThat(charge.at(2)).isInstanceOf(MockResult.Return.class);
    assertThat(
            ((MockResult.Return) charge.at(2)).value().path("Payload").path("charged").asBoolean())
        .isTrue();
    assertThat(config.testCase("orders", "NoSuchCase")).isEmpty();
    assertThat(config.testCase("nobody", "FailTwiceThenCharge")).isEmpty();
  }

  @Test
  void keepsAnsweringWithTheLastResponsePastTheLastAttempt() {
    MockedResponse charge =
        MockConfig.load(VALID)
            .testCase("orders", "FailTwiceThenCharge")
            .orElseThrow()
            .forState("Charge")
            .orElseThrow();

    assertThat(charge.lastAttempt()).isEqualTo(2);
    assertThat(charge.at(3)).isEqualTo(charge.at(2));
    assertThat(charge.at(100)).isEqualTo(charge.at(2));
  }

  @Test
  void throwWithoutCauseHasNoCause() {
    MockedResponse gone =
        MockConfig.load(VALID)
            .testCase("notify", "QueueGone")
            .orElseThrow()
            .forState("Send")
            .orElseThrow();

    assertThat(gone.at(0))
        .isEqualTo(new MockResult.Throw("SQS.QueueDoesNotExistException", Optional.empty()));
  }

  @Test
  void rejectsInvalidFileWithEveryProblemAndItsPath() {
    assertThatThrownBy(() -> MockConfig.load(INVALID))
        .isInstanceOfSatisfying(
            InvalidMockConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "$.Extra: unknown field (expected MockedResponses or StateMachines)",
                        "$.MockedResponses.Gap: attempts must follow each other from 0 without"
                            + " gap; no response for attempt 1",
                        "$.MockedResponses.Both[\"0\"]: expected exactly one of Return or Throw,"
                            + " found both",
                        "$.MockedResponses.BadKey.first: expected an attempt (\"0\") or a range of"
                            + " attempts (\"1-2\") as key",
                        "$.MockedResponses.NoError[\"0\"].Throw.Error: expected a non-empty"
                            + " string, found nothing",
                        "$.MockedResponses.Overlap: attempt 1 is covered by more than one key",
                        "$.StateMachines.orders.TestCases.Broken.Charge: no mocked response named"
                            + " 'NoSuchResponse' in $.MockedResponses",
                        "$.StateMachines.orders.TestCases.Broken.Ship: expected the name of a"
                            + " mocked response, found number 7",
                        "$.StateMachines.payments.Cases: unknown field (expected TestCases)",
                        "$.StateMachines.payments.TestCases: expected an object of test cases,"
                            + " found nothing"))
        .hasMessageStartingWith("invalid mock configuration " + INVALID + ": 10 problems");
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThatThrownBy(() -> MockConfig.parse("{\"StateMachines\": ", "inline"))
        .isInstanceOf(InvalidMockConfigException.class)
        .hasMessageContaining("invalid mock configuration inline: 1 problem")
        .hasMessageContaining("$: not JSON");
  }

  @Test
  void responseRangesMustStartAtZero() {
    assertThatThrownBy(
            () ->
                new MockedResponse(
                    "late",
                    List.of(
                        new MockedResponse.Range(
                            1, 1, new MockResult.Return(JsonNodeFactory.instance.nullNode())))))
        .hasMessage("mocked response late must cover attempt 0 next, was 1");
  }
}
