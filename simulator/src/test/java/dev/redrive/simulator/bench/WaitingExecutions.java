package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts N executions that wait on a task token ({@code lambda:invoke.waitForTaskToken}), reports
 * the heap used after GC and the live threads while they all wait, then answers every token. Run by
 * hand (see BENCHMARKS.md): {@code java -Xmx512m -cp ...
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
    long waiting = executions.stream().filter(e -> e.status().name().equals("RUNNING")).count();
    System.gc();
    Thread.sleep(500);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    System.out.printf(
        "%d executions started in %.1f s; %d waiting on their task token; heap used after GC %d MB (max %d MB); live threads %d%n",
        n,
        (System.nanoTime() - t0) / 1e9,
        waiting,
        used >> 20,
        rt.maxMemory() >> 20,
        Thread.activeCount());
    for (String token : tokens)
      sim.taskTokens().succeed(token, JsonNodeFactory.instance.objectNode());
    for (LocalExecution e : executions) e.await();
    long ok = executions.stream().filter(e -> e.status().name().equals("SUCCEEDED")).count();
    System.out.printf(
        "after SendTaskSuccess to every token: %d SUCCEEDED in %.1f s total%n",
        ok, (System.nanoTime() - t0) / 1e9);
    System.exit(0);
  }
}
