package dev.redrive.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.delay.DelayQueue;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.notify.GiveUpNotice;
import dev.redrive.functions.notify.GiveUpNotifier;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.Policy;
import dev.redrive.simulator.events.EventPublisher;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The controller attached to the embedded simulator: status-change events and delayed redrives are
 * handled one at a time on a worker thread, on an in-memory ledger, give-ups are recorded.
 */
final class ControllerLoop implements EventPublisher, AutoCloseable {
  private static final int MAX_ATTEMPTS = 3;
  private static final long RETRY_DELAY_MILLIS = 200;

  private final RedriveController controller;
  private final Consumer<RuntimeException> onFailure;
  private final ScheduledExecutorService worker;
  private final Consumer<Outcome> onOutcome;
  private final List<GiveUpNotice> giveUps = new CopyOnWriteArrayList<>();

  ControllerLoop(
      Policy policy,
      SfnClient sfn,
      Clock clock,
      Consumer<Outcome> onOutcome,
      Consumer<RuntimeException> onFailure) {
    this.onOutcome = onOutcome;
    this.onFailure = onFailure;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "redrive-demo-controller");
              t.setDaemon(true);
              return t;
            });
    DelayQueue delays =
        (body, delay) ->
            worker.schedule(() -> handle(body), delay.toMillis(), TimeUnit.MILLISECONDS);
    GiveUpNotifier notifier = (notice, alsoMessage) -> giveUps.add(notice);
    this.controller =
        new RedriveController(
            policy,
            new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {}),
            new InMemoryLedger(),
            delays,
            notifier,
            new DecisionLog(new PrintStream(OutputStream.nullOutputStream())),
            clock,
            new Random(),
            ControllerSettings.DEFAULTS);
  }

  @Override
  public void publish(ObjectNode event) {
    String body = event.toString();
    worker.execute(() -> handle(body));
  }

  private void handle(String body) {
    handle(body, 1);
  }

  /** As the queue does for the Lambda: an event whose handling failed comes back a little later. */
  private void handle(String body, int attempt) {
    try {
      onOutcome.accept(controller.handle(body));
    } catch (RuntimeException e) {
      if (attempt < MAX_ATTEMPTS) {
        worker.schedule(() -> handle(body, attempt + 1), RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
      } else {
        onFailure.accept(e);
      }
    }
  }

  List<GiveUpNotice> giveUps() {
    return List.copyOf(giveUps);
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdownNow();
    worker.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
  }
}
