package dev.redrive.simulator.service;

import dev.redrive.simulator.validation.RequestValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The activities of one service, by ARN. Thread-safe. */
final class Activities {
  private final Arns arns;
  private final Map<String, Activity> byArn = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  Activities(Arns arns) {
    this.arns = arns;
  }

  /** CreateActivity: idempotent, creating one again returns the existing one. */
  synchronized Activity create(String name, Instant now) {
    RequestValidator.createActivity(name);
    String arn = arns.activity(name);
    return byArn.computeIfAbsent(arn, a -> new Activity(a, name, now, sequence.incrementAndGet()));
  }

  /**
   * @throws ServiceException {@code ActivityDoesNotExist}
   */
  synchronized Activity get(String arn) {
    RequestValidator.activityArn(arn);
    Activity found = byArn.get(arn);
    if (found == null) {
      throw ServiceException.activityDoesNotExist(arn);
    }
    return found;
  }

  /** DeleteActivity: deleting one that does not exist succeeds. */
  synchronized void delete(String arn) {
    RequestValidator.activityArn(arn);
    byArn.remove(arn);
  }

  /** Adds an activity read back from the store. */
  synchronized void restore(Activity a) {
    byArn.put(a.arn(), a);
    sequence.accumulateAndGet(a.sequence(), Math::max);
  }

  synchronized List<Activity> all() {
    return new ArrayList<>(byArn.values());
  }
}
