package dev.redrive.simulator.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** Real calls through the AWS SDK to moto's server, in Step Functions' JSON. */
class SdkServicesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Optional<MotoServer> moto = Optional.empty();
  private static SdkServices services;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    moto.ifPresent(
        m ->
            services =
                new SdkServices(
                    Map.of(
                        "sqs", m.endpoint(),
                        "dynamodb", m.endpoint(),
                        "s3", m.endpoint(),
                        "sns", m.endpoint(),
                        "eventbridge", m.endpoint()),
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

  private static void needMoto() {
    assumeThat(moto)
        .as("moto's server (python3 -m moto.server) is not installed here: skipped")
        .isPresent();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void sendsAndReceivesAnSqsMessageInStepFunctionsJson() throws Exception {
    needMoto();
    String url =
        services
            .call("sqs", "createQueue", json("{\"QueueName\":\"orders\"}"))
            .get("QueueUrl")
            .asText();
    JsonNode sent =
        services.call(
            "sqs", "sendMessage", json("{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"hello\"}"));
    assertThat(sent.get("MessageId").asText()).isNotBlank();
    assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    JsonNode got =
        services.call(
            "sqs", "receiveMessage", json("{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":1}"));
    assertThat(got.get("Messages").get(0).get("Body").asText()).isEqualTo("hello");
  }

  @Test
  void aServiceErrorIsNamedServiceDotException() throws Exception {
    needMoto();
    services.call(
        "dynamodb",
        "createTable",
        json(
            "{\"TableName\":\"ledger\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}"));
    String put =
        "{\"TableName\":\"ledger\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
            + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}";
    services.call("dynamodb", "putItem", json(put));
    assertThatThrownBy(() -> services.call("dynamodb", "putItem", json(put)))
        .isInstanceOfSatisfying(
            SdkServices.CallFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("DynamoDb.ConditionalCheckFailedException");
              assertThat(f.cause()).contains("Status Code: 400");
            });
    JsonNode item =
        services.call(
            "dynamodb",
            "getItem",
            json("{\"TableName\":\"ledger\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
    assertThat(item.at("/Item/pk/S").asText()).isEqualTo("a");
  }

  @Test
  void streamsS3ObjectsAsText() throws Exception {
    needMoto();
    services.call("s3", "createBucket", json("{\"Bucket\":\"items\"}"));
    services.call(
        "s3", "putObject", json("{\"Bucket\":\"items\",\"Key\":\"a.json\",\"Body\":\"[1,2]\"}"));
    JsonNode got =
        services.call("s3", "getObject", json("{\"Bucket\":\"items\",\"Key\":\"a.json\"}"));
    assertThat(got.get("Body").asText()).isEqualTo("[1,2]");
    assertThatThrownBy(
            () -> services.call("s3", "getObject", json("{\"Bucket\":\"items\",\"Key\":\"no\"}")))
        .isInstanceOfSatisfying(
            SdkServices.CallFailure.class,
            f -> assertThat(f.error()).isEqualTo("S3.NoSuchKeyException"));
  }

  @Test
  void parametersThatDoNotFitTheRequestSayWhere() throws Exception {
    needMoto();
    assertThatThrownBy(
            () -> services.call("sqs", "sendMessage", json("{\"QueueUrl\":\"u\",\"Nope\":1}")))
        .isInstanceOfSatisfying(
            SdkServices.CallFailure.class,
            f -> {
              assertThat(f.error()).isEqualTo("States.Runtime");
              assertThat(f.cause()).contains("$.Nope: unknown member");
            });
    assertThatThrownBy(() -> services.call("sqs", "noSuchAction", json("{}")))
        .isInstanceOfSatisfying(
            SdkServices.CallFailure.class,
            f -> assertThat(f.cause()).contains("'noSuchAction' is not one of Sqs's actions"));
  }

  @Test
  void anEndpointThatRefusesFailsTheCallNotTheCaller() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (SdkServices refused =
        new SdkServices(
            Map.of("sqs", URI.create("http://127.0.0.1:" + port)),
            Region.US_EAST_1,
            SdkServices.credentials(),
            Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> refused.call("sqs", "listQueues", json("{}")))
          .isInstanceOfSatisfying(
              SdkServices.CallFailure.class,
              f -> {
                assertThat(f.error()).isEqualTo("States.TaskFailed");
                assertThat(f.cause()).containsIgnoringCase("connect");
              });
    }
  }
}
