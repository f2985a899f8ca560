package dev.redrive.simulator.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.api.HostedSqsHandler;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The hosted queues through the unchanged AWS SDK for Java v2, over HTTP on the simulator's port:
 * the SDK checks every MD5 it is sent, so a wrong digest fails these tests.
 */
class HostedSqsOverHttpTest {
  private static StepFunctionsService service;
  private static SimulatorServer server;
  private static HostedQueues queues;
  private static SqsClient sqs;

  @BeforeAll
  static void serve() {
    service = StepFunctionsService.builder().build();
    SimulatorServer[] holder = new SimulatorServer[1];
    queues =
        new HostedQueues(
            "111111111111",
            "us-east-1",
            () -> "http://127.0.0.1:" + holder[0].port(),
            Clock.systemUTC());
    server = SimulatorServer.builder(service).route(HostedSqsHandler.route(queues)).build();
    holder[0] = server;
    server.start("127.0.0.1", 0);
    sqs =
        SqsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    sqs.close();
    server.close();
    queues.close();
    service.close();
  }

  @Test
  void aWorkerSendsReceivesAndDeletesWithTheSdk() {
    String url = sqs.createQueue(b -> b.queueName("work")).queueUrl();
    assertThat(url).isEqualTo("http://127.0.0.1:" + server.port() + "/111111111111/work");
    assertThat(sqs.getQueueUrl(b -> b.queueName("work")).queueUrl()).isEqualTo(url);
    sqs.sendMessage(
        b ->
            b.queueUrl(url)
                .messageBody("{\"taskToken\":\"t\"}")
                .messageAttributes(
                    Map.of(
                        "kind",
                        MessageAttributeValue.builder().dataType("String").stringValue("x").build(),
                        "raw",
                        MessageAttributeValue.builder()
                            .dataType("Binary")
                            .binaryValue(SdkBytes.fromUtf8String("bytes"))
                            .build())));
    ReceiveMessageResponse got =
        sqs.receiveMessage(
            b ->
                b.queueUrl(url)
                    .maxNumberOfMessages(10)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
    assertThat(got.messages()).hasSize(1);
    assertThat(got.messages().get(0).body()).isEqualTo("{\"taskToken\":\"t\"}");
    assertThat(got.messages().get(0).messageAttributes()).containsKeys("kind", "raw");
    assertThat(got.messages().get(0).attributes())
        .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.messages().get(0).receiptHandle()));
    assertThat(
            sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
        .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:us-east-1:111111111111:work");
  }

  @Test
  void aLongPollOverHttpIsAnsweredBySendingFromAnotherClient() throws Exception {
    String url = sqs.createQueue(b -> b.queueName("poll")).queueUrl();
    CompletableFuture<ReceiveMessageResponse> poll =
        CompletableFuture.supplyAsync(
            () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
    // Wait (bounded) until the poll waits on the server, so the send below is what answers it.
    for (int i = 0; i < 200 && queues.waitingPolls() == 0; i++) {
      Thread.sleep(25);
    }
    assertThat(queues.waitingPolls()).isEqualTo(1);
    assertThat(poll).isNotDone();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake"));
    assertThat(poll.get(25, TimeUnit.SECONDS).messages())
        .extracting(m -> m.body())
        .containsExactly("wake");
  }

  @Test
  void anUnknownQueueIsTheSdksQueueDoesNotExistException() {
    assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("missing")))
        .isInstanceOf(QueueDoesNotExistException.class)
        .hasMessageContaining("The specified queue does not exist");
  }

  @Test
  void batchesAnswerEachEntry() {
    String url = sqs.createQueue(b -> b.queueName("batch")).queueUrl();
    var sent =
        sqs.sendMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(e -> e.id("1").messageBody("a"), e -> e.id("2").messageBody("b")));
    assertThat(sent.successful()).hasSize(2);
    List<software.amazon.awssdk.services.sqs.model.Message> got =
        sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    var deleted =
        sqs.deleteMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        got.stream()
                            .map(
                                m ->
                                    software.amazon.awssdk.services.sqs.model
                                        .DeleteMessageBatchRequestEntry.builder()
                                        .id(m.messageId())
                                        .receiptHandle(m.receiptHandle())
                                        .build())
                            .toList()));
    assertThat(deleted.successful()).hasSize(2);
    assertThat(deleted.failed()).isEmpty();
  }
}
