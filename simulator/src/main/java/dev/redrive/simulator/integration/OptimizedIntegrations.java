package dev.redrive.simulator.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Step Functions' optimized integrations that call a service at a user's endpoint: {@code
 * sqs:sendMessage}, {@code sns:publish}, {@code dynamodb:getItem|putItem|updateItem|deleteItem} and
 * {@code events:putEvents}, with what Step Functions does around the service's API: a message, body
 * or event detail that is JSON but not a string is sent as its JSON text, {@code putEvents} adds
 * the state machine's and execution's ARNs to each entry's {@code Resources} and fails with {@code
 * EventBridge.FailedEntry} when an entry failed, and errors are named as those integrations name
 * them ({@link SdkServices.Naming#OPTIMIZED}).
 */
public final class OptimizedIntegrations {
  /** The APIs of each service these integrations offer (without the {@code .waitForTaskToken}). */
  private static final java.util.Map<String, Set<String>> APIS =
      java.util.Map.of(
          "sqs", Set.of("sendMessage"),
          "sns", Set.of("publish"),
          "dynamodb", Set.of("getItem", "putItem", "updateItem", "deleteItem"),
          "events", Set.of("putEvents"));

  private final SdkServices services;

  public OptimizedIntegrations(SdkServices services) {
    this.services = services;
  }

  /**
   * The SDK service that an optimized integration's service name calls ({@code events}:
   * EventBridge).
   */
  static String sdkService(String service) {
    return service.equals("events") ? "eventbridge" : service;
  }

  /** Whether {@code service:api} is one of these integrations (the pattern suffix stripped). */
  public static boolean offers(String service, String api) {
    Set<String> apis = APIS.get(service);
    return apis != null && apis.contains(baseApi(api));
  }

  /** Whether an endpoint is configured for the service of this integration. */
  public boolean reachable(String service) {
    return services.endpointFor(sdkService(service)).isPresent();
  }

  /**
   * Calls the integration.
   *
   * @param service {@code sqs}, {@code sns}, {@code dynamodb} or {@code events}
   * @param api the API, possibly with {@code .waitForTaskToken}
   * @param parameters the task's evaluated parameters
   * @param stateMachineArn the execution's state machine, added to put events' resources
   * @param executionArn the execution, likewise
   */
  public JsonNode call(
      String service, String api, JsonNode parameters, String stateMachineArn, String executionArn)
      throws SdkServices.CallFailure {
    String base = baseApi(api);
    ObjectNode p = parameters.isObject() ? ((ObjectNode) parameters).deepCopy() : null;
    if (p == null) {
      throw new SdkServices.CallFailure(
          "States.Runtime", "The parameters of " + service + ":" + base + " must be an object.");
    }
    switch (service + ":" + base) {
      case "sqs:sendMessage" -> stringify(p, "MessageBody");
      case "sns:publish" -> stringify(p, "Message");
      case "events:putEvents" -> {
        for (JsonNode entry : p.path("Entries")) {
          if (entry instanceof ObjectNode e) {
            stringify(e, "Detail");
            ArrayNode resources =
                e.path("Resources").isArray()
                    ? (ArrayNode) e.get("Resources")
                    : e.putArray("Resources");
            resources.add(stateMachineArn);
            resources.add(executionArn);
          }
        }
      }
      default -> {
        // DynamoDB's item APIs are called as written.
      }
    }
    JsonNode out = services.call(sdkService(service), base, p, SdkServices.Naming.OPTIMIZED);
    if (base.equals("putEvents") && out.path("FailedEntryCount").asInt(0) > 0) {
      ObjectNode cause = out.deepCopy();
      cause.remove("SdkHttpMetadata");
      cause.remove("SdkResponseMetadata");
      throw new SdkServices.CallFailure("EventBridge.FailedEntry", cause.toString());
    }
    return out;
  }

  private static void stringify(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    if (v != null && (v.isObject() || v.isArray())) {
      node.put(field, v.toString());
    }
  }

  private static String baseApi(String api) {
    int dot = api.indexOf('.');
    return dot < 0 ? api : api.substring(0, dot);
  }
}
