package dev.redrive.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.redrive.functions.config.ControllerFactory;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.policy.MalformedEventException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Lambda handler for an SQS batch of EventBridge events (the queue the rule feeds). Each record
 * is handled on its own; the response lists only the records that failed, so only those return to
 * the queue (and, after the queue's maxReceiveCount, to its DLQ). The event source mapping must
 * enable {@code ReportBatchItemFailures}.
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final RedriveController controller;
  private final DecisionLog log;
  private final Clock clock;

  /** For the Lambda runtime: real clients and settings from the environment. */
  public SqsEventHandler() {
    this(new DecisionLog(System.out));
  }

  private SqsEventHandler(DecisionLog log) {
    this(ControllerFactory.fromEnvironment(System.getenv(), log), log, Clock.systemUTC());
  }

  /** For tests and local runs: a controller built elsewhere. */
  public SqsEventHandler(RedriveController controller, DecisionLog log, Clock clock) {
    this.controller = Objects.requireNonNull(controller, "controller");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
    for (SQSEvent.SQSMessage record : records) {
      try {
        controller.handle(record.getBody() == null ? "" : record.getBody());
      } catch (MalformedEventException e) {
        log.failure(clock.instant(), record.getMessageId(), "malformed event: " + e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
      } catch (RuntimeException e) {
        log.failure(
            clock.instant(),
            record.getMessageId(),
            "will be retried: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
