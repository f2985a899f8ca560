package dev.redrive.simulator.store;

import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.service.Retention;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A timed harness, run by hand (see {@code simulator/BENCHMARKS-API.md}): executions per second of
 * a 3-state Pass machine started over HTTP by 8 threads, each with its own AWS SDK v2 {@link
 * SfnClient}, counted from the first StartExecution until every execution has SUCCEEDED; first in
 * memory, then with a data directory (a {@link SqliteStateStore}), in the same process.
 *
 * <p>System properties: {@code executions} (default 20000), {@code warmup} (default 4000), {@code
 * threads} (default 8), {@code modes} (default {@code memory,data-dir}).
 */
public final class DurableThroughput {
  static final String PASS_3 =
      "{\"StartAt\":\"A\",\"States\":{"
          + "\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
          + "\"B\":{\"Type\":\"Pass\",\"Result\":{\"b\":2},\"ResultPath\":\"$.b\",\"Next\":\"C\"},"
          + "\"C\":{\"Type\":\"Pass\",\"End\":true}}}";
  static final String ROLE = "arn:aws:iam::111111111111:role/sfn";

  private DurableThroughput() {}

  public static void main(String[] args) throws Exception {
    int executions = Integer.getInteger("executions", 20_000);
    int warmup = Integer.getInteger("warmup", 4_000);
    int threads = Integer.getInteger("threads", 8);
    for (String mode : System.getProperty("modes", "memory,data-dir").split(",")) {
      Path dir = Files.createTempDirectory("redrive-bench");
      StateStore store = mode.equals("data-dir") ? SqliteStateStore.open(dir) : StateStore.NONE;
      StepFunctionsService service =
          StepFunctionsService.builder()
              .store(store)
              .retention(new Retention(executions + warmup, Retention.DEFAULT_MAX_AGE))
              .build();
      SimulatorServer server = new SimulatorServer(service).start("127.0.0.1", 0);
      try {
        List<SfnClient> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          clients.add(client(server.port()));
        }
        String sm =
            clients
                .get(0)
                .createStateMachine(b -> b.name("bench").definition(PASS_3).roleArn(ROLE))
                .stateMachineArn();
        run(clients, sm, warmup, mode + " warm-up");
        run(clients, sm, executions, mode + " measured");
        clients.forEach(SfnClient::close);
      } finally {
        server.close();
        service.close();
      }
      System.out.printf(
          "%s: database %s%n",
          mode,
          mode.equals("data-dir")
              ? Files.size(dir.resolve(SqliteStateStore.FILE)) + " bytes"
              : "none");
    }
  }

  static SfnClient client(int port) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void run(List<SfnClient> clients, String sm, int executions, String label)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<String>> futures = new ArrayList<>();
    for (SfnClient client : clients) {
      futures.add(
          pool.submit(
              () -> {
                String arn = null;
                while (next.getAndIncrement() < executions) {
                  arn =
                      client
                          .startExecution(b -> b.stateMachineArn(sm).input("{\"n\":1}"))
                          .executionArn();
                }
                return arn;
              }));
    }
    List<String> last = new ArrayList<>();
    for (Future<String> f : futures) {
      last.add(f.get());
    }
    long accepted = System.nanoTime();
    SfnClient probe = clients.get(0);
    while (!probe
        .listExecutions(
            b -> b.stateMachineArn(sm).statusFilter(ExecutionStatus.RUNNING).maxResults(1))
        .executions()
        .isEmpty()) {
      Thread.sleep(10);
    }
    long done = System.nanoTime();
    pool.shutdown();
    for (String arn : last) {
      if (arn != null
          && probe.describeExecution(b -> b.executionArn(arn)).status()
              != ExecutionStatus.SUCCEEDED) {
        throw new IllegalStateException("execution did not succeed: " + arn);
      }
    }
    double acceptSeconds = Duration.ofNanos(accepted - start).toNanos() / 1e9;
    double doneSeconds = Duration.ofNanos(done - start).toNanos() / 1e9;
    System.out.printf(
        "%s: %d executions, %d threads: StartExecution %.0f/s; all SUCCEEDED after %.2f s:"
            + " %.0f executions/s%n",
        label,
        executions,
        clients.size(),
        executions / acceptSeconds,
        doneSeconds,
        executions / doneSeconds);
  }
}
