package dev.redrive.simulator.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.api.HostedSqsHandler;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.runtime.LocalQueues;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Seed 004's callback loop on one endpoint: a state machine's {@code
 * sqs:sendMessage.waitForTaskToken} puts the token on a queue the simulator hosts, a worker using
 * the unchanged AWS SDK (Java v2, and boto3) receives it over HTTP and answers with {@code
 * SendTaskSuccess}, and the execution goes on.
 */
class CallbackLoopOverHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFINITION =
      "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
          + "\"Parameters\":{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/111111111111/approvals\","
          + "\"MessageBody\":{\"order.$\":\"$.order\",\"token.$\":\"$$.Task.Token\"}},"
          + "\"TimeoutSeconds\":300,\"End\":true}}}";

  private HostedQueues queues;
  private StepFunctionsService service;
  private SimulatorServer server;
  private SfnClient sfn;
  private String endpoint;

  @BeforeEach
  void serve() {
    int[] port = {0};
    queues =
        new HostedQueues(
            "111111111111", "us-east-1", () -> "http://127.0.0.1:" + port[0], Clock.systemUTC());
    service = StepFunctionsService.builder().queues(LocalQueues.over(queues)).build();
    server =
        SimulatorServer.builder(service)
            .route(HostedSqsHandler.route(queues))
            .build()
            .start("127.0.0.1", 0);
    port[0] = server.port();
    endpoint = "http://127.0.0.1:" + server.port();
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                c ->
                    c.putAdvancedOption(
                        SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
            .build();
  }

  @AfterEach
  void stop() {
    sfn.close();
    server.close();
    service.close();
    queues.close();
  }

  private String startApproval() {
    String sm =
        sfn.createStateMachine(
                b ->
                    b.name("approve")
                        .definition(DEFINITION)
                        .roleArn("arn:aws:iam::111111111111:role/r"))
            .stateMachineArn();
    return sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"order\":\"o-1\"}"))
        .executionArn();
  }

  private ExecutionStatus awaitEnd(String arn) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      ExecutionStatus s = sfn.describeExecution(b -> b.executionArn(arn)).status();
      if (s != ExecutionStatus.RUNNING) {
        return s;
      }
      Thread.sleep(50);
    }
    return ExecutionStatus.RUNNING;
  }

  @Test
  void aJavaSdkWorkerAnswersTheTokenFromTheHostedQueue() throws Exception {
    queues.create("approvals", java.util.Map.of());
    String execution = startApproval();
    try (SqsClient sqs =
        SqsClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String url = sqs.getQueueUrl(b -> b.queueName("approvals")).queueUrl();
      Message m = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages().get(0);
      String token = JSON.readTree(m.body()).get("token").asText();
      assertThat(JSON.readTree(m.body()).get("order").asText()).isEqualTo("o-1");
      sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));
      sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
    }
    assertThat(awaitEnd(execution)).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).output())
        .isEqualTo("{\"approved\":true}");
  }

  @Test
  void aBoto3WorkerAnswersTheTokenFromTheHostedQueue() throws Exception {
    assumeThat(boto3())
        .as("python3 with boto3 is not installed here: the boto3 worker is skipped")
        .isTrue();
    queues.create("approvals", java.util.Map.of());
    String execution = startApproval();
    Path worker = Files.createTempFile("worker", ".py");
    Files.writeString(
        worker,
        String.join(
            "\n",
            "import json, sys, boto3",
            "kw = dict(endpoint_url=sys.argv[1], region_name='us-east-1',",
            "          aws_access_key_id='a', aws_secret_access_key='b')",
            "sqs = boto3.client('sqs', **kw)",
            "sfn = boto3.client('stepfunctions', **kw)",
            "url = sqs.get_queue_url(QueueName='approvals')['QueueUrl']",
            "m = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10)['Messages'][0]",
            "body = json.loads(m['Body'])",
            "sfn.send_task_success(taskToken=body['token'], output=json.dumps({'by': 'boto3'}))",
            "sqs.delete_message(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'])",
            ""),
        StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("python3", worker.toString(), endpoint)
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the boto3 worker ended").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(awaitEnd(execution)).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).output())
        .isEqualTo("{\"by\":\"boto3\"}");
  }

  private static boolean boto3() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import boto3").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
