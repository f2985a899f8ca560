package dev.redrive.simulator.bench;

import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How often executions that wait (task token, Wait state, activity) wake up while nothing happens,
 * and the CPU time they use: a thread's {@link ThreadMXBean} waited count goes up each time it
 * parks again, so a thread that polled every 50 ms would add about 20 a second. Prints the wake-ups
 * and CPU time of all waiting threads over one second of real time. Was an assertion in {@code
 * ExecutionWaitsTest}; wall time and CPU are measurements, so it lives with the benchmarks.
 *
 * <pre>java -cp ... dev.redrive.simulator.bench.ExecutionWakeups [executions]</pre>
 */
public final class ExecutionWakeups {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ExecutionWakeups() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Simulator sim =
        Simulator.builder()
            .executor(
                r -> {
                  Thread t = new Thread(r, "wakeups-execution");
                  t.setDaemon(true);
                  threads.add(t);
                  t.start();
                })
            .build();
    String tokenTask =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "TimeoutSeconds": 3600,
          "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/q",
            "MessageBody.$": "$$.Task.Token"}, "End": true}}}
        """;
    List<LocalExecution> executions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      executions.add(
          sim.start(tokenTask, "{}", RunOptions.defaults().withExecutionName("token-" + i)));
    }
    executions.add(
        sim.start(
            "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 3600,"
                + " \"End\": true}}}",
            "{}",
            RunOptions.defaults().withExecutionName("wait-state")));
    executions.add(
        sim.start(
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \""
                + sim.activityArn("nobody-works")
                + "\", \"End\": true}}}",
            "{}",
            RunOptions.defaults().withExecutionName("activity")));
    Thread.sleep(2_000); // past the first steps of every execution
    long waitedBefore = waited(threads);
    long cpuBefore = cpu(threads);
    Thread.sleep(1_000);
    long wakeUps = waited(threads) - waitedBefore;
    long cpuMicros = (cpu(threads) - cpuBefore) / 1_000;
    System.out.printf(
        "%d waiting executions on %d threads: %d wake-ups and %d us CPU in one second%n",
        executions.size(), threads.size(), wakeUps, cpuMicros);
    executions.forEach(e -> e.stop("Stopped", "end of measurement"));
  }

  private static long waited(List<Thread> threads) {
    long sum = 0;
    for (Thread t : threads) {
      var info = THREADS.getThreadInfo(t.getId());
      sum += info == null ? 0 : info.getWaitedCount();
    }
    return sum;
  }

  private static long cpu(List<Thread> threads) {
    long sum = 0;
    for (Thread t : threads) {
      sum += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
    }
    return sum;
  }
}
