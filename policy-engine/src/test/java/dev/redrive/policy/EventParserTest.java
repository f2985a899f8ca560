package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

  @Test
  void readsEveryFieldOfTheCapturedFailure() {
    ExecutionEvent event =
        EventParser.parse(Fixtures.text("test-events/failed-lambda-redrive-count-0.json"));

    assertThat(event.isStatusChange()).isTrue();
    assertThat(event.detailType()).isEqualTo("Step Functions Execution Status Change");
    assertThat(event.source()).isEqualTo("aws.states");
    assertThat(event.executionArn())
        .isEqualTo(
            "arn:aws:states:us-east-1:123456789012:execution:MyStateMachine-gddoyum7f:0e3a7824-7ec2-4ced-9aef-61f71fbef1b5");
    assertThat(event.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:MyStateMachine-gddoyum7f");
    assertThat(event.stateMachineName()).isEqualTo("MyStateMachine-gddoyum7f");
    assertThat(event.status()).isEqualTo("FAILED");
    assertThat(event.redriveCount()).isZero();
    assertThat(event.redriveStatus()).contains("REDRIVABLE");
    assertThat(event.redriveStatusReason()).isEmpty();
    assertThat(event.error()).contains("Lambda.AWSLambdaException");
    assertThat(event.cause().orElseThrow()).contains("Status Code: 403");
    assertThat(event.startDate()).isEqualTo(OptionalLong.of(1700116674994L));
    assertThat(event.stopDate()).isEqualTo(OptionalLong.of(1700116682923L));
    assertThat(event.input()).contains("{\n  \"FunctionName\": \"test\"\n}");
    assertThat(event.failedState()).as("never from the event").isEmpty();
  }

  @Test
  void readsTheReasonOfANotRedrivableExecution() {
    ExecutionEvent event =
        EventParser.parse(Fixtures.text("test-events/running-after-redrive-not-redrivable.json"));

    assertThat(event.status()).isEqualTo("RUNNING");
    assertThat(event.redriveCount()).isEqualTo(1);
    assertThat(event.redriveStatus()).contains("NOT_REDRIVABLE");
    assertThat(event.redriveStatusReason()).contains("Execution is RUNNING and cannot be redriven");
    assertThat(event.stopDate()).isEmpty();
    assertThat(event.error()).isEmpty();
    assertThat(event.cause()).isEmpty();
  }

  @Test
  void addsTheFailedStateTheControllerFound() {
    ExecutionEvent event =
        EventParser.parse(Fixtures.text("test-events/failed-lambda-redrive-count-1.json"));

    assertThat(event.withFailedState("Lambda Invoke").failedState())
        .isEqualTo(Optional.of("Lambda Invoke"));
    assertThat(event.withFailedState("Lambda Invoke").withFailedState("x"))
        .isEqualTo(event.withFailedState("x"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          empty.txt                        | expected an EventBridge event as JSON, found no JSON
          not-json.txt                     | expected an EventBridge event as JSON, found text that is not JSON: Unrecognized token 'Step'
          truncated.txt                    | expected an EventBridge event as JSON, found text that is not JSON: Unexpected end-of-input
          an-array.json                    | expected an EventBridge event (a JSON object), found an array [
          no-detail.json                   | expected an EventBridge event with a "detail" object, found no "detail"
          detail-is-a-string.json          | expected an EventBridge event with a "detail" object, found "detail": a string "FAILED"
          no-execution-arn.json            | expected "detail.executionArn" (the execution's ARN), found none
          null-execution-arn.json          | expected "detail.executionArn" (the execution's ARN), found null
          redrive-count-not-a-number.json  | expected "detail.redriveCount" to be a whole number >= 0, found a string "many"
          redrive-count-negative.json      | expected "detail.redriveCount" to be a whole number >= 0, found a number -1
          stop-date-not-epoch-millis.json  | expected "detail.stopDate" to be epoch milliseconds (a whole number), found a string "2023-11-16T06:38:02Z"
          """)
  void rejectsAMalformedEventSayingWhatWasExpectedAndFound(String file, String message) {
    String text = Fixtures.text("malformed-events/" + file);

    assertThatThrownBy(() -> EventParser.parse(text))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageStartingWith(message);
  }
}
