package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.StateMachineDefinition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A state machine as DescribeStateMachine reports it. Immutable: UpdateStateMachine replaces it.
 *
 * @param arn its ARN
 * @param name its name
 * @param type {@code STANDARD} or {@code EXPRESS}
 * @param definition the ASL document as given
 * @param parsed the parsed definition that executions run
 * @param roleArn the role executions assume
 * @param creationDate when it was created
 * @param updateDate when it was last updated, absent before the first update
 * @param revisionId changes with every update, absent before the first
 * @param loggingConfiguration as given, or AWS's default ({@code {"level": "OFF", ...}})
 * @param tracingConfiguration as given, or AWS's default ({@code {"enabled": false}})
 * @param sequence the creation order, for listing
 */
public record StateMachine(
    String arn,
    String name,
    String type,
    String definition,
    StateMachineDefinition parsed,
    String roleArn,
    Instant creationDate,
    Optional<Instant> updateDate,
    Optional<String> revisionId,
    JsonNode loggingConfiguration,
    JsonNode tracingConfiguration,
    long sequence) {
  /** The type of state machines whose executions are recorded and publish events. */
  public static final String STANDARD = "STANDARD";

  /** The type of state machines that support StartSyncExecution. */
  public static final String EXPRESS = "EXPRESS";

  public StateMachine {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(updateDate, "updateDate");
    Objects.requireNonNull(revisionId, "revisionId");
    Objects.requireNonNull(loggingConfiguration, "loggingConfiguration");
    Objects.requireNonNull(tracingConfiguration, "tracingConfiguration");
    if (!type.equals(STANDARD) && !type.equals(EXPRESS)) {
      throw new IllegalArgumentException("type must be STANDARD or EXPRESS, was " + type);
    }
  }

  /** True for EXPRESS state machines. */
  public boolean isExpress() {
    return type.equals(EXPRESS);
  }
}
