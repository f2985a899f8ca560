package dev.redrive.simulator.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * In-process queues that stand in for Amazon SQS: a task {@code arn:aws:states:::sqs:sendMessage}
 * (or {@code sendMessage.waitForTaskToken}) whose {@code QueueUrl} names a queue created here puts
 * its {@code MessageBody} on that queue instead of failing as a service the simulator does not
 * host, and a worker in the same process takes messages with {@link #receive}. A worker that finds
 * a task token in a message answers it with {@code SendTaskSuccess} or {@code SendTaskFailure}, as
 * a queue consumer does against AWS (seed 004).
 *
 * <p>Messages are delivered once, in order, and are gone when received: there is no visibility
 * timeout, no dead-letter queue and no FIFO deduplication. Thread-safe.
 */
public final class LocalQueues {
  /** A message as a worker receives it. */
  public record Message(String messageId, String body, String md5OfBody) {
    public Message {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(md5OfBody, "md5OfBody");
    }
  }

  private final Map<String, BlockingQueue<Message>> byUrl = new ConcurrentHashMap<>();
  private final Optional<dev.redrive.simulator.sqs.HostedQueues> hosted;

  /** An empty registry of in-process queues. */
  public LocalQueues() {
    this.hosted = Optional.empty();
  }

  private LocalQueues(dev.redrive.simulator.sqs.HostedQueues hosted) {
    this.hosted = Optional.of(hosted);
  }

  /**
   * The queues {@code redrive serve} hosts over SQS's protocol: a task's {@code sqs:sendMessage} to
   * one of them puts the message there, where a worker using any AWS SDK receives it.
   */
  public static LocalQueues over(dev.redrive.simulator.sqs.HostedQueues hosted) {
    return new LocalQueues(Objects.requireNonNull(hosted, "hosted"));
  }

  /**
   * Creates a queue (nothing changes if it exists).
   *
   * @param queueUrl the URL tasks name in {@code QueueUrl}, e.g. {@code
   *     https://sqs.us-east-1.amazonaws.com/111111111111/orders}
   * @return this registry
   * @throws IllegalArgumentException when the URL is blank
   */
  public LocalQueues create(String queueUrl) {
    if (queueUrl == null || queueUrl.isBlank()) {
      throw new IllegalArgumentException("queueUrl must not be blank, was '" + queueUrl + "'");
    }
    byUrl.computeIfAbsent(queueUrl, k -> new LinkedBlockingQueue<>());
    return this;
  }

  /** Whether a queue with this URL was created. */
  public boolean hosts(String queueUrl) {
    if (queueUrl != null && hosted.isPresent() && hosted.get().hosts(queueUrl)) {
      return true;
    }
    return queueUrl != null && byUrl.containsKey(queueUrl);
  }

  /** The URLs of the queues, sorted. */
  public Set<String> urls() {
    return new TreeSet<>(byUrl.keySet());
  }

  /**
   * Puts a message on a queue.
   *
   * @return the message, with its id and the MD5 of its body as SQS reports them
   * @throws IllegalArgumentException when no queue has that URL
   */
  public Message send(String queueUrl, String body) {
    if (hosted.isPresent() && !byUrl.containsKey(queueUrl) && hosted.get().hosts(queueUrl)) {
      dev.redrive.simulator.sqs.HostedQueues.SendResult sent = hosted.get().send(queueUrl, body);
      return new Message(sent.messageId(), body, sent.md5OfBody());
    }
    BlockingQueue<Message> queue = queue(queueUrl);
    Message m = new Message(UUID.randomUUID().toString(), body, md5(body));
    queue.add(m);
    return m;
  }

  /**
   * Takes the oldest message of a queue, waiting up to {@code wait} for one (a long poll).
   *
   * @return the message, or empty when none came in time
   * @throws IllegalArgumentException when no queue has that URL
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  public Optional<Message> receive(String queueUrl, Duration wait) throws InterruptedException {
    Objects.requireNonNull(wait, "wait");
    if (hosted.isPresent() && !byUrl.containsKey(queueUrl) && hosted.get().hosts(queueUrl)) {
      int seconds = (int) Math.min(20, Math.max(0, wait.toSeconds()));
      try {
        Optional<dev.redrive.simulator.sqs.HostedQueues.Message> m =
            hosted.get().receive(queueUrl, 1, Optional.empty(), Optional.of(seconds)).get().stream()
                .findFirst();
        m.ifPresent(r -> hosted.get().deleteMessage(queueUrl, r.receiptHandle()));
        return m.map(r -> new Message(r.messageId(), r.body(), r.md5OfBody()));
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    BlockingQueue<Message> queue = queue(queueUrl);
    return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  private BlockingQueue<Message> queue(String queueUrl) {
    BlockingQueue<Message> queue = queueUrl == null ? null : byUrl.get(queueUrl);
    if (queue == null) {
      throw new IllegalArgumentException(
          "no local queue has the URL '" + queueUrl + "' (local queues: " + urls() + ")");
    }
    return queue;
  }

  private static String md5(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
