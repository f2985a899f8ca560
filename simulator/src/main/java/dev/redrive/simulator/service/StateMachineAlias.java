package dev.redrive.simulator.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An alias of a state machine: a name that routes StartExecution to one version, or splits it
 * between two by weight.
 *
 * @param arn the alias ARN, the state machine's ARN followed by {@code :<name>}
 * @param name the alias name
 * @param stateMachineArn the unqualified ARN of the state machine whose versions it routes to
 * @param description the description, absent when none was given
 * @param routing one or two versions with weights that add up to 100
 * @param creationDate when it was created
 * @param updateDate when it was last updated, absent before the first update
 * @param sequence the creation order, for listing
 */
public record StateMachineAlias(
    String arn,
    String name,
    String stateMachineArn,
    Optional<String> description,
    List<Route> routing,
    Instant creationDate,
    Optional<Instant> updateDate,
    long sequence) {
  public StateMachineAlias {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(description, "description");
    routing = List.copyOf(routing);
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(updateDate, "updateDate");
    if (routing.isEmpty() || routing.size() > 2) {
      throw new IllegalArgumentException("routing must have 1 or 2 routes, had " + routing.size());
    }
  }

  /**
   * One entry of the routing configuration.
   *
   * @param stateMachineVersionArn the version executions go to
   * @param weight the percentage of executions that go to it, 0 to 100
   */
  public record Route(String stateMachineVersionArn, int weight) {
    public Route {
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
      if (weight < 0 || weight > 100) {
        throw new IllegalArgumentException("weight must be 0 to 100, was " + weight);
      }
    }
  }

  /**
   * The version an execution goes to, for a draw in {@code [0, 100)}: the first route takes the
   * draws below its weight, the second the rest.
   */
  public String route(int draw) {
    if (draw < 0 || draw >= 100) {
      throw new IllegalArgumentException("draw must be 0 to 99, was " + draw);
    }
    Route first = routing.get(0);
    return draw < first.weight() || routing.size() == 1
        ? first.stateMachineVersionArn()
        : routing.get(1).stateMachineVersionArn();
  }
}
