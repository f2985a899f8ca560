package dev.redrive.simulator.error;

import java.util.Objects;

/**
 * A failure raised while a state runs, carrying the ASL error name and the cause exactly as AWS
 * Step Functions reports them in the history ({@code States.Runtime}, {@code
 * States.QueryEvaluationError}, {@code States.TaskFailed}, a Lambda error type, ...).
 *
 * <p>The interpreter catches it, records it in the history, and applies the state's Retry and
 * Catch. It is unchecked because any evaluation step may raise it.
 */
public class StatesError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code States.Runtime}: an error in the data or paths, not retried by {@code States.ALL}. */
  public static final String RUNTIME = "States.Runtime";

  /** {@code States.QueryEvaluationError}: a JSONata expression failed. */
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

  /** {@code States.IntrinsicFailure}: an intrinsic function was called with bad arguments. */
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

  /** {@code States.DataLimitExceeded}: a payload went over 256 KiB. */
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

  /** {@code States.Timeout}: a task or the execution ran over its TimeoutSeconds. */
  public static final String TIMEOUT = "States.Timeout";

  /** {@code States.TaskFailed}: a task failed for a reason without a more specific name. */
  public static final String TASK_FAILED = "States.TaskFailed";

  private final String error;
  private final String errorCause;

  /**
   * @param error the error name, e.g. {@code States.Runtime}; never null
   * @param cause the human-readable cause as AWS words it; never null
   */
  public StatesError(String error, String cause) {
    super(error + ": " + cause);
    this.error = Objects.requireNonNull(error, "error");
    this.errorCause = Objects.requireNonNull(cause, "cause");
  }

  /** A {@code States.Runtime} error with the given cause. */
  public static StatesError runtime(String cause) {
    return new StatesError(RUNTIME, cause);
  }

  /** The error name, e.g. {@code States.Runtime}. */
  public String error() {
    return error;
  }

  /** The cause as it appears in the history, e.g. in {@code executionFailedEventDetails.cause}. */
  public String cause() {
    return errorCause;
  }
}
