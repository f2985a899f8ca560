package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every decision table in {@code src/test/resources/decisions/}: a policy (a file, or inline),
 * then cases of a real event (with some fields changed), a time, and the decision it must get.
 *
 * <pre>
 * policy: policies/design-example.yaml   # or an inline mapping
 * now: 2023-11-16T07:00:00Z              # default for the cases
 * cases:
 *   - name: ...
 *     event: test-events/failed-lambda-redrive-count-0.json
 *     detail: {redriveCount: 3}          # detail fields to change; "&lt;absent&gt;" removes one
 *     envelope: {source: aws.other}      # envelope fields to change
 *     failedState: ChargeCard            # as the controller would add it
 *     now: ... | nowAfterStop: P14D      # the time, or the time after detail.stopDate
 *     seed: 42                           # jitter from new SplittableRandom(42); else none may be drawn
 *     expect: {action: REDRIVE, delaySeconds: 30, rule: name|null, reason: substring, reasonIs: text}
 * </pre>
 */
class DecisionTableTest {

  @TestFactory
  Stream<DynamicContainer> decisionTables() {
    return Fixtures.files("decisions", ".yaml").stream().map(DecisionTableTest::table);
  }

  private static DynamicContainer table(Path file) {
    JsonNode table = Fixtures.yaml(file);
    Policy policy = policy(table.get("policy"), file);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode testCase : table.get("cases")) {
      String name = testCase.get("name").asText();
      tests.add(DynamicTest.dynamicTest(name, () -> check(policy, table, testCase)));
    }
    assertThat(tests).as("cases in %s", file).isNotEmpty();
    return DynamicContainer.dynamicContainer(file.getFileName().toString(), tests);
  }

  private static Policy policy(JsonNode policy, Path table) {
    if (policy.isTextual()) {
      return PolicyLoader.load(Fixtures.path(policy.asText()));
    }
    try {
      return PolicyLoader.parse(Fixtures.YAML.writeValueAsString(policy), table.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(Policy policy, JsonNode table, JsonNode testCase) {
    ExecutionEvent event =
        Fixtures.event(
            testCase.get("event").asText(), testCase.get("detail"), testCase.get("envelope"));
    if (testCase.hasNonNull("failedState")) {
      event = event.withFailedState(testCase.get("failedState").asText());
    }
    Instant now = now(table, testCase, event);
    RandomGenerator random =
        testCase.has("seed")
            ? new SplittableRandom(testCase.get("seed").asLong())
            : Fixtures.unusedRandom();

    Decision decision = policy.decide(event, now, random);

    JsonNode expect = testCase.get("expect");
    assertThat(decision.action()).as("action").hasToString(expect.get("action").asText());
    assertThat(decision.delaySeconds())
        .as("delaySeconds")
        .isEqualTo(expect.path("delaySeconds").asLong(0));
    if (expect.has("rule")) {
      assertThat(decision.rule().orElse(null))
          .as("rule")
          .isEqualTo(expect.get("rule").isNull() ? null : expect.get("rule").asText());
    }
    if (expect.has("reason")) {
      assertThat(decision.reason()).as("reason").contains(expect.get("reason").asText());
    }
    if (expect.has("reasonIs")) {
      assertThat(decision.reason()).as("reason").isEqualTo(expect.get("reasonIs").asText());
    }
  }

  private static Instant now(JsonNode table, JsonNode testCase, ExecutionEvent event) {
    if (testCase.has("nowAfterStop")) {
      Duration after = Duration.parse(testCase.get("nowAfterStop").asText());
      return Instant.ofEpochMilli(event.stopDate().orElseThrow()).plus(after);
    }
    JsonNode now = testCase.has("now") ? testCase.get("now") : table.get("now");
    return Instant.parse(now.asText());
  }
}
