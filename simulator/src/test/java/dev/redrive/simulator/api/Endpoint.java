package dev.redrive.simulator.api;

import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A simulator endpoint on 127.0.0.1 (an ephemeral port) and a real AWS SDK v2 {@link SfnClient}
 * pointed at it, with dummy credentials and no retries.
 */
final class Endpoint implements AutoCloseable {
  static final String ROLE_ARN = "arn:aws:iam::111111111111:role/StepFunctionsRole";
  static final Duration WAIT = Duration.ofSeconds(10);

  final EventBus bus = new EventBus();
  final StepFunctionsService service;
  final SimulatorServer server;
  final SfnClient sfn;

  Endpoint() {
    this(Simulator.builder().build());
  }

  Endpoint(Simulator simulator) {
    service =
        StepFunctionsService.builder()
            .simulator(simulator)
            .events(bus)
            .activityPoll(Duration.ofSeconds(1))
            .build();
    server = new SimulatorServer(service, 8).start("127.0.0.1", 0);
    sfn = client(server.port());
  }

  static SfnClient client(int port) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            o ->
                o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                    .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  String createStateMachine(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE_ARN))
        .stateMachineArn();
  }

  /** Polls DescribeExecution until the execution leaves RUNNING, for at most {@link #WAIT}. */
  DescribeExecutionResponse awaitEnd(String executionArn) {
    return await(
        () -> {
          DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
          return d.status() == ExecutionStatus.RUNNING ? null : d;
        });
  }

  /** Polls until {@code probe} gives a value, for at most {@link #WAIT}. */
  static <T> T await(Supplier<T> probe) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("condition not met within " + WAIT);
  }

  @Override
  public void close() {
    sfn.close();
    server.close();
    service.close();
    bus.close();
  }
}
