package dev.redrive.cli.demo;

import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The worker of the nested story (seed 004): takes the task tokens of approval requests and answers
 * each with {@code SendTaskSuccess} over the Step Functions API, as a person approving an order
 * would.
 */
final class ApprovalWorker implements AutoCloseable {
  private final Thread thread;

  ApprovalWorker(SfnClient sfn, DemoFunctions functions, Tracker tracker) {
    this.thread =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  String token = functions.approvalRequests().poll(1, TimeUnit.SECONDS);
                  if (token == null) {
                    continue;
                  }
                  sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));
                  functions.approvalAnswered();
                  tracker.note(
                      Stories.NESTED_CHILD,
                      "  worker: SendTaskSuccess for task token "
                          + token.substring(0, Math.min(8, token.length()))
                          + "...");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "redrive-demo-worker");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(2000);
  }
}
