package dev.redrive.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.cli.PolicyFiles;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.ledger.InMemoryLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The sweep's loop against {@code redrive serve}: failures, throttling, and stopping. */
class SweepTest {
  static final Path POLICY = Path.of("src/test/resources/sweep/sweep-policy.yaml");

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  record Swept(boolean complete, SweepOutput output) {}

  /** Sweeps {@code arns}; a stop is requested once {@code stopAfterRows} rows are printed. */
  Swept sweep(
      LocalServe serve, List<String> arns, boolean apply, int concurrency, long stopAfterRows)
      throws Exception {
    SweepOutput output =
        new SweepOutput(new PrintWriter(out), new PrintWriter(err), true, apply, System::nanoTime);
    BooleanSupplier stop = () -> output.rows() >= stopAfterRows;
    try (SfnClient reader =
            SweepCommand.readerClient(Optional.of(serve.endpoint), Optional.of(Region.US_EAST_1));
        SfnClient acting =
            SweepCommand.controllerClient(
                Optional.of(serve.endpoint), Optional.of(Region.US_EAST_1))) {
      RedriveController controller =
          SweepCommand.controller(
              PolicyFiles.load(POLICY),
              acting,
              new InMemoryLedger(),
              output,
              Clock.systemUTC(),
              1000,
              apply);
      Sweep sweep = new Sweep(reader, controller, output, concurrency, stop);
      List<String> all = new ArrayList<>(arns);
      output.listed(all.size());
      return new Swept(sweep.run(all), output);
    }
  }

  @Test
  void anExecutionThatCannotBeReadIsReportedAndTheSweepGoesOn() throws Exception {
    try (LocalServe serve = new LocalServe()) {
      String machine = serve.failingMachine("orders");
      String throttled = serve.fail(machine, "t1", "Lambda.TooManyRequestsException");
      serve.awaitFailed(throttled, 0);
      String missing = "arn:aws:states:us-east-1:123456789012:execution:orders:never-started";

      Swept swept = sweep(serve, List.of(missing, throttled), true, 1, Long.MAX_VALUE);

      assertThat(swept.complete()).isTrue();
      assertThat(out.toString().lines().toList())
          .hasSize(2)
          .satisfies(
              lines -> {
                assertThat(lines.get(0))
                    .contains("\"executionArn\":\"" + missing + "\"")
                    .contains("\"action\":\"ERROR\"")
                    .contains("cannot be read: ExecutionDoesNotExist");
                assertThat(lines.get(1))
                    .contains("\"executionArn\":\"" + throttled + "\"")
                    .contains("\"action\":\"REDRIVE\"")
                    .contains("\"taken\":true");
              });
      assertThat(swept.output().errors()).isEqualTo(1);
      serve.awaitFailed(throttled, 1);
    }
  }

  @Test
  void throttlingIsRetriedNeverFatal() throws Exception {
    try (LocalServe serve =
        new LocalServe("--throttle", "0.5:RedriveExecution,DescribeExecution,ListExecutions")) {
      String machine = serve.failingMachine("orders");
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String arn = serve.fail(machine, "t" + i, "Lambda.TooManyRequestsException");
        arns.add(arn);
      }
      for (String arn : arns) {
        awaitFailedDespiteThrottling(serve, arn);
      }

      Swept swept = sweep(serve, arns, true, 4, Long.MAX_VALUE);

      assertThat(swept.complete()).isTrue();
      assertThat(swept.output().errors()).as(out.toString()).isZero();
      assertThat(swept.output().count("REDRIVE", true)).isEqualTo(20);
      assertThat(swept.output().throttles()).isPositive();
    }
  }

  private static void awaitFailedDespiteThrottling(LocalServe serve, String arn) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        serve.awaitFailed(arn, 0);
        return;
      } catch (software.amazon.awssdk.services.sfn.model.SfnException e) {
        if (attempt > 50) {
          throw e;
        }
      }
    }
  }

  @Test
  void aStopRequestEndsTheSweepAfterTheExecutionsInFlight() throws Exception {
    try (LocalServe serve = new LocalServe()) {
      String machine = serve.failingMachine("orders");
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        arns.add(serve.fail(machine, "s" + i, "Lambda.TooManyRequestsException"));
      }
      for (String arn : arns) {
        serve.awaitFailed(arn, 0);
      }
      // Ctrl-C once the first row is printed: with one thread, at most 2 executions are in flight.
      Swept swept = sweep(serve, arns, true, 1, 1);

      assertThat(swept.complete()).isFalse();
      List<String> printed =
          out.toString()
              .lines()
              .map(l -> l.replaceAll(".*\"executionArn\":\"([^\"]+)\".*", "$1"))
              .toList();
      assertThat(printed).hasSizeBetween(1, 3);
      assertThat(swept.output().count("REDRIVE", true)).isEqualTo(printed.size());
      for (String arn : arns) {
        if (printed.contains(arn)) {
          serve.awaitFailed(arn, 1);
        } else {
          assertThat(serve.describe(arn).redriveCount()).as(arn).isZero();
        }
      }
    }
  }
}
