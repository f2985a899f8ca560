package dev.redrive.simulator.sqs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One standard queue: its attributes and messages, each visible, in flight (received and not yet
 * deleted, until its visibility timeout ends) or delayed. Not thread-safe: {@link HostedQueues}
 * guards every call with the queue's monitor.
 */
final class HostedQueue {
  /** A message on the queue. */
  static final class Stored {
    final String id;
    final String body;
    final String md5OfBody;
    final SortedMap<String, MessageAttribute> attributes;
    final Instant sentAt;
    Instant visibleAt;
    int receiveCount;
    Instant firstReceivedAt;
    String receiptHandle;

    Stored(
        String id,
        String body,
        SortedMap<String, MessageAttribute> attributes,
        Instant sentAt,
        Instant visibleAt) {
      this.id = id;
      this.body = body;
      this.md5OfBody = MessageMd5.ofBody(body);
      this.attributes = attributes;
      this.sentAt = sentAt;
      this.visibleAt = visibleAt;
    }
  }

  /** A message as one ReceiveMessage call hands it out. */
  record Received(
      String messageId,
      String receiptHandle,
      String body,
      String md5OfBody,
      SortedMap<String, MessageAttribute> attributes,
      int receiveCount,
      Instant sentAt,
      Instant firstReceivedAt) {}

  private static final AtomicLong HANDLES = new AtomicLong();

  final String name;
  final Instant created;
  Instant lastModified;
  final QueueAttributes attributes;
  private final LinkedHashMap<String, Stored> messages = new LinkedHashMap<>();

  HostedQueue(String name, QueueAttributes attributes, Instant now) {
    this.name = name;
    this.attributes = attributes;
    this.created = now;
    this.lastModified = now;
  }

  Stored send(
      String body,
      SortedMap<String, MessageAttribute> attrs,
      Optional<Integer> delay,
      Instant now) {
    int seconds = delay.orElse(attributes.delaySeconds());
    Stored m = new Stored(UUID.randomUUID().toString(), body, attrs, now, now.plusSeconds(seconds));
    messages.put(m.id, m);
    return m;
  }

  /**
   * Hands out up to {@code max} visible messages, oldest first, hiding each for {@code visibility}.
   * A message received {@code maxReceiveCount} times already goes to the dead-letter queue instead,
   * when the queue has a redrive policy whose target is hosted.
   */
  List<Received> receive(
      int max,
      Duration visibility,
      Instant now,
      java.util.function.Function<String, Optional<HostedQueue>> byArn) {
    dropExpired(now);
    List<Received> out = new ArrayList<>();
    Iterator<Stored> it = messages.values().iterator();
    while (it.hasNext() && out.size() < max) {
      Stored m = it.next();
      if (m.visibleAt.isAfter(now)) {
        continue;
      }
      Optional<QueueAttributes.Redrive> redrive = attributes.redrivePolicy();
      if (redrive.isPresent() && m.receiveCount >= redrive.get().maxReceiveCount()) {
        Optional<HostedQueue> dlq = byArn.apply(redrive.get().deadLetterTargetArn());
        if (dlq.isPresent() && dlq.get() != this) {
          it.remove();
          m.visibleAt = now;
          dlq.get().messages.put(m.id, m);
          continue;
        }
      }
      m.receiveCount++;
      if (m.firstReceivedAt == null) {
        m.firstReceivedAt = now;
      }
      m.visibleAt = now.plus(visibility);
      m.receiptHandle = newHandle(m.id);
      out.add(
          new Received(
              m.id,
              m.receiptHandle,
              m.body,
              m.md5OfBody,
              m.attributes,
              m.receiveCount,
              m.sentAt,
              m.firstReceivedAt));
    }
    return out;
  }

  /** Deletes the message a receipt handle names; a handle of a deleted message is no error. */
  void delete(String receiptHandle) {
    String id = messageId(receiptHandle);
    messages.remove(id);
  }

  void changeVisibility(String receiptHandle, Duration visibility, Instant now) {
    Stored m = messages.get(messageId(receiptHandle));
    if (m == null || m.receiveCount == 0 || !m.visibleAt.isAfter(now)) {
      throw SqsException.messageNotInflight();
    }
    m.visibleAt = now.plus(visibility);
  }

  void purge() {
    messages.clear();
  }

  /** The earliest moment a message now hidden or delayed becomes visible, if any. */
  Optional<Instant> nextVisible(Instant now) {
    Instant next = null;
    for (Stored m : messages.values()) {
      if (m.visibleAt.isAfter(now) && (next == null || m.visibleAt.isBefore(next))) {
        next = m.visibleAt;
      }
    }
    return Optional.ofNullable(next);
  }

  /** Counts: visible, in flight, delayed. */
  Map<String, Long> counts(Instant now) {
    dropExpired(now);
    long visible = 0;
    long inFlight = 0;
    long delayed = 0;
    for (Stored m : messages.values()) {
      if (!m.visibleAt.isAfter(now)) {
        visible++;
      } else if (m.receiveCount > 0) {
        inFlight++;
      } else {
        delayed++;
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    counts.put("ApproximateNumberOfMessages", visible);
    counts.put("ApproximateNumberOfMessagesNotVisible", inFlight);
    counts.put("ApproximateNumberOfMessagesDelayed", delayed);
    return counts;
  }

  private void dropExpired(Instant now) {
    Instant oldest = now.minusSeconds(attributes.messageRetentionPeriod());
    messages.values().removeIf(m -> m.sentAt.isBefore(oldest));
  }

  private String newHandle(String messageId) {
    String raw =
        name + "\n" + messageId + "\n" + HANDLES.incrementAndGet() + "\n" + UUID.randomUUID();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The message id inside a receipt handle this queue issued. */
  private String messageId(String receiptHandle) {
    try {
      String raw =
          new String(
              Base64.getUrlDecoder().decode(receiptHandle),
              java.nio.charset.StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", -1);
      if (parts.length == 4 && parts[0].equals(name)) {
        return parts[1];
      }
    } catch (IllegalArgumentException notBase64) {
      // answered below
    }
    throw SqsException.receiptHandleInvalid(receiptHandle);
  }
}
