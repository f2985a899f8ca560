package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * The rule's EventPattern, with sample state machine ARNs in place of the parameter, run through
 * event-ruler (the matcher EventBridge's patterns are defined by) against the captured events.
 */
class EventPatternTest {
  private static final String RULE = "FailureEventsRule";

  private static Machine ruleWatching(String stateMachineArns) throws IOException {
    TemplateEvaluator stack =
        Scenarios.evaluate(Scenarios.with(Map.of("StateMachineArns", stateMachineArns)));
    String pattern = stack.properties(RULE).path("EventPattern").toString();
    assertThat(RuleCompiler.check(pattern)).as("event-ruler's verdict on %s", pattern).isNull();
    Machine machine = new Machine();
    machine.addRule(RULE, pattern);
    return machine;
  }

  private static String event(String resource) throws IOException {
    try (InputStream in =
        EventPatternTest.class.getClassLoader().getResourceAsStream("events/" + resource)) {
      assertThat(in).as("events/%s on the classpath (events-samples)", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean matches(Machine machine, String resource) throws Exception {
    return machine.rulesForJSONEvent(event(resource)).contains(RULE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "captured/failed-count0.json",
        "captured/failed-count1.json",
        "captured/failed-count2.json",
        "derived/timed-out.json",
        "derived/aborted.json",
        "derived/not-redrivable-history-limit.json"
      })
  void forwardsFailedTimedOutAndAbortedExecutionsOfWatchedStateMachines(String resource)
      throws Exception {
    Machine machine = ruleWatching(Scenarios.MY_STATE_MACHINE + "," + Scenarios.ORDERS_FULFILMENT);

    assertThat(matches(machine, resource)).as(resource).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"captured/running-redriven-count1.json", "captured/succeeded-count3.json"})
  void leavesRunningAndSucceededExecutionsAlone(String resource) throws Exception {
    Machine machine = ruleWatching(Scenarios.MY_STATE_MACHINE);

    assertThat(matches(machine, resource)).as(resource).isFalse();
  }

  @Test
  void forwardsOnlyTheStateMachinesListed() throws Exception {
    Machine ordersOnly = ruleWatching(Scenarios.ORDERS_FULFILMENT);

    assertThat(matches(ordersOnly, "derived/failed-states-runtime.json")).isTrue();
    assertThat(matches(ordersOnly, "captured/failed-count0.json")).isFalse();
    assertThat(matches(ordersOnly, "derived/failed-lambda-throttled.json"))
        .as("orders-checkout is not orders-fulfilment")
        .isFalse();
  }

  @Test
  void leavesDistributedMapChildrenToTheirParent() throws Exception {
    // A child's stateMachineArn is the parent's ARN plus "/<Map state>": redriving the parent
    // redrives the Map Run, so children's events need not reach the queue.
    Machine parent =
        ruleWatching("arn:aws:states:us-east-1:123456789012:stateMachine:MapStateMachine-k3x9qz2");

    assertThat(matches(parent, "derived/redrivable-by-map-run.json")).isFalse();
  }

  @Test
  void patternIsTheDesignedOne() throws IOException {
    JsonNode pattern =
        Scenarios.evaluate(Scenarios.minimal()).properties(RULE).path("EventPattern");

    assertThat(pattern.path("source")).hasToString("[\"aws.states\"]");
    assertThat(pattern.path("detail-type"))
        .hasToString("[\"Step Functions Execution Status Change\"]");
    assertThat(pattern.at("/detail/status")).hasToString("[\"FAILED\",\"TIMED_OUT\",\"ABORTED\"]");
    assertThat(pattern.at("/detail/stateMachineArn"))
        .hasToString(
            "[\"" + Scenarios.MY_STATE_MACHINE + "\",\"" + Scenarios.ORDERS_FULFILMENT + "\"]");
    assertThat(Template.resource(RULE).at("/Properties/EventBusName").asText())
        .isEqualTo("default");
  }
}
