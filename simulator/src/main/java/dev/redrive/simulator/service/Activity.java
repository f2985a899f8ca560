package dev.redrive.simulator.service;

import java.time.Instant;
import java.util.Objects;

/**
 * An activity as DescribeActivity reports it.
 *
 * @param arn its ARN
 * @param name its name
 * @param creationDate when it was created
 * @param sequence the creation order, for listing
 */
public record Activity(String arn, String name, Instant creationDate, long sequence) {
  public Activity {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(creationDate, "creationDate");
  }
}
