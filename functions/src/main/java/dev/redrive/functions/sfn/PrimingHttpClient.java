package dev.redrive.functions.sfn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never touches the network: it answers the three Step Functions calls the
 * gateway makes (GetExecutionHistory, DescribeExecution, RedriveExecution) with fixed responses of
 * the shape AWS returns, and any other operation with a 400 {@code UnknownOperationException}.
 *
 * <p>For priming only ({@code config.SnapStartPriming}): an {@code SfnClient} on this client runs
 * the SDK's whole request path (marshalling, endpoint rules, SigV4 signing, unmarshalling) so that
 * its classes are loaded and its code compiled before a SnapStart snapshot.
 */
public final class PrimingHttpClient implements SdkHttpClient {
  /** The execution every response describes. */
  public static final String EXECUTION_ARN =
      "arn:aws:states:us-east-1:111111111111:execution:priming:priming";

  private static final String STATE_MACHINE_ARN =
      "arn:aws:states:us-east-1:111111111111:stateMachine:priming";
  private static final String HISTORY =
      "{\"events\":["
          + "{\"id\":4,\"previousEventId\":3,\"timestamp\":1700000003.0,\"type\":\"ExecutionFailed\","
          + "\"executionFailedEventDetails\":{\"error\":\"States.TaskFailed\",\"cause\":\"priming\"}},"
          + "{\"id\":3,\"previousEventId\":2,\"timestamp\":1700000002.0,\"type\":\"TaskFailed\","
          + "\"taskFailedEventDetails\":{\"resourceType\":\"lambda\",\"resource\":\"invoke\","
          + "\"error\":\"States.TaskFailed\",\"cause\":\"priming\"}},"
          + "{\"id\":2,\"previousEventId\":1,\"timestamp\":1700000001.0,\"type\":\"TaskStateEntered\","
          + "\"stateEnteredEventDetails\":{\"name\":\"Priming\"}},"
          + "{\"id\":1,\"previousEventId\":0,\"timestamp\":1700000000.0,\"type\":\"ExecutionStarted\","
          + "\"executionStartedEventDetails\":{\"roleArn\":\"arn:aws:iam::111111111111:role/priming\"}}"
          + "]}";
  private static final String DESCRIPTION =
      "{\"executionArn\":\""
          + EXECUTION_ARN
          + "\",\"stateMachineArn\":\""
          + STATE_MACHINE_ARN
          + "\",\"name\":\"priming\",\"status\":\"FAILED\",\"startDate\":1700000000.0,"
          + "\"stopDate\":1700000003.0,\"input\":\"{}\",\"redriveCount\":0,"
          + "\"redriveStatus\":\"REDRIVABLE\"}";
  private static final String REDRIVEN = "{\"redriveDate\":1700000004.0}";

  private final AtomicInteger answered = new AtomicInteger();

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
    int status = 200;
    String body;
    switch (target) {
      case "AWSStepFunctions.GetExecutionHistory":
        body = HISTORY;
        break;
      case "AWSStepFunctions.DescribeExecution":
        body = DESCRIPTION;
        break;
      case "AWSStepFunctions.RedriveExecution":
        body = REDRIVEN;
        break;
      default:
        status = 400;
        body =
            "{\"__type\":\"UnknownOperationException\",\"message\":\"the priming client answers"
                + " GetExecutionHistory, DescribeExecution and RedriveExecution, not '"
                + target
                + "'\"}";
    }
    int statusCode = status;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream in = request.contentStreamProvider().get().newStream()) {
            in.readAllBytes();
          }
        }
        answered.incrementAndGet();
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(statusCode)
                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("Content-Length", String.valueOf(bytes.length))
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  /** How many requests this client has answered. */
  public int answered() {
    return answered.get();
  }

  @Override
  public String clientName() {
    return "Priming";
  }

  @Override
  public void close() {}
}
