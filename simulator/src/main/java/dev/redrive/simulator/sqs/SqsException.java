package dev.redrive.simulator.sqs;

/**
 * An SQS error as the JSON protocol answers it: {@code __type} (the error shape's name, which the
 * AWS SDKs map to their exception classes), the older query protocol's code (sent in the {@code
 * x-amzn-query-error} header, which SDKs with query compatibility report as the error code), the
 * HTTP status and AWS's message.
 */
public final class SqsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final String queryCode;
  private final int status;

  SqsException(String type, String queryCode, int status, String message) {
    super(message);
    this.type = type;
    this.queryCode = queryCode;
    this.status = status;
  }

  /** The error shape's name, e.g. {@code QueueDoesNotExist}. */
  public String type() {
    return type;
  }

  /** The query protocol's code, e.g. {@code AWS.SimpleQueueService.NonExistentQueue}. */
  public String queryCode() {
    return queryCode;
  }

  /** The HTTP status: 400 for the caller's mistakes. */
  public int status() {
    return status;
  }

  /** The value of the {@code x-amzn-query-error} header: {@code code;Sender}. */
  public String queryErrorHeader() {
    return queryCode + ";" + (status >= 500 ? "Receiver" : "Sender");
  }

  /** A request body that is not one JSON object. */
  public static SqsException serialization(String message) {
    return new SqsException("SerializationException", "SerializationException", 400, message);
  }

  static SqsException noQueue() {
    return new SqsException(
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
        400,
        "The specified queue does not exist.");
  }

  static SqsException invalidParameter(String message) {
    return new SqsException("InvalidParameterValue", "InvalidParameterValue", 400, message);
  }

  static SqsException missingParameter(String name) {
    return new SqsException(
        "MissingParameter",
        "MissingParameter",
        400,
        "The request must contain the parameter " + name + ".");
  }

  static SqsException invalidAttributeName(String name) {
    return new SqsException(
        "InvalidAttributeName", "InvalidAttributeName", 400, "Unknown Attribute " + name + ".");
  }

  static SqsException invalidAttributeValue(String name, String value, String reason) {
    return new SqsException(
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        400,
        "Invalid value for the parameter " + name + ": '" + value + "'. Reason: " + reason);
  }

  static SqsException queueNameExists(String name) {
    return new SqsException(
        "QueueNameExists",
        "QueueAlreadyExists",
        400,
        "A queue already exists with the same name and a different value for attribute " + name);
  }

  static SqsException receiptHandleInvalid(String handle) {
    return new SqsException(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        400,
        "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
  }

  static SqsException messageNotInflight() {
    return new SqsException(
        "MessageNotInflight",
        "AWS.SimpleQueueService.MessageNotInflight",
        400,
        "Message does not exist or is not available for visibility timeout change.");
  }

  static SqsException unsupported(String what) {
    return new SqsException(
        "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, what);
  }

  static SqsException unknownOperation(String target) {
    return new SqsException(
        "UnknownOperationException",
        "UnknownOperationException",
        400,
        "The action or operation requested is invalid: " + target);
  }

  static SqsException tooManyEntries(int n) {
    return new SqsException(
        "TooManyEntriesInBatchRequest",
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        400,
        "Maximum number of entries per request are 10. You have sent " + n + ".");
  }

  static SqsException emptyBatch() {
    return new SqsException(
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400,
        "There should be at least one SendMessageBatchRequestEntry in the request.");
  }

  static SqsException idsNotDistinct(String id) {
    return new SqsException(
        "BatchEntryIdsNotDistinct",
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        400,
        "Id " + id + " repeated.");
  }
}
