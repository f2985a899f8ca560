package dev.redrive.simulator.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A published version of a state machine: an immutable copy of its definition, role, logging and
 * tracing configuration, numbered from 1 per state machine (numbers are never reused, also after a
 * version is deleted).
 *
 * @param arn the version ARN, the state machine's ARN followed by {@code :<number>}
 * @param number the version number, from 1
 * @param stateMachine the state machine as it was when the version was published; its ARN is the
 *     unqualified one, so executions of the version are executions of the state machine
 * @param description the version description, absent when none was given
 * @param creationDate when the version was published
 */
public record StateMachineVersion(
    String arn,
    int number,
    StateMachine stateMachine,
    Optional<String> description,
    Instant creationDate) {
  public StateMachineVersion {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(stateMachine, "stateMachine");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(creationDate, "creationDate");
    if (number < 1) {
      throw new IllegalArgumentException("number must be >= 1, was " + number);
    }
  }
}
