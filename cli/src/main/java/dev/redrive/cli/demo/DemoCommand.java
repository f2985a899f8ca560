package dev.redrive.cli.demo;

import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.demo.DemoReport.StoryResult;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.local.AttachedController;
import dev.redrive.functions.local.AttachedController.DeadLetter;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyLoader;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code redrive demo [--json]}: the whole loop on the embedded simulator. The simulator serves the
 * Step Functions API on 127.0.0.1 (a free port), the controller is attached to its status-change
 * events with the policy of {@code events-samples/demo/policy.yaml} and talks to it through a real
 * {@code SfnClient}, and the seeds' stories run side by side, each on its own state machine. It
 * runs in real time: backoffs of one or two seconds, a few seconds in all.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole loop on the embedded simulator: sample state machines fail the way the"
          + " seeds tell (a permission fixed later, a flaky Map item, a nested child with a task"
          + " token, an input error, a storm), the controller decides with"
          + " events-samples/demo/policy.yaml and redrives or gives up; prints every status"
          + " change and decision, then a table.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every story ended as expected", "1:some story did not end as expected"})
public final class DemoCommand implements Callable<Integer> {
  /** How long the demo waits for every execution to settle. */
  static final Duration DEADLINE = Duration.ofSeconds(25);

  /** Every status change of the demo's executions, for the live lines. */
  private static final String STATUS_CHANGES =
      "{\"source\":[\"aws.states\"],"
          + "\"detail-type\":[\"Step Functions Execution Status Change\"]}";

  private static final String ROLE = "arn:aws:iam::111111111111:role/redrive-demo";

  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "print only a JSON summary at the end")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Policy policy = PolicyLoader.parse(resource("policy.yaml"), "events-samples/demo/policy.yaml");
    List<Story> stories = Stories.all();
    Map<String, String> storyOfMachine = new HashMap<>();
    stories.forEach(s -> storyOfMachine.put(s.stateMachine(), s.key()));
    storyOfMachine.put(Stories.NESTED_CHILD, "nested");
    Tracker tracker =
        new Tracker(
            m -> storyOfMachine.getOrDefault(m, "?"), json ? Optional.empty() : Optional.of(out));
    DemoFunctions functions = new DemoFunctions(tracker::note);
    EventBus bus = new EventBus();
    bus.subscribe(STATUS_CHANGES, tracker::statusChanged);
    StepFunctionsService service =
        StepFunctionsService.builder()
            .simulator(functions.register(Simulator.builder()).build())
            .events(bus)
            .build();
    boolean timedOut;
    List<DeadLetter> deadLetters;
    try (SimulatorServer server = new SimulatorServer(service, 4).start("127.0.0.1", 0);
        SfnClient sfn = client(server.port());
        AttachedController controller =
            AttachedController.builder(policy)
                .sfnClient(sfn)
                .decisionLog(new PrintStream(OutputStream.nullOutputStream()))
                .redeliveryDelay(Duration.ofMillis(200))
                .build();
        QueueDelivery queue = new QueueDelivery(controller);
        ApprovalWorker worker = new ApprovalWorker(sfn, functions, tracker)) {
      // As the EventBridge rule and the queue of the stack: only failures reach the controller,
      // a moment after they happen.
      bus.subscribe(AttachedController.EVENT_PATTERN, queue);
      if (!json) {
        out.printf(
            "Simulator on http://127.0.0.1:%d, controller attached with"
                + " events-samples/demo/policy.yaml%n%n",
            server.port());
        for (Story s : stories) {
          out.printf("  %-12s %s%n", s.key(), s.title());
        }
        out.println();
        out.flush();
      }
      create(sfn, Stories.NESTED_CHILD, Stories.NESTED_CHILD_DEFINITION);
      int expected = 0;
      for (Story s : stories) {
        String machine = create(sfn, s.stateMachine(), s.definition());
        for (Story.Start start : s.starts()) {
          sfn.startExecution(
              b -> b.stateMachineArn(machine).name(start.name()).input(start.input()));
          expected++;
        }
      }
      timedOut = !awaitSettled(tracker, queue, controller, expected);
      deadLetters = controller.deadLetters();
    }
    service.close();
    List<StoryResult> results = new ArrayList<>();
    for (Story s : stories) {
      List<ExecutionLog> executions =
          tracker.executions().stream().filter(e -> e.story().equals(s.key())).toList();
      results.add(new StoryResult(s, executions, s.check().problems(executions, functions)));
    }
    DemoReport report =
        new DemoReport(
            results,
            deadLetters.stream()
                .map(d -> d.problem() + " (after " + d.receives() + " deliveries)")
                .toList(),
            tracker.elapsed(),
            timedOut);
    if (json) {
      report.printJson(out);
    } else {
      report.printTable(out);
    }
    out.flush();
    return report.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /**
   * Passes the controller's outcomes to the tracker as they come, until every execution has settled
   * or the deadline passed.
   *
   * @return whether every execution settled
   */
  private static boolean awaitSettled(
      Tracker tracker, QueueDelivery queue, AttachedController controller, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int seen = 0;
    while (true) {
      List<Outcome> outcomes = controller.outcomes();
      for (; seen < outcomes.size(); seen++) {
        tracker.decided(outcomes.get(seen));
      }
      if (tracker.allSettled(expected) && queue.pending() == 0) {
        // A redrive's own events may come before the controller has recorded the redrive.
        boolean idle = controller.awaitIdle(Duration.ofSeconds(5));
        outcomes = controller.outcomes();
        for (; seen < outcomes.size(); seen++) {
          tracker.decided(outcomes.get(seen));
        }
        return idle;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static String create(SfnClient sfn, String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(resource(definition)).roleArn(ROLE))
        .stateMachineArn();
  }

  private static SfnClient client(int port) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A file of events-samples/demo/, packaged with the command. */
  static String resource(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo/" + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
