package dev.redrive.simulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The SQS operations of the AWS JSON 1.0 protocol ({@code X-Amz-Target: AmazonSQS.<Operation>}), as
 * the current AWS SDKs and CLI send them, over {@link HostedQueues}: CreateQueue, GetQueueUrl,
 * ListQueues, SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage, DeleteMessageBatch,
 * ChangeMessageVisibility, GetQueueAttributes, SetQueueAttributes, PurgeQueue and DeleteQueue.
 * ReceiveMessage answers with a future, so a long poll holds no thread.
 */
public final class SqsJsonProtocol {
  /** The {@code X-Amz-Target} prefix of SQS operations. */
  public static final String TARGET_PREFIX = "AmazonSQS.";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HostedQueues queues;

  public SqsJsonProtocol(HostedQueues queues) {
    this.queues = queues;
  }

  /**
   * Answers one call.
   *
   * @param operation the operation, e.g. {@code SendMessage}
   * @param request the request body, a JSON object
   * @return the response body; fails with {@link SqsException} for the caller's mistakes
   */
  public CompletableFuture<ObjectNode> handle(String operation, JsonNode request) {
    try {
      if (request == null || !request.isObject()) {
        throw SqsException.invalidParameter("The request body must be a JSON object.");
      }
      return switch (operation) {
        case "ReceiveMessage" -> receive(request);
        default -> CompletableFuture.completedFuture(answer(operation, request));
      };
    } catch (SqsException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ObjectNode answer(String operation, JsonNode r) {
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "CreateQueue" -> out.put("QueueUrl", queues.create(text(r, "QueueName"), map(r)));
      case "GetQueueUrl" -> out.put("QueueUrl", queues.urlOf(text(r, "QueueName")));
      case "ListQueues" -> {
        List<String> urls = queues.list(optionalText(r, "QueueNamePrefix").orElse(null));
        int max = r.path("MaxResults").asInt(1000);
        ArrayNode a = out.putArray("QueueUrls");
        urls.stream().limit(Math.max(1, Math.min(max, 1000))).forEach(a::add);
      }
      case "SendMessage" -> send(out, r);
      case "SendMessageBatch" -> batch(out, r, true);
      case "DeleteMessage" -> queues.deleteMessage(url(r), text(r, "ReceiptHandle"));
      case "DeleteMessageBatch" -> batch(out, r, false);
      case "ChangeMessageVisibility" ->
          queues.changeVisibility(
              url(r),
              text(r, "ReceiptHandle"),
              integer(r, "VisibilityTimeout")
                  .orElseThrow(() -> SqsException.missingParameter("VisibilityTimeout")));
      case "GetQueueAttributes" -> attributes(out, r);
      case "SetQueueAttributes" -> queues.setAttributes(url(r), map(r));
      case "PurgeQueue" -> queues.purge(url(r));
      case "DeleteQueue" -> queues.delete(url(r));
      default -> throw SqsException.unknownOperation(TARGET_PREFIX + operation);
    }
    return out;
  }

  private void send(ObjectNode out, JsonNode r) {
    String body = text(r, "MessageBody");
    checkContents(body);
    SortedMap<String, MessageAttribute> attrs = messageAttributes(r.path("MessageAttributes"));
    HostedQueues.SendResult sent = queues.send(url(r), body, attrs, integer(r, "DelaySeconds"));
    out.put("MessageId", sent.messageId());
    out.put("MD5OfMessageBody", sent.md5OfBody());
    if (sent.md5OfMessageAttributes() != null) {
      out.put("MD5OfMessageAttributes", sent.md5OfMessageAttributes());
    }
  }

  /** SendMessageBatch and DeleteMessageBatch: each entry answered on its own. */
  private void batch(ObjectNode out, JsonNode r, boolean sending) {
    String url = url(r);
    JsonNode entries = r.path("Entries");
    if (!entries.isArray() || entries.isEmpty()) {
      throw SqsException.emptyBatch();
    }
    if (entries.size() > 10) {
      throw SqsException.tooManyEntries(entries.size());
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode e : entries) {
      String id = e.path("Id").asText("");
      if (!ids.add(id)) {
        throw SqsException.idsNotDistinct(id);
      }
    }
    ArrayNode ok = out.putArray("Successful");
    ArrayNode failed = out.putArray("Failed");
    for (JsonNode e : entries) {
      ObjectNode result = JSON.createObjectNode();
      try {
        if (sending) {
          ObjectNode single = JSON.createObjectNode();
          single.put("QueueUrl", url);
          single.setAll((ObjectNode) e);
          send(result, single);
        } else {
          queues.deleteMessage(url, text(e, "ReceiptHandle"));
        }
        result.put("Id", e.path("Id").asText());
        ok.add(result);
      } catch (SqsException problem) {
        ObjectNode f = failed.addObject();
        f.put("Id", e.path("Id").asText());
        f.put("SenderFault", true);
        f.put("Code", problem.type());
        f.put("Message", problem.getMessage());
      }
    }
  }

  private CompletableFuture<ObjectNode> receive(JsonNode r) {
    String url = url(r);
    int max = integer(r, "MaxNumberOfMessages").orElse(1);
    Set<String> system = names(r.path("MessageSystemAttributeNames"));
    system.addAll(names(r.path("AttributeNames")));
    Set<String> wanted = names(r.path("MessageAttributeNames"));
    return queues
        .receiveStored(url, max, integer(r, "VisibilityTimeout"), integer(r, "WaitTimeSeconds"))
        .thenApply(
            got -> {
              ObjectNode out = JSON.createObjectNode();
              if (got.isEmpty()) {
                return out;
              }
              ArrayNode messages = out.putArray("Messages");
              for (HostedQueue.Received m : got) {
                ObjectNode o = messages.addObject();
                o.put("MessageId", m.messageId());
                o.put("ReceiptHandle", m.receiptHandle());
                o.put("MD5OfBody", m.md5OfBody());
                o.put("Body", m.body());
                systemAttributes(o, m, system);
                SortedMap<String, MessageAttribute> chosen = chosen(m.attributes(), wanted);
                if (!chosen.isEmpty()) {
                  o.put("MD5OfMessageAttributes", MessageMd5.ofAttributes(chosen));
                  ObjectNode attrs = o.putObject("MessageAttributes");
                  chosen.forEach((k, v) -> attrs.set(k, attributeJson(v)));
                }
              }
              return out;
            });
  }

  private static void systemAttributes(ObjectNode o, HostedQueue.Received m, Set<String> names) {
    if (names.isEmpty()) {
      return;
    }
    boolean all = names.contains("All");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("SenderId", "AIDAIT2UOQQY3AUEKVGXU");
    values.put("SentTimestamp", Long.toString(m.sentAt().toEpochMilli()));
    values.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
    values.put(
        "ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceivedAt().toEpochMilli()));
    ObjectNode attrs = o.putObject("Attributes");
    values.forEach(
        (k, v) -> {
          if (all || names.contains(k)) {
            attrs.put(k, v);
          }
        });
  }

  private void attributes(ObjectNode out, JsonNode r) {
    Map<String, String> all = queues.attributes(url(r));
    Set<String> names = names(r.path("AttributeNames"));
    ObjectNode attrs = JSON.createObjectNode();
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (names.contains("All") || names.contains(e.getKey())) {
        attrs.put(e.getKey(), e.getValue());
      }
    }
    for (String n : names) {
      if (!n.equals("All") && !all.containsKey(n) && !n.equals("RedrivePolicy")) {
        throw SqsException.invalidAttributeName(n);
      }
    }
    if (!attrs.isEmpty()) {
      out.set("Attributes", attrs);
    }
  }

  private static SortedMap<String, MessageAttribute> chosen(
      SortedMap<String, MessageAttribute> attrs, Set<String> wanted) {
    SortedMap<String, MessageAttribute> chosen = new TreeMap<>();
    for (Map.Entry<String, MessageAttribute> e : attrs.entrySet()) {
      String name = e.getKey();
      boolean take =
          wanted.contains("All")
              || wanted.contains(".*")
              || wanted.contains(name)
              || wanted.stream()
                  .anyMatch(
                      w -> w.endsWith(".*") && name.startsWith(w.substring(0, w.length() - 1)));
      if (take) {
        chosen.put(name, e.getValue());
      }
    }
    return chosen;
  }

  private static SortedMap<String, MessageAttribute> messageAttributes(JsonNode node) {
    SortedMap<String, MessageAttribute> attrs = new TreeMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return attrs;
    }
    if (!node.isObject() || node.size() > 10) {
      throw SqsException.invalidParameter(
          "MessageAttributes must be an object of at most 10 attributes.");
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String type = v.path("DataType").asText("");
      if (!(type.startsWith("String") || type.startsWith("Number") || type.startsWith("Binary"))) {
        throw SqsException.invalidParameter(
            "The message attribute '"
                + e.getKey()
                + "' has an invalid message attribute type,"
                + " the set of supported type prefixes is Binary, Number, and String.");
      }
      if (type.startsWith("Binary")) {
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(v.path("BinaryValue").asText(""));
        } catch (IllegalArgumentException bad) {
          throw SqsException.invalidParameter(
              "The message attribute '" + e.getKey() + "' has a BinaryValue that is not base64.");
        }
        attrs.put(e.getKey(), new MessageAttribute(type, null, bytes));
      } else {
        if (!v.path("StringValue").isTextual()) {
          throw SqsException.invalidParameter(
              "The message attribute '"
                  + e.getKey()
                  + "' must contain a non-empty message"
                  + " attribute value for message attribute type '"
                  + type
                  + "'.");
        }
        attrs.put(e.getKey(), new MessageAttribute(type, v.path("StringValue").asText(), null));
      }
    }
    return attrs;
  }

  private static ObjectNode attributeJson(MessageAttribute a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("DataType", a.dataType());
    if (a.binary()) {
      o.put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
    } else {
      o.put("StringValue", a.stringValue());
    }
    return o;
  }

  /** SQS accepts #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF. */
  private static void checkContents(String body) {
    int i = 0;
    while (i < body.length()) {
      int c = body.codePointAt(i);
      boolean allowed =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!allowed) {
        throw new SqsException(
            "InvalidMessageContents",
            "InvalidMessageContents",
            400,
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to"
                + " #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
      }
      i += Character.charCount(c);
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new HashSet<>();
    if (node.isArray()) {
      node.forEach(n -> names.add(n.asText()));
    }
    return names;
  }

  private static Map<String, String> map(JsonNode r) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode attrs = r.path("Attributes");
    if (attrs.isObject()) {
      attrs.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static String url(JsonNode r) {
    return text(r, "QueueUrl");
  }

  private static String text(JsonNode r, String name) {
    return optionalText(r, name).orElseThrow(() -> SqsException.missingParameter(name));
  }

  private static Optional<String> optionalText(JsonNode r, String name) {
    JsonNode v = r.path(name);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static Optional<Integer> integer(JsonNode r, String name) {
    JsonNode v = r.path(name);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return Optional.of(v.asInt());
    }
    if (v.isTextual()) {
      try {
        return Optional.of(Integer.parseInt(v.asText().trim()));
      } catch (NumberFormatException e) {
        // answered below
      }
    }
    throw SqsException.invalidParameter(
        "Value " + v + " for parameter " + name + " is invalid. Reason: must be an integer.");
  }

  static List<String> operations() {
    return new ArrayList<>(
        List.of(
            "CreateQueue",
            "GetQueueUrl",
            "ListQueues",
            "SendMessage",
            "SendMessageBatch",
            "ReceiveMessage",
            "DeleteMessage",
            "DeleteMessageBatch",
            "ChangeMessageVisibility",
            "GetQueueAttributes",
            "SetQueueAttributes",
            "PurgeQueue",
            "DeleteQueue"));
  }
}
