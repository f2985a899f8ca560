package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.runtime.LocalQueues;
import dev.redrive.simulator.runtime.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Seed 004 over HTTP: {@code sqs:sendMessage.waitForTaskToken} puts the task token in a message; a
 * queue worker reads it and answers with {@code SendTaskSuccess} through the SDK. The queue is an
 * in-process {@link LocalQueues} queue the worker polls.
 */
class SeedQueueCallbackApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/111111111111/TeamCSqs";

  private final LocalQueues queues = new LocalQueues().create(QUEUE);
  private Endpoint endpoint;

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private String createStateMachine(Simulator.Builder simulator) throws IOException {
    endpoint = new Endpoint(simulator.queues(queues).build());
    return endpoint.createStateMachine(
        "TeamC", Files.readString(Path.of("src/test/resources/seeds/004-queue-callback.asl.json")));
  }

  /** The seed's consumer: reads one message and answers its task token. */
  private LocalQueues.Message consumeOne() throws Exception {
    Optional<LocalQueues.Message> m = queues.receive(QUEUE, Endpoint.WAIT);
    assertThat(m).as("a message on " + QUEUE).isPresent();
    JsonNode body = JSON.readTree(m.get().body());
    endpoint.sfn.sendTaskSuccess(
        b ->
            b.taskToken(body.path("TaskToken").asText())
                .output("{\"Output\": \"message\",\"ack\":\"success\"}"));
    return m.get();
  }

  @Test
  void queueWorkerAnswersTheTaskTokenItFindsInTheMessage() throws Exception {
    String sm = createStateMachine(Simulator.builder());

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).input("{\"messageId\":\"m-42\"}"))
            .executionArn();
    LocalQueues.Message message = consumeOne();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(JSON.readTree(message.body()).path("Input").asText()).isEqualTo("m-42");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output()))
        .isEqualTo(
            JSON.readTree(
                "{\"messageId\":\"m-42\",\"SQS\":{\"Output\":\"message\",\"ack\":\"success\"}}"));
    List<HistoryEvent> events = endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertThat(events.stream().map(HistoryEvent::type))
        .containsSubsequence(
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_SUBMITTED,
            HistoryEventType.TASK_SUCCEEDED,
            HistoryEventType.WAIT_STATE_ENTERED);
    HistoryEvent scheduled =
        events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).findFirst().get();
    assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("sqs");
    assertThat(scheduled.taskScheduledEventDetails().resource())
        .isEqualTo("sendMessage.waitForTaskToken");
    HistoryEvent submitted =
        events.stream().filter(e -> e.type() == HistoryEventType.TASK_SUBMITTED).findFirst().get();
    assertThat(
            JSON.readTree(submitted.taskSubmittedEventDetails().output())
                .path("MessageId")
                .asText())
        .isEqualTo(message.messageId());
  }

  @Test
  void withoutAWorkerTheTaskTimesOutAndIsCaught() throws Exception {
    String sm =
        createStateMachine(
            Simulator.builder().clock(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"))));

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).input("{\"messageId\":\"m-43\"}"))
            .executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);
    Optional<LocalQueues.Message> unread = queues.receive(QUEUE, Duration.ZERO);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output()).path("error").path("Error").asText())
        .isEqualTo("States.Timeout");
    assertThat(unread).as("the message nobody read").isPresent();
    assertThat(JSON.readTree(unread.get().body()).path("Input").asText()).isEqualTo("m-43");
  }

  @Test
  void plainSendMessageReturnsTheIdOfTheMessageOnTheQueue() throws Exception {
    endpoint = new Endpoint(Simulator.builder().queues(queues).build());
    String sm =
        endpoint.createStateMachine(
            "notify",
            "{\"StartAt\":\"Send\",\"States\":{\"Send\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::sqs:sendMessage\","
                + "\"Parameters\":{\"QueueUrl\":\""
                + QUEUE
                + "\",\"MessageBody.$\":\"$.text\"},\"End\":true}}}");

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).input("{\"text\":\"hello\"}"))
            .executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);
    LocalQueues.Message m = queues.receive(QUEUE, Endpoint.WAIT).orElseThrow();

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(m.body()).isEqualTo("hello");
    // MD5 of "hello", as SQS reports MD5OfMessageBody
    assertThat(m.md5OfBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    JsonNode out = JSON.readTree(done.output());
    assertThat(out.path("MessageId").asText()).isEqualTo(m.messageId());
    assertThat(out.path("MD5OfMessageBody").asText()).isEqualTo(m.md5OfBody());
  }
}
