package dev.redrive.functions.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes give-ups as EventBridge events ({@code detail-type: Step Functions Redrive Given Up})
 * on a configurable bus and source, and optionally as an SNS message.
 */
public final class AwsGiveUpNotifier implements GiveUpNotifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventBridgeClient events;
  private final String busName;
  private final String source;
  private final Optional<SnsClient> sns;
  private final Optional<String> topicArn;

  /**
   * @param busName the event bus (GIVE_UP_EVENT_BUS, default {@code default})
   * @param source the event source (GIVE_UP_EVENT_SOURCE, default {@code redrive.controller})
   * @param topicArn the SNS topic for messages (GIVE_UP_TOPIC_ARN), if any
   */
  public AwsGiveUpNotifier(
      EventBridgeClient events,
      String busName,
      String source,
      Optional<SnsClient> sns,
      Optional<String> topicArn) {
    this.events = Objects.requireNonNull(events, "events");
    this.busName = Objects.requireNonNull(busName, "busName");
    this.source = Objects.requireNonNull(source, "source");
    this.sns = Objects.requireNonNull(sns, "sns");
    this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    if (topicArn.isPresent() && sns.isEmpty()) {
      throw new IllegalArgumentException("an SNS topic needs an SNS client");
    }
  }

  /** The event's detail as JSON. */
  static String detail(GiveUpNotice notice) {
    ObjectNode d = JSON.createObjectNode();
    d.put("executionArn", notice.executionArn());
    d.put("stateMachineArn", notice.stateMachineArn());
    d.put("status", notice.status());
    d.put("error", notice.error().orElse(null));
    d.put("cause", notice.cause().orElse(null));
    d.put("redriveCount", notice.redriveCount());
    d.put("rule", notice.rule().orElse(null));
    d.put("reason", notice.reason());
    return d.toString();
  }

  @Override
  public void givenUp(GiveUpNotice notice, boolean alsoMessage) {
    String detail = detail(notice);
    PutEventsResponse response =
        events.putEvents(
            r ->
                r.entries(
                    e ->
                        e.eventBusName(busName)
                            .source(source)
                            .detailType(DETAIL_TYPE)
                            .resources(notice.executionArn())
                            .detail(detail)));
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      throw new IllegalStateException(
          "PutEvents rejected the give-up event for "
              + notice.executionArn()
              + ": "
              + response.entries().get(0).errorCode()
              + " "
              + response.entries().get(0).errorMessage());
    }
    if (alsoMessage && topicArn.isPresent()) {
      String subject = "Redrive given up: " + notice.executionArn();
      sns.get()
          .publish(
              r ->
                  r.topicArn(topicArn.get())
                      .subject(subject.length() > 100 ? subject.substring(0, 100) : subject)
                      .message(detail));
    }
  }
}
