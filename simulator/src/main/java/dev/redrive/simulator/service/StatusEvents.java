package dev.redrive.simulator.service;

import dev.redrive.simulator.events.EventPublisher;
import dev.redrive.simulator.events.ExecutionStatusChange;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.runtime.SimClock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes the {@code Step Functions Execution Status Change} events of Standard executions and of
 * Standard map run children (AWS sends none for Express executions). A publisher that fails is
 * logged, never the execution's problem.
 */
final class StatusEvents {
  private static final Logger LOG = Logger.getLogger(StatusEvents.class.getName());

  private final EventPublisher events;
  private final Arns arns;
  private final SimClock clock;

  private final VersionsAndAliases versions;

  StatusEvents(EventPublisher events, Arns arns, SimClock clock, VersionsAndAliases versions) {
    this.versions = versions;
    this.events = events;
    this.arns = arns;
    this.clock = clock;
  }

  /** True when events go somewhere. */
  boolean active() {
    return events != EventPublisher.NONE;
  }

  void publish(ExecutionSnapshot execution) {
    if (execution.stateMachine().isExpress() || !active()) {
      return;
    }
    VersionsAndAliases.Origin origin = versions.origin(execution.arn());
    send(
        execution.arn(),
        execution
            .toStatusChange(arns.region(), arns.account(), clock.now())
            .withOrigin(origin.versionArn(), origin.aliasArn()));
  }

  /** The status of a map run child; a failed child is {@code REDRIVABLE_BY_MAP_RUN}. */
  void publish(MapRun.ChildExecution child) {
    if (!active()) {
      return;
    }
    send(
        child.arn(),
        new ExecutionStatusChange(
            arns.region(),
            arns.account(),
            clock.now(),
            child.arn(),
            child.stateMachineArn(),
            child.name(),
            child.status(),
            child.startDate(),
            child.stopDate(),
            HistoryJson.text(child.input()),
            child.output().map(HistoryJson::text),
            child.redriveCount(),
            child.redriveDate(),
            child.redriveStatus(),
            child.redriveStatusReason(),
            child.error(),
            child.cause()));
  }

  private void send(String arn, ExecutionStatusChange change) {
    try {
      events.publish(change.toEvent());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot publish status change of " + arn, e);
    }
  }
}
