package dev.redrive.simulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A queue's settable attributes, checked against SQS's ranges when set. The ones that change
 * behaviour here are the visibility timeout, retention, delay, long-poll wait, maximum message size
 * and redrive policy; the others (policy, encryption, ...) are kept and returned as given.
 */
final class QueueAttributes {
  /** A dead-letter queue and how many receives a message gets before it moves there. */
  record Redrive(String deadLetterTargetArn, int maxReceiveCount) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, long[]> RANGES =
      Map.of(
          "VisibilityTimeout", new long[] {0, 43_200},
          "MessageRetentionPeriod", new long[] {60, 1_209_600},
          "DelaySeconds", new long[] {0, 900},
          "ReceiveMessageWaitTimeSeconds", new long[] {0, 20},
          "MaximumMessageSize", new long[] {1_024, 1_048_576});

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "VisibilityTimeout", "30",
          "MessageRetentionPeriod", "345600",
          "DelaySeconds", "0",
          "ReceiveMessageWaitTimeSeconds", "0",
          "MaximumMessageSize", "262144");

  /** Attributes SQS lets a caller set that have no effect here but are kept. */
  private static final Set<String> KEPT =
      Set.of(
          "Policy",
          "RedriveAllowPolicy",
          "KmsMasterKeyId",
          "KmsDataKeyReusePeriodSeconds",
          "SqsManagedSseEnabled");

  private final TreeMap<String, String> values = new TreeMap<>(DEFAULTS);

  /** Checks and applies {@code given} over the current values; nothing changes on a problem. */
  void set(Map<String, String> given) {
    for (Map.Entry<String, String> e : given.entrySet()) {
      check(e.getKey(), e.getValue());
    }
    values.putAll(given);
    if ("".equals(values.get("RedrivePolicy"))) {
      values.remove("RedrivePolicy");
    }
  }

  /** The first attribute whose value differs from {@code given}'s, for CreateQueue's check. */
  Optional<String> differsFrom(Map<String, String> given) {
    for (Map.Entry<String, String> e : given.entrySet()) {
      String mine = values.getOrDefault(e.getKey(), "");
      if (!mine.equals(e.getValue())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  Map<String, String> all() {
    return new TreeMap<>(values);
  }

  int visibilityTimeout() {
    return Integer.parseInt(values.get("VisibilityTimeout"));
  }

  long messageRetentionPeriod() {
    return Long.parseLong(values.get("MessageRetentionPeriod"));
  }

  int delaySeconds() {
    return Integer.parseInt(values.get("DelaySeconds"));
  }

  int receiveMessageWaitTimeSeconds() {
    return Integer.parseInt(values.get("ReceiveMessageWaitTimeSeconds"));
  }

  int maximumMessageSize() {
    return Integer.parseInt(values.get("MaximumMessageSize"));
  }

  Optional<Redrive> redrivePolicy() {
    String text = values.get("RedrivePolicy");
    return text == null ? Optional.empty() : Optional.of(redrive(text));
  }

  private static void check(String name, String value) {
    if (value == null) {
      throw SqsException.invalidAttributeValue(name, "null", "a value is required.");
    }
    long[] range = RANGES.get(name);
    if (range != null) {
      long n;
      try {
        n = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw SqsException.invalidAttributeValue(name, value, "must be an integer.");
      }
      if (n < range[0] || n > range[1]) {
        throw SqsException.invalidAttributeValue(
            name, value, "must be between " + range[0] + " and " + range[1] + ".");
      }
    } else if (name.equals("RedrivePolicy")) {
      if (!value.isEmpty()) {
        redrive(value);
      }
    } else if (name.equals("FifoQueue") || name.equals("ContentBasedDeduplication")) {
      throw SqsException.unsupported(
          "FIFO queues are not hosted by redrive serve: give --sqs-endpoint to use an SQS that has"
              + " them.");
    } else if (!KEPT.contains(name)) {
      throw SqsException.invalidAttributeName(name);
    }
  }

  private static Redrive redrive(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (java.io.IOException e) {
      node = null;
    }
    if (node == null
        || !node.path("deadLetterTargetArn").isTextual()
        || !(node.path("maxReceiveCount").canConvertToInt()
            || node.path("maxReceiveCount").isTextual())) {
      throw SqsException.invalidAttributeValue(
          "RedrivePolicy",
          text,
          "expected a JSON object with deadLetterTargetArn and maxReceiveCount.");
    }
    int max;
    try {
      max = Integer.parseInt(node.path("maxReceiveCount").asText());
    } catch (NumberFormatException e) {
      max = 0;
    }
    if (max < 1 || max > 1000) {
      throw SqsException.invalidAttributeValue(
          "RedrivePolicy", text, "maxReceiveCount must be between 1 and 1000.");
    }
    return new Redrive(node.path("deadLetterTargetArn").asText(), max);
  }
}
