package dev.redrive.simulator.service;

import java.util.Objects;

/**
 * A request the service refuses because of the resources it names or their state: a state machine
 * or execution that does not exist, a name already taken, an operation the state machine's type
 * does not support. The API answers it with HTTP 400, {@link #errorCode()} as the error type and
 * {@link #getMessage()} as the message, both as AWS words them.
 */
public class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;

  /**
   * @param errorCode AWS's error code, without the {@code Exception} suffix
   * @param message the message as AWS words it
   */
  public ServiceException(String errorCode, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  /** AWS's error code, e.g. {@code StateMachineDoesNotExist}. */
  public String errorCode() {
    return errorCode;
  }

  /** No state machine has the ARN. */
  public static ServiceException stateMachineDoesNotExist(String arn) {
    return new ServiceException(
        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  /** Another state machine already has the name. */
  public static ServiceException stateMachineAlreadyExists(String arn) {
    return new ServiceException(
        "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }

  /** No execution has the ARN. */
  public static ServiceException executionDoesNotExist(String arn) {
    return new ServiceException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  /** An execution with the name exists, closed or with another input. */
  public static ServiceException executionAlreadyExists(String arn) {
    return new ServiceException(
        "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
  }

  /** No activity has the ARN. */
  public static ServiceException activityDoesNotExist(String arn) {
    return new ServiceException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
  }

  /** The operation is for the other type of state machine (StartSyncExecution on STANDARD...). */
  public static ServiceException stateMachineTypeNotSupported() {
    return new ServiceException(
        "StateMachineTypeNotSupported",
        "This operation is not supported by this type of state machine");
  }

  /** A paging token this service did not issue. */
  public static ServiceException invalidToken(String token) {
    return new ServiceException("InvalidToken", "Invalid Token: '" + token + "'");
  }

  /** A task token that was never issued. */
  public static ServiceException invalidTaskToken() {
    return new ServiceException("InvalidToken", "Invalid Token: 'Invalid token'");
  }

  /** A task token whose task has already ended. */
  public static ServiceException taskTimedOut() {
    return new ServiceException(
        "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }

  /** The output of SendTaskSuccess is not JSON. */
  public static ServiceException invalidOutput(String detail) {
    return new ServiceException("InvalidOutput", "Invalid Output: '" + detail + "'");
  }

  /** RedriveExecution of an execution that cannot be redriven. */
  public static ServiceException executionNotRedrivable(String message) {
    return new ServiceException("ExecutionNotRedrivable", message);
  }

  /** No map run has the ARN. */
  public static ServiceException resourceNotFound(String arn) {
    return new ServiceException("ResourceNotFound", "Resource Not Found: '" + arn + "'");
  }
}
