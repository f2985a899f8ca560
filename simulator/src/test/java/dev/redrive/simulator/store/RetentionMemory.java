package dev.redrive.simulator.store;

import dev.redrive.simulator.service.Retention;
import dev.redrive.simulator.service.StepFunctionsService;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A load run for the retention (see {@code simulator/BENCHMARKS-API.md}): starts {@code total}
 * (default 200000) executions of a 3-state Pass machine in-process without a data directory, in
 * rounds of 10,000 waited to their end, and prints the process's resident set size (VmRSS) and the
 * heap used after a GC after each round. {@code -Dretain=N} sets the retention count (default: the
 * service's default, 10,000).
 */
public final class RetentionMemory {
  private RetentionMemory() {}

  public static void main(String[] args) throws Exception {
    int total = Integer.getInteger("total", 200_000);
    long retain = Long.getLong("retain", Retention.DEFAULT_MAX_EXECUTIONS);
    try (StepFunctionsService service =
        StepFunctionsService.builder()
            .retention(new Retention(retain, Retention.DEFAULT_MAX_AGE))
            .build()) {
      String sm =
          service
              .createStateMachine(
                  "memory",
                  DurableThroughput.PASS_3,
                  DurableThroughput.ROLE,
                  null,
                  null,
                  null,
                  null,
                  null)
              .arn();
      System.out.println(
          "retain " + retain + ": executions started, VmRSS MB, heap used MB after GC");
      for (int round = 1; round * 10_000 <= total; round++) {
        for (int i = 0; i < 10_000; i++) {
          service.startExecution(sm, null, "{\"n\":" + i + "}");
        }
        while (!service.listExecutions(sm, null, "RUNNING", null, 1, null).items().isEmpty()) {
          Thread.sleep(20);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
            "%d, %d, %d%n", round * 10_000, rssMb(), (rt.totalMemory() - rt.freeMemory()) >> 20);
      }
    }
  }

  private static long rssMb() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
      }
    }
    return -1;
  }
}
