package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts N executions that wait on a task token ({@code lambda:invoke.waitForTaskToken}), reports
 * the heap used after GC, the live threads and the process's CPU use while they all wait, then
 * answers every token. Run by hand (see BENCHMARKS.md): {@code java -Xmx512m -cp ...
 * dev.redrive.simulator.bench.WaitingExecutions 3000}.
 */
public final class WaitingExecutions {
  private WaitingExecutions() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    Simulator sim =
        Simulator.builder()
            .function(
                "worker",
                (payload, clock) -> {
                  tokens.add(payload.get("token").asText());
                  return payload;
                })
            .build();
    String def =
        "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
            + "\"Parameters\":{\"FunctionName\":\"worker\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}";
    List<LocalExecution> executions = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      executions.add(sim.start(def, "{}", RunOptions.defaults().withExecutionName("e" + i)));
    }
    while (tokens.size() < n) Thread.sleep(50);
    long allWaiting = System.nanoTime() - t0;
    long waiting = executions.stream().filter(e -> e.status().name().equals("RUNNING")).count();
    System.gc();
    Thread.sleep(500);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    // the process's CPU time over one second in which every execution waits and nobody answers
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    Thread.sleep(1000);
    double idleCpu = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
    System.out.printf(
        "JDK %s; %d executions all waiting on their task token after %.1f s (%d RUNNING); heap used"
            + " after GC %d MB (max %d MB); live threads %d; CPU while all wait %.3f cores%n",
        Runtime.version(),
        n,
        allWaiting / 1e9,
        waiting,
        used >> 20,
        rt.maxMemory() >> 20,
        threads,
        idleCpu);
    long answered = System.nanoTime();
    for (String token : tokens)
      sim.taskTokens().succeed(token, JsonNodeFactory.instance.objectNode());
    for (LocalExecution e : executions) e.await();
    long ok = executions.stream().filter(e -> e.status().name().equals("SUCCEEDED")).count();
    System.out.printf(
        "after SendTaskSuccess to every token: %d SUCCEEDED %.1f s later; process CPU time %.1f s%n",
        ok, (System.nanoTime() - answered) / 1e9, os.getProcessCpuTime() / 1e9);
    System.exit(0);
  }
}
