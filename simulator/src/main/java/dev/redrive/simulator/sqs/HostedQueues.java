package dev.redrive.simulator.sqs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Standard SQS queues hosted in the simulator's process, so that a {@code
 * sqs:sendMessage.waitForTaskToken} task and the worker that answers its token meet on one
 * endpoint. Visibility timeouts, delays, retention, dead-letter redrive and long polling behave as
 * SQS documents them; FIFO queues are refused.
 *
 * <p>A long poll holds no thread: {@link #receive} returns a future that a send, a message becoming
 * visible again, or the end of the wait completes, on one timer thread. Queue URLs are {@code
 * BASE/ACCOUNT/NAME}; a URL from AWS ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}) names
 * the same queue, so definitions written for AWS run unchanged. Thread-safe.
 */
public final class HostedQueues implements AutoCloseable {
  /** The most long polls waiting at once; more are answered at once with no messages. */
  public static final int MAX_WAITING_POLLS = 10_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  /** A message as ReceiveMessage returns it. */
  public record Message(
      String messageId,
      String receiptHandle,
      String body,
      String md5OfBody,
      int receiveCount,
      Instant sentAt,
      Instant firstReceivedAt) {}

  private record Waiter(
      HostedQueue queue,
      int max,
      Duration visibility,
      CompletableFuture<List<HostedQueue.Received>> future) {}

  private final String account;
  private final String region;
  private final Supplier<String> baseUrl;
  private final Clock clock;
  private final Map<String, HostedQueue> byName = new ConcurrentHashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> nextWake;

  /**
   * @param account the account id in queue URLs and ARNs, e.g. {@code 111111111111}
   * @param region the region in queue ARNs
   * @param baseUrl the endpoint's URL, e.g. {@code http://127.0.0.1:8083}, read when a URL is made
   * @param clock the time of sends, visibility and retention
   */
  public HostedQueues(String account, String region, Supplier<String> baseUrl, Clock clock) {
    this.account = Objects.requireNonNull(account, "account");
    this.region = Objects.requireNonNull(region, "region");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hosted-sqs-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /** Creates a queue, or returns the URL of the one with that name and the same attributes. */
  public String create(String name, Map<String, String> attributes) {
    if (name == null || name.isEmpty()) {
      throw SqsException.missingParameter("QueueName");
    }
    if (name.endsWith(".fifo")) {
      throw SqsException.unsupported(
          "FIFO queues are not hosted by redrive serve: give --sqs-endpoint to use an SQS that has"
              + " them.");
    }
    if (!NAME.matcher(name).matches()) {
      throw SqsException.invalidParameter(
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    synchronized (byName) {
      HostedQueue existing = byName.get(name);
      if (existing != null) {
        synchronized (existing) {
          Optional<String> differs = existing.attributes.differsFrom(attributes);
          if (differs.isPresent()) {
            throw SqsException.queueNameExists(differs.get());
          }
        }
        return url(name);
      }
      QueueAttributes attrs = new QueueAttributes();
      attrs.set(attributes);
      byName.put(name, new HostedQueue(name, attrs, clock.instant()));
      return url(name);
    }
  }

  /** The URL of a queue by name. */
  public String urlOf(String name) {
    if (name == null || !byName.containsKey(name)) {
      throw SqsException.noQueue();
    }
    return url(name);
  }

  /** Whether a queue URL names a queue hosted here. */
  public boolean hosts(String queueUrl) {
    return find(queueUrl).isPresent();
  }

  /** The URLs of the queues whose names start with {@code prefix}, sorted. */
  public List<String> list(String prefix) {
    List<String> urls = new ArrayList<>();
    new TreeMap<>(byName)
        .keySet()
        .forEach(
            n -> {
              if (prefix == null || n.startsWith(prefix)) {
                urls.add(url(n));
              }
            });
    return urls;
  }

  public void delete(String queueUrl) {
    HostedQueue q = queue(queueUrl);
    byName.remove(q.name, q);
    List<Waiter> gone = new ArrayList<>();
    synchronized (waiters) {
      waiters.removeIf(w -> w.queue == q && gone.add(w));
    }
    gone.forEach(w -> w.future.complete(List.of()));
  }

  public void purge(String queueUrl) {
    HostedQueue q = queue(queueUrl);
    synchronized (q) {
      q.purge();
    }
  }

  /**
   * Sends a message.
   *
   * @param delaySeconds the message's own delay, or empty for the queue's
   * @return the message id and the MD5 digests SQS returns
   */
  public SendResult send(
      String queueUrl,
      String body,
      SortedMap<String, MessageAttribute> attributes,
      Optional<Integer> delaySeconds) {
    HostedQueue q = queue(queueUrl);
    if (body == null || body.isEmpty()) {
      throw SqsException.missingParameter("MessageBody");
    }
    HostedQueue.Stored m;
    synchronized (q) {
      int size = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (size > q.attributes.maximumMessageSize()) {
        throw SqsException.invalidParameter(
            "One or more parameters are invalid. Reason: Message must be shorter than "
                + q.attributes.maximumMessageSize()
                + " bytes.");
      }
      m = q.send(body, attributes, delaySeconds, clock.instant());
    }
    wake();
    return new SendResult(m.id, m.md5OfBody, MessageMd5.ofAttributes(attributes));
  }

  /** Sends a message without attributes or delay: what a {@code sqs:sendMessage} task does. */
  public SendResult send(String queueUrl, String body) {
    return send(queueUrl, body, new TreeMap<>(), Optional.empty());
  }

  /** What SendMessage answers. */
  public record SendResult(String messageId, String md5OfBody, String md5OfMessageAttributes) {}

  /**
   * Receives up to {@code max} messages, waiting up to {@code waitSeconds} (the queue's {@code
   * ReceiveMessageWaitTimeSeconds} when empty) for the first one.
   */
  public CompletableFuture<List<Message>> receive(
      String queueUrl,
      int max,
      Optional<Integer> visibilitySeconds,
      Optional<Integer> waitSeconds) {
    return receiveStored(queueUrl, max, visibilitySeconds, waitSeconds)
        .thenApply(list -> list.stream().map(HostedQueues::message).toList());
  }

  CompletableFuture<List<HostedQueue.Received>> receiveStored(
      String queueUrl,
      int max,
      Optional<Integer> visibilitySeconds,
      Optional<Integer> waitSeconds) {
    HostedQueue q = queue(queueUrl);
    if (max < 1 || max > 10) {
      throw SqsException.invalidParameter(
          "Value "
              + max
              + " for parameter MaxNumberOfMessages is invalid. Reason: Must be between"
              + " 1 and 10, if provided.");
    }
    int wait;
    Duration visibility;
    synchronized (q) {
      wait = waitSeconds.orElse(q.attributes.receiveMessageWaitTimeSeconds());
      visibility = Duration.ofSeconds(visibilitySeconds.orElse(q.attributes.visibilityTimeout()));
    }
    if (wait < 0 || wait > 20) {
      throw SqsException.invalidParameter(
          "Value "
              + wait
              + " for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and"
              + " <= 20, if provided.");
    }
    if (visibility.isNegative() || visibility.getSeconds() > 43_200) {
      throw SqsException.invalidParameter(
          "Value "
              + visibility.getSeconds()
              + " for parameter VisibilityTimeout is invalid."
              + " Reason: Must be >= 0 and <= 43200, if provided.");
    }
    List<HostedQueue.Received> now;
    synchronized (q) {
      now = q.receive(max, visibility, clock.instant(), this::byArn);
    }
    if (!now.isEmpty() || wait == 0) {
      return CompletableFuture.completedFuture(now);
    }
    CompletableFuture<List<HostedQueue.Received>> future = new CompletableFuture<>();
    Waiter w = new Waiter(q, max, visibility, future);
    synchronized (waiters) {
      if (waiters.size() >= MAX_WAITING_POLLS) {
        return CompletableFuture.completedFuture(List.of());
      }
      waiters.add(w);
    }
    timer.schedule(
        () -> {
          boolean mine;
          synchronized (waiters) {
            mine = waiters.remove(w);
          }
          if (mine) {
            future.complete(List.of());
          }
        },
        wait,
        TimeUnit.SECONDS);
    // A message sent between the first look and registering must not be missed.
    wake();
    return future;
  }

  public void deleteMessage(String queueUrl, String receiptHandle) {
    HostedQueue q = queue(queueUrl);
    if (receiptHandle == null || receiptHandle.isEmpty()) {
      throw SqsException.missingParameter("ReceiptHandle");
    }
    synchronized (q) {
      q.delete(receiptHandle);
    }
  }

  public void changeVisibility(String queueUrl, String receiptHandle, int seconds) {
    HostedQueue q = queue(queueUrl);
    if (seconds < 0 || seconds > 43_200) {
      throw SqsException.invalidParameter(
          "Value "
              + seconds
              + " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0"
              + " and <= 43200, if provided.");
    }
    synchronized (q) {
      q.changeVisibility(receiptHandle, Duration.ofSeconds(seconds), clock.instant());
    }
    wake();
  }

  /** The queue's attributes, its counts, ARN and timestamps: what {@code All} returns. */
  public Map<String, String> attributes(String queueUrl) {
    HostedQueue q = queue(queueUrl);
    Map<String, String> all;
    synchronized (q) {
      all = q.attributes.all();
      q.counts(clock.instant()).forEach((k, v) -> all.put(k, Long.toString(v)));
      all.put("CreatedTimestamp", Long.toString(q.created.getEpochSecond()));
      all.put("LastModifiedTimestamp", Long.toString(q.lastModified.getEpochSecond()));
    }
    all.put("QueueArn", arn(q.name));
    all.put("SqsManagedSseEnabled", all.getOrDefault("SqsManagedSseEnabled", "false"));
    return all;
  }

  public void setAttributes(String queueUrl, Map<String, String> attributes) {
    HostedQueue q = queue(queueUrl);
    synchronized (q) {
      q.attributes.set(attributes);
      q.lastModified = clock.instant();
    }
    wake();
  }

  /** How many long polls are waiting now. */
  public int waitingPolls() {
    synchronized (waiters) {
      return waiters.size();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    List<Waiter> all;
    synchronized (waiters) {
      all = new ArrayList<>(waiters);
      waiters.clear();
    }
    all.forEach(w -> w.future.complete(List.of()));
  }

  /** Hands newly visible messages to waiting polls, oldest poll first; re-arms the timer. */
  private void wake() {
    List<Runnable> completions = new ArrayList<>();
    Instant now = clock.instant();
    Instant next = null;
    synchronized (waiters) {
      Iterator<Waiter> it = waiters.iterator();
      while (it.hasNext()) {
        Waiter w = it.next();
        List<HostedQueue.Received> got;
        Optional<Instant> later;
        synchronized (w.queue) {
          got = w.queue.receive(w.max, w.visibility, now, this::byArn);
          later = got.isEmpty() ? w.queue.nextVisible(now) : Optional.empty();
        }
        if (!got.isEmpty()) {
          it.remove();
          completions.add(() -> w.future.complete(got));
        } else if (later.isPresent() && (next == null || later.get().isBefore(next))) {
          next = later.get();
        }
      }
      if (nextWake != null) {
        nextWake.cancel(false);
        nextWake = null;
      }
      if (next != null && !timer.isShutdown()) {
        long millis = Math.max(1, Duration.between(now, next).toMillis());
        nextWake = timer.schedule(this::wake, millis, TimeUnit.MILLISECONDS);
      }
    }
    completions.forEach(Runnable::run);
  }

  private Optional<HostedQueue> byArn(String arn) {
    String prefix = "arn:aws:sqs:" + region + ":" + account + ":";
    if (arn == null || !arn.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName.get(arn.substring(prefix.length())));
  }

  private HostedQueue queue(String queueUrl) {
    return find(queueUrl).orElseThrow(SqsException::noQueue);
  }

  private Optional<HostedQueue> find(String queueUrl) {
    if (queueUrl == null || queueUrl.isEmpty()) {
      throw SqsException.missingParameter("QueueUrl");
    }
    String path;
    try {
      path = URI.create(queueUrl).getPath();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    String[] parts = path.split("/");
    if (parts.length < 2 || !parts[parts.length - 2].equals(account)) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName.get(parts[parts.length - 1]));
  }

  private String url(String name) {
    return baseUrl.get() + "/" + account + "/" + name;
  }

  private String arn(String name) {
    return "arn:aws:sqs:" + region + ":" + account + ":" + name;
  }

  private static Message message(HostedQueue.Received r) {
    return new Message(
        r.messageId(),
        r.receiptHandle(),
        r.body(),
        r.md5OfBody(),
        r.receiveCount(),
        r.sentAt(),
        r.firstReceivedAt());
  }
}
