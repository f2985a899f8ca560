package dev.redrive.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.runtime.TaskTokens;
import dev.redrive.simulator.validation.Constraints;
import java.util.function.Supplier;

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, over the simulator's task tokens. */
final class TaskCallbacks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<TaskTokens> tokens;

  TaskCallbacks(Supplier<TaskTokens> tokens) {
    this.tokens = tokens;
  }

  void succeed(String taskToken, String output) {
    JsonNode value;
    try {
      value = JSON.readTree(output == null ? "" : output);
    } catch (JsonProcessingException e) {
      throw ServiceException.invalidOutput(e.getOriginalMessage());
    }
    if (value == null || value.isMissingNode()) {
      throw ServiceException.invalidOutput("Invalid output.");
    }
    if (!tokens.get().succeed(taskToken, value)) {
      throw unknownToken(taskToken);
    }
  }

  void fail(String taskToken, String error, String cause) {
    new Constraints().length("error", error, 0, 256).length("cause", cause, 0, 32_768).check();
    if (!tokens.get().fail(taskToken, error, cause)) {
      throw unknownToken(taskToken);
    }
  }

  void heartbeat(String taskToken) {
    if (!tokens.get().heartbeat(taskToken)) {
      throw unknownToken(taskToken);
    }
  }

  /**
   * A token this simulator issued and no longer waits for has timed out, as AWS says of a token
   * whose task ended; anything else is invalid.
   */
  /**
   * A token no task waits on: {@code TaskTimedOut} when this service issued it (its task has
   * ended), {@code InvalidToken} otherwise, whether it is malformed or only looks like a token, as
   * AWS answers a token it cannot read.
   */
  private ServiceException unknownToken(String token) {
    return tokens.get().wasIssued(token)
        ? ServiceException.taskTimedOut()
        : ServiceException.invalidTaskToken();
  }
}
