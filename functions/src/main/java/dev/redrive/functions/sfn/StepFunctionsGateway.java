package dev.redrive.functions.sfn;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The three Step Functions calls the controller makes, each behind a retry (throttling and 5xx,
 * exponential backoff with full jitter), a circuit breaker (stops hammering an API that keeps
 * failing), and for RedriveExecution a rate limiter under the account's quota.
 *
 * <p>What still fails after the retries is thrown ({@link AwsServiceException}, {@link
 * SdkClientException} or resilience4j's {@code CallNotPermittedException} / {@code
 * RequestNotPermitted}): the caller returns the message to its queue.
 */
public final class StepFunctionsGateway {
  private final SfnClient sfn;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final RateLimiter redriveLimiter;

  /**
   * @param sfn a client whose own retries are off (this class retries)
   * @param settings how hard to push
   * @param onThrottle called once per retried throttling or 5xx error, for metrics
   */
  public StepFunctionsGateway(SfnClient sfn, ResilienceSettings settings, Runnable onThrottle) {
    this(sfn, settings, onThrottle, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * A gateway whose retry backoffs draw their jitter from {@code jitter} (for tests: a seeded
   * source makes the waits repeatable).
   *
   * @param jitter numbers uniform in [0, 1), called from any thread that calls the gateway
   */
  public StepFunctionsGateway(
      SfnClient sfn, ResilienceSettings settings, Runnable onThrottle, DoubleSupplier jitter) {
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(onThrottle, "onThrottle");
    this.retry =
        Retry.of(
            "stepfunctions",
            RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(
                    fullJitter(settings.initialBackoff(), settings.maxBackoff(), jitter))
                .retryOnException(StepFunctionsGateway::isTransient)
                .failAfterMaxAttempts(false)
                .build());
    retry.getEventPublisher().onRetry(event -> onThrottle.run());
    this.breaker =
        CircuitBreaker.of(
            "stepfunctions",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(settings.breakerFailureRatePercent())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .recordException(StepFunctionsGateway::isTransient)
                .build());
    long periodNanos = Math.max(1, Math.round(1_000_000_000L / settings.redrivesPerSecond()));
    this.redriveLimiter =
        RateLimiter.of(
            "redrive-execution",
            RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(settings.rateLimitWait())
                .build());
  }

  /** Throttling, 5xx and network failures: worth another try. */
  static boolean isTransient(Throwable t) {
    if (t instanceof AwsServiceException) {
      AwsServiceException e = (AwsServiceException) t;
      return e.isThrottlingException() || e.statusCode() >= 500;
    }
    return t instanceof SdkClientException;
  }

  private static IntervalFunction fullJitter(
      Duration initial, Duration max, DoubleSupplier jitter) {
    long initialMillis = Math.max(1, initial.toMillis());
    long maxMillis = Math.max(initialMillis, max.toMillis());
    return attempt -> {
      double ceiling = Math.min(maxMillis, initialMillis * Math.pow(2, attempt - 1));
      return (long) (jitter.getAsDouble() * ceiling);
    };
  }

  private <T> T call(Supplier<T> supplier) {
    return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, supplier)).get();
  }

  /**
   * Calls RedriveExecution with the given idempotency token.
   *
   * @return REDRIVEN, NOT_REDRIVABLE (with AWS's message) or NOT_FOUND
   */
  public RedriveResult redrive(String executionArn, String clientToken) {
    Supplier<RedriveResult> attempt =
        () -> {
          try {
            sfn.redriveExecution(r -> r.executionArn(executionArn).clientToken(clientToken));
            return new RedriveResult(RedriveResult.Kind.REDRIVEN, "");
          } catch (ExecutionNotRedrivableException e) {
            return new RedriveResult(
                RedriveResult.Kind.NOT_REDRIVABLE,
                String.valueOf(e.awsErrorDetails().errorMessage()));
          } catch (ExecutionDoesNotExistException e) {
            return new RedriveResult(
                RedriveResult.Kind.NOT_FOUND, String.valueOf(e.awsErrorDetails().errorMessage()));
          }
        };
    return call(RateLimiter.decorateSupplier(redriveLimiter, attempt));
  }

  /** DescribeExecution, reduced to what the controller needs. */
  public ExecutionView describe(String executionArn) {
    DescribeExecutionResponse d =
        call(() -> sfn.describeExecution(r -> r.executionArn(executionArn)));
    return new ExecutionView(
        d.executionArn(),
        d.stateMachineArn(),
        d.statusAsString(),
        d.redriveCount() == null ? 0 : d.redriveCount(),
        Optional.ofNullable(d.input()),
        Optional.ofNullable(d.mapRunArn()));
  }

  /**
   * Finds where the execution stopped by reading its history newest first, page by page, and
   * stopping as soon as it knows.
   *
   * @return empty when the history names no state that was entered and not exited
   */
  public Optional<FailurePoint> failurePoint(String executionArn) {
    Set<String> exited = new HashSet<>();
    String token = null;
    HistoryEvent entered = null;
    do {
      String page = token;
      GetExecutionHistoryResponse response =
          call(
              () ->
                  sfn.getExecutionHistory(
                      r ->
                          r.executionArn(executionArn)
                              .reverseOrder(true)
                              .maxResults(100)
                              .includeExecutionData(false)
                              .nextToken(page)));
      for (HistoryEvent event : response.events()) {
        String type = event.typeAsString();
        if (entered != null) {
          // Newest-first: events older than the Fail state's entry, back to the previous state or
          // the start of this run. A state's failure there means a Catch led to the Fail state.
          if (type.equals("ExecutionRedriven")
              || type.equals("ExecutionStarted")
              || type.endsWith("StateEntered")) {
            return Optional.of(new FailurePoint(name(entered), "Fail", false));
          }
          if (!type.startsWith("Execution")
              && (type.endsWith("Failed") || type.endsWith("TimedOut"))) {
            return Optional.of(new FailurePoint(name(entered), "Fail", true));
          }
          continue;
        }
        if (type.endsWith("StateExited") && event.stateExitedEventDetails() != null) {
          exited.add(event.stateExitedEventDetails().name());
        } else if (type.endsWith("StateEntered") && event.stateEnteredEventDetails() != null) {
          String stateName = event.stateEnteredEventDetails().name();
          if (!exited.contains(stateName)) {
            String stateType = type.substring(0, type.length() - "StateEntered".length());
            if (!stateType.equals("Fail")) {
              return Optional.of(new FailurePoint(stateName, stateType, false));
            }
            entered = event;
          }
        }
      }
      token = response.nextToken();
    } while (token != null);
    return entered == null
        ? Optional.empty()
        : Optional.of(new FailurePoint(name(entered), "Fail", false));
  }

  private static String name(HistoryEvent entered) {
    return entered.stateEnteredEventDetails().name();
  }

  /** The circuit breaker's state, for logs and tests: CLOSED, OPEN, HALF_OPEN. */
  public String breakerState() {
    return breaker.getState().name();
  }
}
