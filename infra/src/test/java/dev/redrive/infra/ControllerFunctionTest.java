package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.functions.config.ControllerEnvironment;
import dev.redrive.functions.config.ControllerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The controller function, its queue and its ledger, as the functions module expects them. */
class ControllerFunctionTest {
  private static final String FUNCTION = "ControllerFunction";

  private static JsonNode function(Map<String, String> values) {
    return Scenarios.evaluate(values).properties(FUNCTION);
  }

  private static Map<String, String> environment(Map<String, String> values) {
    Map<String, String> environment = new HashMap<>();
    function(values)
        .at("/Environment/Variables")
        .fields()
        .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
    return environment;
  }

  @Test
  void runsOnJava21WithSnapStartThroughAPublishedAlias() {
    JsonNode function = function(Scenarios.minimal());

    assertThat(Template.resource(FUNCTION).path("Type").asText())
        .isEqualTo("AWS::Serverless::Function");
    assertThat(function.path("Runtime").asText()).isEqualTo("java21");
    assertThat(function.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(function.path("AutoPublishAlias").asText())
        .as("SnapStart only applies to published versions")
        .isNotBlank();
    assertThat(function.path("Handler").asText())
        .isEqualTo("dev.redrive.functions.handler.SqsEventHandler::handleRequest");
  }

  @Test
  void deploysTheShadedJarOfTheFunctionsModule() {
    String codeUri = function(Scenarios.minimal()).path("CodeUri").asText();

    assertThat(Template.FILE.toAbsolutePath().getParent().resolve(codeUri).normalize())
        .isEqualTo(
            Path.of("..", "functions", "target", "redrive-functions.jar")
                .toAbsolutePath()
                .normalize());
  }

  @Test
  void theBuiltJarHoldsTheHandlerAndThePackagedPolicy() throws Exception {
    JsonNode function = function(Scenarios.minimal());
    Path jar =
        Template.FILE.toAbsolutePath().getParent().resolve(function.path("CodeUri").asText());
    assumeTrue(Files.exists(jar), "built by ./mvnw -pl infra -am verify (package runs first)");

    String handlerClass = function.path("Handler").asText().split("::")[0];
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertThat(zip.getEntry(handlerClass.replace('.', '/') + ".class")).isNotNull();
      assertThat(zip.getEntry(ControllerFactory.PACKAGED_POLICY))
          .as("the policy the controller runs with when POLICY_FILE is empty")
          .isNotNull();
    }
  }

  @Test
  void setsExactlyTheVariablesTheHandlerReads() {
    for (Map<String, String> values : Scenarios.everyCondition()) {
      assertThat(environment(values).keySet())
          .as("environment for %s", values)
          .containsExactlyInAnyOrderElementsOf(new TreeSet<>(ControllerEnvironment.NAMES));
    }
  }

  @Test
  void variablesCarryTheStacksResourcesAndTheParameters() {
    Map<String, String> defaults = environment(Scenarios.minimal());
    assertThat(defaults)
        .containsEntry("LEDGER_TABLE", "<LedgerTable>")
        .containsEntry("REDRIVE_QUEUE_URL", "<RedriveQueue>")
        .containsEntry("GIVE_UP_EVENT_BUS", "<GiveUpEventBus>")
        .containsEntry("GIVE_UP_EVENT_SOURCE", "redrive.controller")
        .containsEntry("GIVE_UP_TOPIC_ARN", "")
        .containsEntry("POLICY_FILE", "")
        .containsEntry("AUDIT_TTL_DAYS", "30")
        .containsEntry("SFN_MAX_ATTEMPTS", "5")
        .containsEntry("SFN_REDRIVES_PER_SECOND", "2")
        .containsEntry("NESTED_CHECK", "true");

    Map<String, String> configured =
        environment(
            Scenarios.with(
                Map.of(
                    "GiveUpEventBusName", "default",
                    "NotificationTopicArn", Scenarios.EXISTING_TOPIC,
                    "RedrivesPerSecond", "0.5",
                    "NestedCheck", "false")));
    assertThat(configured)
        .containsEntry("GIVE_UP_EVENT_BUS", "default")
        .containsEntry("GIVE_UP_TOPIC_ARN", Scenarios.EXISTING_TOPIC)
        .containsEntry("SFN_REDRIVES_PER_SECOND", "0.5")
        .containsEntry("NESTED_CHECK", "false");
    assertThat(environment(Scenarios.with(Map.of("NotificationEmail", "oncall@example.com"))))
        .containsEntry("GIVE_UP_TOPIC_ARN", "<GiveUpTopic>");
  }

  @Test
  void theHandlerAcceptsTheEnvironmentUnderEveryCombinationOfConditions() {
    for (Map<String, String> values : Scenarios.everyCondition()) {
      ControllerEnvironment env = ControllerEnvironment.from(environment(values));
      assertThat(env.policyFile()).as("the packaged policy is used").isEmpty();
      assertThat(env.giveUpTopicArn().isPresent())
          .as("a topic exactly when one is configured, for %s", values)
          .isEqualTo(
              !values.get("NotificationEmail").isEmpty()
                  || !values.get("NotificationTopicArn").isEmpty());
    }
    ControllerEnvironment slow =
        ControllerEnvironment.from(
            environment(
                Scenarios.with(
                    Map.of(
                        "RedrivesPerSecond", "0.1",
                        "StepFunctionsMaxAttempts", "1",
                        "AuditRetentionDays", "1",
                        "NestedCheck", "false"))));
    assertThat(slow.resilience().redrivesPerSecond()).isEqualTo(0.1);
    assertThat(slow.resilience().maxAttempts()).isEqualTo(1);
    assertThat(slow.controller().checkNestedParents()).isFalse();
  }

  @Test
  void consumesTheQueueInBatchesReportingOnlyTheFailedRecords() {
    JsonNode function = function(Scenarios.minimal());
    JsonNode events = function.path("Events");

    assertThat(events.size()).as("one event source: the queue").isEqualTo(1);
    JsonNode source = events.elements().next();
    assertThat(source.path("Type").asText()).isEqualTo("SQS");
    JsonNode properties = source.path("Properties");
    assertThat(properties.path("Queue").asText()).isEqualTo("<RedriveQueue.Arn>");
    assertThat(properties.path("FunctionResponseTypes"))
        .hasToString("[\"ReportBatchItemFailures\"]");
    assertThat(properties.path("BatchSize").asInt()).isBetween(1, 10);
    assertThat(properties.path("MaximumBatchingWindowInSeconds").asInt()).isBetween(0, 20);
    assertThat(properties.at("/ScalingConfig/MaximumConcurrency").asText())
        .as("no more pollers than reserved instances")
        .isEqualTo(function.path("ReservedConcurrentExecutions").asText());
    assertThat(
            Template.resource(FUNCTION).at("/Properties/ReservedConcurrentExecutions/Ref").asText())
        .isEqualTo("ReservedConcurrency");
  }

  @Test
  void queueHidesABatchLongerThanSixFunctionTimeoutsAndEndsInTheDeadLetterQueue() {
    TemplateEvaluator stack = Scenarios.evaluate(Scenarios.minimal());
    int timeout = stack.properties(FUNCTION).path("Timeout").asInt();
    JsonNode queue = stack.properties("RedriveQueue");

    assertThat(timeout).isBetween(30, 120);
    assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * timeout);
    assertThat(queue.at("/RedrivePolicy/deadLetterTargetArn").asText())
        .isEqualTo("<RedriveDeadLetterQueue.Arn>");
    assertThat(queue.at("/RedrivePolicy/maxReceiveCount").asInt()).isBetween(3, 10);
    assertThat(stack.properties("RedriveDeadLetterQueue").path("MessageRetentionPeriod").asInt())
        .as("the DLQ keeps messages at least as long as the queue")
        .isGreaterThanOrEqualTo(queue.path("MessageRetentionPeriod").asInt());
  }

  @Test
  void ruleDeliversToTheQueueAndWhatItCannotDeliverToTheDeadLetterQueue() {
    JsonNode targets =
        Scenarios.evaluate(Scenarios.minimal()).properties("FailureEventsRule").path("Targets");

    assertThat(targets).hasSize(1);
    assertThat(targets.get(0).path("Arn").asText()).isEqualTo("<RedriveQueue.Arn>");
    assertThat(targets.get(0).at("/DeadLetterConfig/Arn").asText())
        .isEqualTo("<RedriveDeadLetterQueue.Arn>");
  }

  @Test
  void ledgerIsAnOnDemandTableKeyedByPkAndSkWithTtlOnExpiresAt() {
    JsonNode table = Scenarios.evaluate(Scenarios.minimal()).properties("LedgerTable");

    assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(table.path("AttributeDefinitions"))
        .hasToString(
            "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}]");
    assertThat(table.path("KeySchema"))
        .hasToString(
            "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]");
    assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo("expiresAt");
    assertThat(table.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
    assertThat(Template.resource("LedgerTable").path("DeletionPolicy").asText())
        .isEqualTo("Retain");
  }

  @Test
  void logsGoToTheStacksLogGroupWhereTheMetricFilterReads() {
    TemplateEvaluator stack = Scenarios.evaluate(Scenarios.minimal());

    assertThat(stack.properties(FUNCTION).at("/LoggingConfig/LogGroup").asText())
        .isEqualTo("<ControllerLogGroup>");
    assertThat(stack.properties("GiveUpMetricFilter").path("LogGroupName").asText())
        .isEqualTo("<ControllerLogGroup>");
  }
}
