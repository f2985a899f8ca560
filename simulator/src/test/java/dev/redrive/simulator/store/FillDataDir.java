package dev.redrive.simulator.store;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.service.Retention;
import dev.redrive.simulator.service.StepFunctionsService;
import java.nio.file.Path;

/**
 * Fills a data directory with finished executions for the restart benchmark (see {@code
 * simulator/BENCHMARKS-API.md}): {@code FillDataDir DIR [COUNT]} starts COUNT (default 100000)
 * executions of a 3-state Pass machine in-process, waits until they all succeeded, and closes the
 * store.
 */
public final class FillDataDir {
  private FillDataDir() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    long start = System.nanoTime();
    try (StepFunctionsService service =
        StepFunctionsService.builder()
            .store(SqliteStateStore.open(dir))
            .retention(new Retention(count * 2L, Retention.DEFAULT_MAX_AGE))
            .build()) {
      String sm =
          service
              .createStateMachine(
                  "restart-bench",
                  DurableThroughput.PASS_3,
                  DurableThroughput.ROLE,
                  null,
                  null,
                  null,
                  null,
                  null)
              .arn();
      String last = null;
      for (int i = 0; i < count; i++) {
        last = service.startExecution(sm, "e-" + i, "{\"n\":" + i + "}").arn();
      }
      while (!service.listExecutions(sm, null, "RUNNING", null, 1, null).items().isEmpty()) {
        Thread.sleep(50);
      }
      if (service.describeExecution(last).status() != ExecutionStatus.SUCCEEDED) {
        throw new IllegalStateException(last + " did not succeed");
      }
    }
    System.out.printf(
        "%d finished executions written to %s in %.1f s%n",
        count, dir, (System.nanoTime() - start) / 1e9);
  }
}
