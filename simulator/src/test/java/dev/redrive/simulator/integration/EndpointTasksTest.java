package dev.redrive.simulator.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.Simulator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Task states that call real services at the endpoints a user named, run by the simulator: an
 * {@code aws-sdk:} task, the optimized SQS and DynamoDB integrations, and a service error caught by
 * its Step Functions name. moto's server stands in for the services.
 */
class EndpointTasksTest {
  private static Optional<MotoServer> moto = Optional.empty();
  private static SdkServices services;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    moto.ifPresent(
        m ->
            services =
                new SdkServices(
                    Map.of("sqs", m.endpoint(), "dynamodb", m.endpoint()),
                    Region.US_EAST_1,
                    SdkServices.credentials(),
                    Duration.ofSeconds(30)));
  }

  @AfterAll
  static void stopMoto() {
    if (services != null) {
      services.close();
    }
    moto.ifPresent(MotoServer::close);
  }

  @Test
  void tasksCallTheNamedEndpointsAndCatchTheirErrorsByName() {
    assumeThat(moto)
        .as("moto's server (python3 -m moto.server) is not installed here: skipped")
        .isPresent();
    String definition =
        """
        {"StartAt": "Table", "States": {
          "Table": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:createTable",
            "Parameters": {"TableName": "orders", "BillingMode": "PAY_PER_REQUEST",
              "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
              "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]},
            "ResultPath": null, "Next": "Queue"},
          "Queue": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:createQueue",
            "Parameters": {"QueueName": "orders"}, "ResultPath": "$.queue", "Next": "Send"},
          "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {"QueueUrl.$": "$.queue.QueueUrl", "MessageBody": {"order": 1}},
            "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": "$.sent", "Next": "Put"},
          "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {"TableName": "orders", "Item": {"pk": {"S": "o-1"}},
              "ConditionExpression": "attribute_not_exists(pk)"},
            "ResultPath": null, "Next": "PutAgain"},
          "PutAgain": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {"TableName": "orders", "Item": {"pk": {"S": "o-1"}},
              "ConditionExpression": "attribute_not_exists(pk)"},
            "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"],
              "ResultPath": "$.duplicate", "Next": "Done"}],
            "End": true},
          "Done": {"Type": "Pass", "End": true}}}
        """;
    Simulator simulator = Simulator.builder().services(services).build();
    ExecutionResult result =
        simulator.run(definition, "{}", dev.redrive.simulator.RunOptions.defaults());
    assertThat(result.status().name()).as(result.toString()).isEqualTo("SUCCEEDED");
    String output = result.output().orElseThrow().toString();
    assertThat(output).contains("\"Error\":\"DynamoDB.ConditionalCheckFailedException\"");
    assertThat(output).contains("\"sent\":{\"id\":");
  }

  @Test
  void withoutAnEndpointTheTaskSaysHowToMockIt() {
    Simulator simulator = Simulator.builder().build();
    ExecutionResult result =
        simulator.run(
            "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::aws-sdk:sqs:listQueues\",\"End\":true}}}",
            "{}",
            dev.redrive.simulator.RunOptions.defaults());
    assertThat(result.status().name()).isEqualTo("FAILED");
    assertThat(result.cause().orElseThrow()).contains("no mocked response answers it");
  }
}
