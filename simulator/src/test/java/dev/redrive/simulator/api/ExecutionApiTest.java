package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class ExecutionApiTest {
  static final String PASS_3 =
      "{\"StartAt\":\"A\",\"States\":{"
          + "\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
          + "\"B\":{\"Type\":\"Pass\",\"Result\":{\"b\":2},\"ResultPath\":\"$.b\",\"Next\":\"C\"},"
          + "\"C\":{\"Type\":\"Pass\",\"End\":true}}}";
  static final String FAIL =
      "{\"StartAt\":\"Boom\",\"States\":{\"Boom\":{\"Type\":\"Fail\","
          + "\"Error\":\"Lambda.AWSLambdaException\",\"Cause\":\"denied\"}}}";
  static final String WAIT =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}";
  static final String CALLBACK =
      "{\"StartAt\":\"Call\",\"States\":{\"Call\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
          + "\"Parameters\":{\"FunctionName\":\"capture\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},"
          + "\"End\":true}}}";

  private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
  private final Endpoint endpoint =
      new Endpoint(
          Simulator.builder()
              .function(
                  "capture",
                  (in, clock) -> {
                    tokens.add(in.path("token").asText());
                    return in;
                  })
              .build());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void runsExecutionInTheBackgroundToSuccess() {
    String sm = endpoint.createStateMachine("three", PASS_3);

    StartExecutionResponse started =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).name("run-1").input("{\"a\": 1}"));
    DescribeExecutionResponse done = endpoint.awaitEnd(started.executionArn());

    assertThat(started.executionArn())
        .isEqualTo("arn:aws:states:us-east-1:111111111111:execution:three:run-1");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.input()).isEqualTo("{\"a\": 1}");
    assertThat(done.output()).isEqualTo("{\"a\":1,\"b\":{\"b\":2}}");
    assertThat(done.startDate()).isEqualTo(started.startDate());
    assertThat(done.stopDate()).isAfterOrEqualTo(done.startDate());
    assertThat(done.redriveCount()).isZero();
    assertThat(done.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
    assertThat(done.redriveStatusReason())
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
  }

  @Test
  void reportsFailureWithErrorCauseAndRedriveStatus() {
    String sm = endpoint.createStateMachine("fails", FAIL);

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("Lambda.AWSLambdaException");
    assertThat(done.cause()).isEqualTo("denied");
    assertThat(done.input()).isEqualTo("{}");
    assertThat(done.redriveStatusAsString()).isEqualTo("REDRIVABLE");
    assertThat(done.redriveStatusReason()).isNull();
  }

  @Test
  void startWithSameNameAndInputReturnsTheRunningExecution() {
    String sm = endpoint.createStateMachine("waits", WAIT);

    StartExecutionResponse first =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).name("once").input("{}"));
    StartExecutionResponse again =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).name("once").input("{}"));

    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(first.startDate());
    assertThatThrownBy(
            () ->
                endpoint.sfn.startExecution(
                    b -> b.stateMachineArn(sm).name("once").input("{\"other\": true}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageStartingWith("Execution Already Exists: '" + first.executionArn() + "'");
  }

  @Test
  void startOfClosedExecutionNameFails() {
    String sm = endpoint.createStateMachine("closed", PASS_3);
    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).name("n").input("{}"))
            .executionArn();
    endpoint.awaitEnd(arn);

    assertThatThrownBy(
            () -> endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).name("n").input("{}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
  }

  @Test
  void refusesBadStarts() {
    String sm = endpoint.createStateMachine("refuses", PASS_3);
    String unknown = "arn:aws:states:us-east-1:111111111111:stateMachine:unknown";

    assertThatThrownBy(() -> endpoint.sfn.startExecution(b -> b.stateMachineArn(unknown)))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageStartingWith("State Machine Does Not Exist: '" + unknown + "'");
    assertThatThrownBy(
            () -> endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input("not some json")))
        .isInstanceOf(InvalidExecutionInputException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'");
    String big = "{\"a\":\"" + "x".repeat(262_144) + "\"}";
    assertThatThrownBy(() -> endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input(big)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Member must have length less than or equal to 262144");
  }

  @Test
  void describesExecutionErrors() {
    String unknown = "arn:aws:states:us-east-1:111111111111:execution:sm:nope";
    assertThatThrownBy(() -> endpoint.sfn.describeExecution(b -> b.executionArn(unknown)))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageStartingWith("Execution Does Not Exist: '" + unknown + "'");
    String smArn = "arn:aws:states:us-east-1:111111111111:stateMachine:sm";
    assertThatThrownBy(() -> endpoint.sfn.describeExecution(b -> b.executionArn(smArn)))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageStartingWith(
            "Invalid Arn: 'Resource type not valid in this context: stateMachine'");
  }

  @Test
  void pagesHistoryInBothOrdersWithAndWithoutData() {
    String sm = endpoint.createStateMachine("history", PASS_3);
    String arn =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"a\":1}")).executionArn();
    endpoint.awaitEnd(arn);

    List<HistoryEvent> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      GetExecutionHistoryResponse page =
          endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(3).nextToken(t));
      assertThat(page.events()).hasSizeLessThanOrEqualTo(3);
      all.addAll(page.events());
      token = page.nextToken();
    } while (token != null);
    List<HistoryEvent> reversed =
        endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true)).events();
    List<HistoryEvent> noData =
        endpoint
            .sfn
            .getExecutionHistory(b -> b.executionArn(arn).includeExecutionData(false))
            .events();

    assertThat(all)
        .extracting(HistoryEvent::type)
        .first()
        .isEqualTo(HistoryEventType.EXECUTION_STARTED);
    assertThat(all).hasSize(8);
    assertThat(all).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(all.get(0).executionStartedEventDetails().input()).isEqualTo("{\"a\":1}");
    assertThat(all.get(7).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(reversed)
        .extracting(HistoryEvent::id)
        .containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(noData.get(0).executionStartedEventDetails().input()).isNull();
    assertThat(noData.get(0).executionStartedEventDetails().roleArn()).isEqualTo(Endpoint.ROLE_ARN);
  }

  @Test
  void listsExecutionsNewestFirstWithFiltersAndPaging() {
    String ok = endpoint.createStateMachine("list", PASS_3);
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "e" + i;
      started.add(
          endpoint.sfn.startExecution(b -> b.stateMachineArn(ok).name(name)).executionArn());
    }
    started.forEach(endpoint::awaitEnd);

    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListExecutionsResponse page =
          endpoint.sfn.listExecutions(b -> b.stateMachineArn(ok).maxResults(2).nextToken(t));
      page.executions().stream().map(ExecutionListItem::name).forEach(names::add);
      token = page.nextToken();
    } while (token != null);

    assertThat(names).containsExactly("e4", "e3", "e2", "e1", "e0");
    assertThat(
            endpoint
                .sfn
                .listExecutions(b -> b.stateMachineArn(ok).statusFilter(ExecutionStatus.FAILED))
                .executions())
        .isEmpty();
    assertThat(
            endpoint
                .sfn
                .listExecutions(b -> b.stateMachineArn(ok).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions())
        .hasSize(5);
    assertThat(
            endpoint
                .sfn
                .listExecutions(b -> b.stateMachineArn(ok).redriveFilter("REDRIVEN"))
                .executions())
        .isEmpty();
    assertThat(
            endpoint
                .sfn
                .listExecutions(b -> b.stateMachineArn(ok).redriveFilter("NOT_REDRIVEN"))
                .executions())
        .hasSize(5);
    assertThatThrownBy(
            () -> endpoint.sfn.listExecutions(b -> b.stateMachineArn(ok).statusFilter("succeeded")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT,"
                + " PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
  }

  @Test
  void stopsRunningExecution() {
    String sm = endpoint.createStateMachine("stops", WAIT);
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    Endpoint.await(
        () ->
            endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().size() >= 2
                ? true
                : null);

    var stopped =
        endpoint.sfn.stopExecution(b -> b.executionArn(arn).error("Operator").cause("by hand"));
    DescribeExecutionResponse d = endpoint.sfn.describeExecution(b -> b.executionArn(arn));
    List<HistoryEvent> events = endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();

    assertThat(stopped.stopDate()).isNotNull();
    assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(d.error()).isEqualTo("Operator");
    assertThat(d.cause()).isEqualTo("by hand");
    assertThat(d.redriveStatusAsString()).isEqualTo("REDRIVABLE");
    HistoryEvent last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    assertThat(last.executionAbortedEventDetails().error()).isEqualTo("Operator");
    assertThat(last.previousEventId()).isEqualTo(events.get(events.size() - 2).id());
  }

  @Test
  void completesTaskTokensFromOutside() throws InterruptedException {
    String sm = endpoint.createStateMachine("callback", CALLBACK);
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    String token = tokens.poll(10, TimeUnit.SECONDS);
    assertThat(token).as("token received by the function").isNotNull();

    endpoint.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
    endpoint.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"done\":true}"));
    DescribeExecutionResponse d = endpoint.awaitEnd(arn);

    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output()).isEqualTo("{\"done\":true}");
    assertThatThrownBy(() -> endpoint.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
        .isInstanceOf(TaskTimedOutException.class);
  }

  @Test
  void runsExpressExecutionsSynchronously() {
    String express =
        endpoint
            .sfn
            .createStateMachine(
                b ->
                    b.name("fast")
                        .definition(PASS_3)
                        .roleArn(Endpoint.ROLE_ARN)
                        .type(StateMachineType.EXPRESS))
            .stateMachineArn();
    String standard = endpoint.createStateMachine("slow", PASS_3);

    StartSyncExecutionResponse r =
        endpoint.sfn.startSyncExecution(b -> b.stateMachineArn(express).input("{\"a\":1}"));

    assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"a\":1,\"b\":{\"b\":2}}");
    assertThat(r.executionArn()).startsWith("arn:aws:states:us-east-1:111111111111:express:fast:");
    assertThat(r.billingDetails().billedDurationInMilliseconds()).isPositive();
    assertThatThrownBy(
            () -> endpoint.sfn.startSyncExecution(b -> b.stateMachineArn(standard).name("s")))
        .isInstanceOf(StateMachineTypeNotSupportedException.class)
        .hasMessageStartingWith("This operation is not supported by this type of state machine");
  }

  @Test
  void describesStateMachineForExecutionAsItWasAtStart() {
    String sm = endpoint.createStateMachine("versioned", WAIT);
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    endpoint.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(PASS_3));

    var d = endpoint.sfn.describeStateMachineForExecution(b -> b.executionArn(arn));

    assertThat(d.stateMachineArn()).isEqualTo(sm);
    assertThat(d.definition()).isEqualTo(WAIT);
    endpoint.sfn.stopExecution(b -> b.executionArn(arn));
  }

  @Test
  void runsNestedWorkflowsOfCreatedStateMachines() {
    String child = endpoint.createStateMachine("child", PASS_3);
    String parent =
        endpoint.createStateMachine(
            "parent",
            "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
                + "\"Parameters\":{\"StateMachineArn\":\""
                + child
                + "\",\"Input\":{\"a\":7}},\"OutputPath\":\"$.Output\",\"End\":true}}}");

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse d = endpoint.awaitEnd(arn);

    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output()).isEqualTo("{\"a\":7,\"b\":{\"b\":2}}");
  }

  @Test
  void stopsExecutionWaitingForTaskToken() throws InterruptedException {
    String sm = endpoint.createStateMachine("callback-stop", CALLBACK);
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    String token = tokens.poll(10, TimeUnit.SECONDS);
    assertThat(token).as("token received by the function").isNotNull();

    endpoint.sfn.stopExecution(b -> b.executionArn(arn).error("Stopped"));
    DescribeExecutionResponse d = endpoint.awaitEnd(arn);

    assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(d.error()).isEqualTo("Stopped");
  }

  @Test
  void expressExecutionSeesItsExpressArnInTheContextObject() {
    String sm =
        endpoint
            .sfn
            .createStateMachine(
                b ->
                    b.name("fast")
                        .type(StateMachineType.EXPRESS)
                        .roleArn(Endpoint.ROLE_ARN)
                        .definition(
                            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                                + "\"Parameters\":{\"id.$\":\"$$.Execution.Id\"},\"End\":true}}}"))
            .stateMachineArn();

    StartSyncExecutionResponse r = endpoint.sfn.startSyncExecution(b -> b.stateMachineArn(sm));

    assertThat(r.executionArn()).startsWith("arn:aws:states:us-east-1:111111111111:express:fast:");
    assertThat(r.output()).isEqualTo("{\"id\":\"" + r.executionArn() + "\"}");
  }
}
