package dev.redrive.functions.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionRequest;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * A scripted Step Functions for controller tests: executions with a status, redriveCount, input and
 * history, RedriveExecution with AWS's rules (only FAILED/TIMED_OUT/ABORTED; a repeated client
 * token is the same request), and throttling injected on demand. Thread-safe.
 */
public final class FakeStepFunctions implements SfnClient {
  /** One execution's state. */
  public static final class Execution {
    public final String arn;
    public final String stateMachineArn;
    public volatile String status;
    public volatile int redriveCount;
    public volatile String input;
    public volatile List<HistoryEvent> history = List.of();
    final List<String> tokens = new ArrayList<>();

    Execution(String arn, String stateMachineArn, String status, int redriveCount, String input) {
      this.arn = arn;
      this.stateMachineArn = stateMachineArn;
      this.status = status;
      this.redriveCount = redriveCount;
      this.input = input;
    }
  }

  private final Map<String, Execution> executions = new ConcurrentHashMap<>();
  private final List<String> redrives = new ArrayList<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private volatile BooleanSupplier throttle = () -> false;

  /** Adds an execution. */
  public Execution add(String arn, String stateMachineArn, String status, int count, String input) {
    Execution e = new Execution(arn, stateMachineArn, status, count, input);
    executions.put(arn, e);
    return e;
  }

  public Execution get(String arn) {
    return executions.get(arn);
  }

  /** Every call throws ThrottlingException while {@code throttle} says so. */
  public void throttleWhen(BooleanSupplier throttle) {
    this.throttle = throttle;
  }

  /** The execution ARNs RedriveExecution actually redrove, in order. */
  public synchronized List<String> redrives() {
    return List.copyOf(redrives);
  }

  public long throttledCalls() {
    return throttled.get();
  }

  private void maybeThrottle() {
    calls.incrementAndGet();
    if (throttle.getAsBoolean()) {
      throttled.incrementAndGet();
      throw (SfnException)
          SfnException.builder()
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("ThrottlingException")
                      .errorMessage("Rate exceeded")
                      .build())
              .build();
    }
  }

  private Execution find(String arn) {
    Execution e = executions.get(arn);
    if (e == null) {
      throw ExecutionDoesNotExistException.builder()
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("ExecutionDoesNotExist")
                  .errorMessage("Execution Does Not Exist: '" + arn + "'")
                  .build())
          .build();
    }
    return e;
  }

  @Override
  public RedriveExecutionResponse redriveExecution(RedriveExecutionRequest request) {
    maybeThrottle();
    Execution e = find(request.executionArn());
    synchronized (this) {
      if (request.clientToken() != null && e.tokens.contains(request.clientToken())) {
        return RedriveExecutionResponse.builder().redriveDate(Instant.now()).build();
      }
      if (!(e.status.equals("FAILED")
          || e.status.equals("TIMED_OUT")
          || e.status.equals("ABORTED"))) {
        throw ExecutionNotRedrivableException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ExecutionNotRedrivable")
                    .errorMessage("Execution is " + e.status + " and cannot be redriven")
                    .build())
            .build();
      }
      e.tokens.add(request.clientToken());
      e.status = "RUNNING";
      e.redriveCount++;
      redrives.add(e.arn);
    }
    return RedriveExecutionResponse.builder().redriveDate(Instant.now()).build();
  }

  @Override
  public DescribeExecutionResponse describeExecution(DescribeExecutionRequest request) {
    maybeThrottle();
    Execution e = find(request.executionArn());
    return DescribeExecutionResponse.builder()
        .executionArn(e.arn)
        .stateMachineArn(e.stateMachineArn)
        .status(e.status)
        .redriveCount(e.redriveCount)
        .input(e.input)
        .build();
  }

  @Override
  public GetExecutionHistoryResponse getExecutionHistory(GetExecutionHistoryRequest request) {
    maybeThrottle();
    Execution e = find(request.executionArn());
    List<HistoryEvent> events = new ArrayList<>(e.history);
    if (Boolean.TRUE.equals(request.reverseOrder())) {
      java.util.Collections.reverse(events);
    }
    return GetExecutionHistoryResponse.builder().events(events).build();
  }

  @Override
  public String serviceName() {
    return "states";
  }

  @Override
  public void close() {}
}
