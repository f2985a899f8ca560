package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts N executions that wait on a task token ({@code lambda:invoke.waitForTaskToken}), reports
 * the heap used after GC, the live threads and the process's CPU use while they all wait, then
 * answers every token. Run by hand (see BENCHMARKS.md): {@code java -Xmx512m -cp ...
 * dev.redrive.simulator.bench.WaitingExecutions 3000 [platform]}; {@code platform} runs the
 * executions on platform threads whatever the JDK (default: the simulator's choice).
 */
public final class WaitingExecutions {
  private WaitingExecutions() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    boolean platform = args.length > 1 && args[1].equals("platform");
    BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    AtomicReference<String> thread = new AtomicReference<>();
    Simulator.Builder builder =
        Simulator.builder()
            .function(
                "worker",
                (payload, clock) -> {
                  thread.compareAndSet(null, Thread.currentThread().toString());
                  tokens.add(payload.get("token").asText());
                  return payload;
                });
    if (platform) {
      builder.executor(
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "platform-execution");
                t.setDaemon(true);
                return t;
              }));
    }
    Simulator sim = builder.build();
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
    // the process's CPU time over three seconds in which every execution waits and nobody answers
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<String> idleCpu = new ArrayList<>();
    for (int second = 0; second < 3; second++) {
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      Thread.sleep(1000);
      double cores = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
      idleCpu.add(String.format("%.3f", cores));
    }
    System.out.printf(
        "JDK %s; executions run on %s; %d executions all waiting on their task token after %.1f s"
            + " (%d RUNNING); heap used after GC %d MB (max %d MB); live platform threads %d;"
            + " CPU while all wait (3 seconds, in cores) %s%n",
        Runtime.version(),
        thread.get(),
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
