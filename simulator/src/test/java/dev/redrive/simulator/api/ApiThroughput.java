package dev.redrive.simulator.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A timed harness, run by hand (see {@code BENCHMARKS-API.md}): executions per second of a 3-state
 * Pass machine started through the HTTP API by one client process with 8 threads, each thread with
 * its own AWS SDK v2 {@link SfnClient}, counted until every execution has succeeded.
 *
 * <p>Arguments: {@code [port]} of a running {@code SimulatorServer}; without one, the harness
 * starts a server in its own process. System properties: {@code executions} (default 20000), {@code
 * warmup} (default 4000), {@code threads} (default 8).
 */
public final class ApiThroughput {
  private static final boolean RAW = "raw".equals(System.getProperty("client", "sdk"));
  private static int PORT;

  private ApiThroughput() {}

  public static void main(String[] args) throws Exception {
    int executions = Integer.getInteger("executions", 20_000);
    int warmup = Integer.getInteger("warmup", 4_000);
    int threads = Integer.getInteger("threads", 8);
    SimulatorServer own = null;
    int port;
    if (args.length > 0) {
      port = Integer.parseInt(args[0]);
    } else {
      own = new SimulatorServer().start("127.0.0.1", 0);
      port = own.port();
    }
    PORT = port;
    try {
      List<SfnClient> clients = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        clients.add(Endpoint.client(port));
      }
      String sm =
          clients
              .get(0)
              .createStateMachine(
                  b ->
                      b.name("bench-" + System.nanoTime())
                          .definition(ExecutionApiTest.PASS_3)
                          .roleArn(Endpoint.ROLE_ARN))
              .stateMachineArn();
      run(clients, sm, warmup, "warm-up");
      run(clients, sm, executions, "measured");
      clients.forEach(SfnClient::close);
    } finally {
      if (own != null) {
        own.close();
      }
    }
  }

  private static void run(List<SfnClient> clients, String sm, int executions, String label)
      throws Exception {
    int threads = clients.size();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<String> last = new ArrayList<>();
    long start = System.nanoTime();
    List<Future<String>> futures = new ArrayList<>();
    for (SfnClient client : clients) {
      futures.add(
          pool.submit(
              () -> {
                String arn = null;
                RawClient raw = RAW ? new RawClient(PORT) : null;
                String body =
                    Json.object().put("stateMachineArn", sm).put("input", "{\"n\":1}").toString();
                while (next.getAndIncrement() < executions) {
                  arn =
                      raw != null
                          ? raw.call("StartExecution", body).body().path("executionArn").asText()
                          : client
                              .startExecution(b -> b.stateMachineArn(sm).input("{\"n\":1}"))
                              .executionArn();
                }
                return arn;
              }));
    }
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
        "%s (%s client): %d executions, %d threads: StartExecution %.0f/s; all SUCCEEDED after %.2f s:"
            + " %.0f executions/s%n",
        label,
        RAW ? "raw" : "sdk",
        executions,
        threads,
        executions / acceptSeconds,
        doneSeconds,
        executions / doneSeconds);
  }
}
