package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StepFunctionsService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * GetActivityTask: a task and its token, or an empty answer when none came in time. The long poll
 * (AWS: up to 60 seconds) holds no thread: the answer is written when the service's poll completes.
 */
final class GetActivityTask implements Operation {
  private final StepFunctionsService service;

  GetActivityTask(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public ObjectNode handle(ApiRequest r) {
    return answer(service.getActivityTask(r.requiredString("activityArn"), r.string("workerName")));
  }

  @Override
  public CompletableFuture<ObjectNode> start(ApiRequest r) {
    CompletableFuture<Optional<StepFunctionsService.ActivityTask>> poll =
        service.getActivityTaskAsync(r.requiredString("activityArn"), r.string("workerName"));
    CompletableFuture<ObjectNode> answer = poll.thenApply(GetActivityTask::answer);
    answer.whenComplete(
        (body, failure) -> {
          if (answer.isCancelled()) {
            poll.cancel(false);
          }
        });
    return answer;
  }

  private static ObjectNode answer(Optional<StepFunctionsService.ActivityTask> task) {
    ObjectNode out = Json.object();
    task.ifPresent(
        t -> {
          out.put("taskToken", t.taskToken());
          out.put("input", t.input());
        });
    return out;
  }
}
