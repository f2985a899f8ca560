package dev.redrive.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One LocalStack container for every LocalStack test of the JVM, started on first use (after {@link
 * RequiresDockerEngine} has found an engine) and removed by Testcontainers when the JVM ends; and
 * the stack's resources created in it with the properties {@code infra/template.yaml} gives them.
 *
 * <p>The image is pinned to {@link #IMAGE}. These tests have not been run on the machine they were
 * written on (it has no Docker engine); the first run elsewhere is their first run.
 */
public final class LocalStack {
  /** LocalStack's community image, pinned. */
  public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

  private static LocalStackContainer container;

  private LocalStack() {}

  /** The running container, started on the first call. */
  public static synchronized LocalStackContainer container() {
    if (container == null) {
      LocalStackContainer started =
          new LocalStackContainer(IMAGE)
              .withServices(
                  LocalStackContainer.EnabledService.named("dynamodb"),
                  LocalStackContainer.EnabledService.named("sqs"),
                  LocalStackContainer.EnabledService.named("events"),
                  LocalStackContainer.EnabledService.named("stepfunctions"));
      started.start();
      container = started;
    }
    return container;
  }

  /** LocalStack's single endpoint (every service answers on it). */
  public static URI endpoint() {
    return container().getEndpoint();
  }

  public static Region region() {
    return Region.of(container().getRegion());
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(container().getAccessKey(), container().getSecretKey()));
  }

  public static DynamoDbClient dynamo() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static SqsClient sqs() {
    return SqsClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static EventBridgeClient events() {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static SfnClient sfn() {
    return SfnClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * Creates the ledger table as {@code LedgerTable} is declared: its attribute definitions, key
   * schema and billing mode, then its TTL, read from the template.
   */
  public static void createLedgerTable(DynamoDbClient dynamo, String name) {
    JsonNode table = Scenarios.evaluate(Scenarios.minimal()).properties("LedgerTable");
    expectOnly(
        table,
        "LedgerTable",
        Set.of("BillingMode", "AttributeDefinitions", "KeySchema", "TimeToLiveSpecification"));
    List<AttributeDefinition> attributes = new ArrayList<>();
    table
        .path("AttributeDefinitions")
        .forEach(
            a ->
                attributes.add(
                    AttributeDefinition.builder()
                        .attributeName(a.path("AttributeName").asText())
                        .attributeType(a.path("AttributeType").asText())
                        .build()));
    List<KeySchemaElement> keys = new ArrayList<>();
    table
        .path("KeySchema")
        .forEach(
            k ->
                keys.add(
                    KeySchemaElement.builder()
                        .attributeName(k.path("AttributeName").asText())
                        .keyType(k.path("KeyType").asText())
                        .build()));
    dynamo.createTable(
        r ->
            r.tableName(name)
                .billingMode(BillingMode.fromValue(table.path("BillingMode").asText()))
                .attributeDefinitions(attributes)
                .keySchema(keys));
    dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
    JsonNode ttl = table.path("TimeToLiveSpecification");
    dynamo.updateTimeToLive(
        r ->
            r.tableName(name)
                .timeToLiveSpecification(
                    t ->
                        t.attributeName(ttl.path("AttributeName").asText())
                            .enabled(ttl.path("Enabled").asBoolean())));
  }

  /** The two queues of the stack, as created in LocalStack. */
  public record Queues(String url, String arn, String deadLetterUrl, String deadLetterArn) {}

  /**
   * Creates {@code RedriveDeadLetterQueue} then {@code RedriveQueue} with the template's properties
   * (the redrive policy pointing at the new DLQ), under names starting with {@code prefix}.
   */
  public static Queues createQueues(SqsClient sqs, String prefix) {
    TemplateEvaluator stack = Scenarios.evaluate(Scenarios.minimal());
    String dlqUrl =
        sqs.createQueue(
                r ->
                    r.queueName(prefix + "-dlq")
                        .attributes(
                            queueAttributes(
                                stack.properties("RedriveDeadLetterQueue"),
                                "RedriveDeadLetterQueue",
                                null)))
            .queueUrl();
    String dlqArn = arn(sqs, dlqUrl);
    String url =
        sqs.createQueue(
                r ->
                    r.queueName(prefix)
                        .attributes(
                            queueAttributes(
                                stack.properties("RedriveQueue"), "RedriveQueue", dlqArn)))
            .queueUrl();
    return new Queues(url, arn(sqs, url), dlqUrl, dlqArn);
  }

  private static String arn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  /** A queue's CloudFormation properties as SQS attributes; an unknown property is an error. */
  private static Map<QueueAttributeName, String> queueAttributes(
      JsonNode properties, String logicalId, String deadLetterArn) {
    expectOnly(
        properties,
        logicalId,
        Set.of(
            "SqsManagedSseEnabled",
            "VisibilityTimeout",
            "MessageRetentionPeriod",
            "RedrivePolicy"));
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      JsonNode value = property.getValue();
      switch (property.getKey()) {
        case "RedrivePolicy" -> {
          ObjectNode policy = ((ObjectNode) value).deepCopy();
          policy.put("deadLetterTargetArn", deadLetterArn);
          attributes.put(QueueAttributeName.REDRIVE_POLICY, policy.toString());
        }
        default -> attributes.put(QueueAttributeName.fromValue(property.getKey()), value.asText());
      }
    }
    return attributes;
  }

  /**
   * Points the AWS SDK's default configuration at LocalStack, through the system properties the SDK
   * reads ({@code aws.endpointUrl}, {@code aws.region}, {@code aws.accessKeyId}, {@code
   * aws.secretAccessKey}), so that clients built as in Lambda ({@code ControllerFactory}) reach it.
   * Closing restores the previous values.
   */
  public static AutoCloseable asDefaultAws() {
    Map<String, String> values =
        Map.of(
            "aws.endpointUrl", endpoint().toString(),
            "aws.region", container().getRegion(),
            "aws.accessKeyId", container().getAccessKey(),
            "aws.secretAccessKey", container().getSecretKey());
    Map<String, String> previous = new HashMap<>();
    values.forEach(
        (name, value) -> {
          previous.put(name, System.getProperty(name));
          System.setProperty(name, value);
        });
    return () ->
        previous.forEach(
            (name, value) -> {
              if (value == null) {
                System.clearProperty(name);
              } else {
                System.setProperty(name, value);
              }
            });
  }

  /**
   * The controller's environment as the template sets it (give-ups on the default bus), with the
   * placeholders of the stack's resources replaced by {@code resources}' values, e.g. {@code
   * <LedgerTable>} by a table name. A placeholder left over is an error.
   */
  public static Map<String, String> controllerEnvironment(Map<String, String> resources) {
    JsonNode variables =
        Scenarios.evaluate(Scenarios.with(Map.of("GiveUpEventBusName", "default")))
            .properties("ControllerFunction")
            .at("/Environment/Variables");
    Map<String, String> environment = new HashMap<>();
    variables
        .fields()
        .forEachRemaining(
            v -> {
              String value = v.getValue().asText();
              if (value.startsWith("<")) {
                value = resources.get(value);
                if (value == null) {
                  throw new AssertionError(
                      v.getKey()
                          + " is "
                          + v.getValue()
                          + "; no value given for it in "
                          + resources);
                }
              }
              environment.put(v.getKey(), value);
            });
    return environment;
  }

  /** Fails when the template sets a property the LocalStack tests do not create. */
  private static void expectOnly(JsonNode properties, String logicalId, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    properties.fieldNames().forEachRemaining(name -> unknown.add(name));
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new AssertionError(
          "the template sets "
              + unknown
              + " on "
              + logicalId
              + "; LocalStack.java creates only "
              + known
              + ": teach it the new properties");
    }
  }
}
