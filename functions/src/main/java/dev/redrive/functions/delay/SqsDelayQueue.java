package dev.redrive.functions.delay;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A {@link DelayQueue} on an SQS queue, with {@code DelaySeconds} per message. */
public final class SqsDelayQueue implements DelayQueue {
  private final SqsClient sqs;
  private final String queueUrl;

  /**
   * @param queueUrl the controller's own queue (REDRIVE_QUEUE_URL)
   */
  public SqsDelayQueue(SqsClient sqs, String queueUrl) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
  }

  @Override
  public void send(String body, Duration delay) {
    if (delay.isNegative() || delay.compareTo(MAX_HOP) > 0) {
      throw new IllegalArgumentException("delay must be within [0s, 15m], was " + delay);
    }
    sqs.sendMessage(
        r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds((int) delay.toSeconds()));
  }
}
