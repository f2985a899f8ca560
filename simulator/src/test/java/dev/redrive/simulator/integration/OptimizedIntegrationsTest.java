package dev.redrive.simulator.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The optimized integrations against moto's server: what Step Functions adds and how it names
 * errors.
 */
class OptimizedIntegrationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SM = "arn:aws:states:us-east-1:111111111111:stateMachine:m";
  private static final String EX = "arn:aws:states:us-east-1:111111111111:execution:m:e";
  private static Optional<MotoServer> moto = Optional.empty();
  private static SdkServices services;
  private static OptimizedIntegrations optimized;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    moto.ifPresent(
        m -> {
          services =
              new SdkServices(
                  Map.of(
                      "sqs", m.endpoint(),
                      "dynamodb", m.endpoint(),
                      "sns", m.endpoint(),
                      "eventbridge", m.endpoint()),
                  Region.US_EAST_1,
                  SdkServices.credentials(),
                  Duration.ofSeconds(30));
          optimized = new OptimizedIntegrations(services);
        });
  }

  @AfterAll
  static void stopMoto() {
    if (services != null) {
      services.close();
    }
    moto.ifPresent(MotoServer::close);
  }

  private static void needMoto() {
    assumeThat(moto)
        .as("moto's server (python3 -m moto.server) is not installed here: skipped")
        .isPresent();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void sendMessageSendsAJsonBodyAsTextAndAddsTheHttpMetadata() throws Exception {
    needMoto();
    String url =
        services
            .call("sqs", "createQueue", json("{\"QueueName\":\"opt\"}"))
            .get("QueueUrl")
            .asText();
    JsonNode out =
        optimized.call(
            "sqs",
            "sendMessage",
            json("{\"QueueUrl\":\"" + url + "\",\"MessageBody\":{\"a\":1}}"),
            SM,
            EX);
    assertThat(out.get("MD5OfMessageBody").asText())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("MD5")
                        .digest("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(out.at("/SdkResponseMetadata/RequestId").isMissingNode()).isFalse();
    JsonNode got = services.call("sqs", "receiveMessage", json("{\"QueueUrl\":\"" + url + "\"}"));
    assertThat(got.at("/Messages/0/Body").asText()).isEqualTo("{\"a\":1}");
  }

  @Test
  void aSendToAMissingQueueFailsAsTheOptimizedIntegrationNamesIt() throws Exception {
    needMoto();
    assertThatThrownBy(
            () ->
                optimized.call(
                    "sqs",
                    "sendMessage",
                    json(
                        "{\"QueueUrl\":\""
                            + moto.get().endpoint()
                            + "/123456789012/missing\",\"MessageBody\":\"x\"}"),
                    SM,
                    EX))
        .isInstanceOfSatisfying(
            SdkServices.CallFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("SQS.AmazonSQSException");
              assertThat(f.cause()).contains("(Service: AmazonSQS; Status Code: 400; Error Code:");
            });
  }

  @Test
  void aFailedConditionIsDynamoDbConditionalCheckFailedException() throws Exception {
    needMoto();
    services.call(
        "dynamodb",
        "createTable",
        json(
            "{\"TableName\":\"opt\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}"));
    JsonNode put =
        json(
            "{\"TableName\":\"opt\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}");
    optimized.call("dynamodb", "putItem", put, SM, EX);
    assertThatThrownBy(() -> optimized.call("dynamodb", "putItem", put, SM, EX))
        .isInstanceOfSatisfying(
            SdkServices.CallFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
              assertThat(f.cause())
                  .contains(
                      "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code:"
                          + " ConditionalCheckFailedException; Request ID:");
            });
  }

  @Test
  void putEventsAddsTheArnsAndSendsADetailObjectAsText() throws Exception {
    needMoto();
    JsonNode out =
        optimized.call(
            "events",
            "putEvents",
            json(
                "{\"Entries\":[{\"Source\":\"app\",\"DetailType\":\"t\","
                    + "\"Detail\":{\"k\":\"v\"},\"EventBusName\":\"default\"}]}"),
            SM,
            EX);
    assertThat(out.get("FailedEntryCount").asInt()).isZero();
    assertThat(out.at("/Entries/0/EventId").asText()).isNotBlank();
  }

  @Test
  void publishSendsToTheTopic() throws Exception {
    needMoto();
    String topic =
        services.call("sns", "createTopic", json("{\"Name\":\"opt\"}")).get("TopicArn").asText();
    JsonNode out =
        optimized.call(
            "sns",
            "publish",
            json("{\"TopicArn\":\"" + topic + "\",\"Message\":{\"m\":1}}"),
            SM,
            EX);
    assertThat(out.get("MessageId").asText()).isNotBlank();
    assertThat(OptimizedIntegrations.offers("sns", "publish.waitForTaskToken")).isTrue();
    assertThat(OptimizedIntegrations.offers("sns", "createTopic")).isFalse();
  }
}
