package dev.redrive.functions.scenario;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An SQS queue with a dead-letter queue, as the Lambda event source mapping with {@code
 * ReportBatchItemFailures} uses it: batches of at most 10 messages go to the handler; the items the
 * response lists as failed come back to the queue (at its tail: the visibility timeout is not
 * simulated), and after {@code maxReceives} receives go to the dead-letter queue instead. A batch
 * whose handler throws comes back whole.
 */
final class SimulatedQueue {
  /** The largest batch the event source mapping delivers (its BatchSize). */
  static final int BATCH_SIZE = 10;

  /**
   * A message in the queue.
   *
   * @param id its message id
   * @param body its body, an EventBridge event
   * @param receives how often it was delivered so far
   */
  record Message(String id, String body, int receives) {}

  /**
   * What a drain did.
   *
   * @param batches batches delivered
   * @param deliveries messages delivered, redeliveries included
   * @param itemFailures items the handler reported as failed
   */
  record Stats(long batches, long deliveries, long itemFailures) {}

  private final int maxReceives;
  private final Object lock = new Object();
  // Guarded by lock.
  private final Deque<Message> visible = new ArrayDeque<>();
  private final List<Message> deadLetters = new ArrayList<>();
  private final Map<String, Integer> receivesById = new HashMap<>();
  private int inFlight;
  private long nextId;
  private long batches;
  private long deliveries;
  private long itemFailures;

  /**
   * @param maxReceives the queue's maxReceiveCount: deliveries of one message before its DLQ
   */
  SimulatedQueue(int maxReceives) {
    if (maxReceives < 1) {
      throw new IllegalArgumentException("maxReceives must be >= 1, was " + maxReceives);
    }
    this.maxReceives = maxReceives;
  }

  /** Sends one message; returns its id. */
  String send(String body) {
    synchronized (lock) {
      String id = "m-" + nextId++;
      visible.addLast(new Message(id, body, 0));
      lock.notifyAll();
      return id;
    }
  }

  /** Sends messages in the given order; returns their ids in the same order. */
  List<String> sendAll(Collection<String> bodies) {
    List<String> ids = new ArrayList<>();
    for (String body : bodies) {
      ids.add(send(body));
    }
    return ids;
  }

  /** The messages that went to the dead-letter queue. */
  List<Message> deadLetters() {
    synchronized (lock) {
      return List.copyOf(deadLetters);
    }
  }

  /** How often each message was delivered, by id. */
  Map<String, Integer> receives() {
    synchronized (lock) {
      return Map.copyOf(receivesById);
    }
  }

  /**
   * Delivers batches to {@code handler} from {@code threads} pollers at once until the queue is
   * empty and no batch is in flight.
   *
   * @throws AssertionError when that takes longer than {@code timeout}
   */
  Stats drain(RequestHandler<SQSEvent, SQSBatchResponse> handler, int threads, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutorService pollers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        running.add(pollers.submit(() -> poll(handler, deadline)));
      }
      for (Future<?> poller : running) {
        poller.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pollers.shutdownNow();
    }
    synchronized (lock) {
      return new Stats(batches, deliveries, itemFailures);
    }
  }

  private Void poll(RequestHandler<SQSEvent, SQSBatchResponse> handler, long deadline)
      throws InterruptedException {
    while (true) {
      List<Message> batch = take(deadline);
      if (batch.isEmpty()) {
        return null;
      }
      Set<String> failed = new HashSet<>();
      try {
        SQSBatchResponse response = handler.handleRequest(event(batch), null);
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
          failed.add(failure.getItemIdentifier());
        }
      } catch (RuntimeException e) {
        batch.forEach(m -> failed.add(m.id()));
      }
      settle(batch, failed);
    }
  }

  /** The next batch, or an empty one once the queue is empty and nothing is in flight. */
  private List<Message> take(long deadline) throws InterruptedException {
    synchronized (lock) {
      while (visible.isEmpty() && inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("queue not drained in time; " + inFlight + " batches in flight");
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("queue not drained in time; " + visible.size() + " visible");
      }
      List<Message> batch = new ArrayList<>();
      while (batch.size() < BATCH_SIZE && !visible.isEmpty()) {
        Message m = visible.removeFirst();
        Message received = new Message(m.id(), m.body(), m.receives() + 1);
        receivesById.put(m.id(), received.receives());
        batch.add(received);
      }
      if (!batch.isEmpty()) {
        inFlight++;
        batches++;
        deliveries += batch.size();
      }
      return batch;
    }
  }

  private void settle(List<Message> batch, Set<String> failed) {
    synchronized (lock) {
      for (Message m : batch) {
        if (!failed.contains(m.id())) {
          continue;
        }
        itemFailures++;
        if (m.receives() >= maxReceives) {
          deadLetters.add(m);
        } else {
          visible.addLast(m);
        }
      }
      inFlight--;
      lock.notifyAll();
    }
  }

  private static SQSEvent event(List<Message> batch) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : batch) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(m.id());
      record.setBody(m.body());
      record.setEventSource("aws:sqs");
      record.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(m.receives())));
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }
}
