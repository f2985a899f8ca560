package dev.redrive.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where Testcontainers finds a working Docker engine; elsewhere the class is
 * skipped with the reason, which is also printed once so that it shows in the build's output. No
 * image is pulled and no container started before this check has passed.
 */
public final class RequiresDockerEngine implements ExecutionCondition {
  private static Optional<String> unavailable;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> reason = whyUnavailable();
    if (reason.isEmpty()) {
      return ConditionEvaluationResult.enabled("Docker engine available");
    }
    String message =
        "Docker engine not available: "
            + reason.get()
            + "; "
            + context.getRequiredTestClass().getSimpleName()
            + " (LocalStack) skipped";
    System.out.println("[SKIPPED] " + message);
    return ConditionEvaluationResult.disabled(message);
  }

  /** Why there is no Docker engine to use, or empty when there is one. Checked once per JVM. */
  static synchronized Optional<String> whyUnavailable() {
    if (unavailable == null) {
      unavailable = probe();
    }
    return unavailable;
  }

  private static Optional<String> probe() {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.empty();
    }
    String host = System.getenv("DOCKER_HOST");
    return Optional.of(
        "Testcontainers found no working Docker environment (DOCKER_HOST "
            + (host == null ? "unset" : "'" + host + "'")
            + ", /var/run/docker.sock "
            + (Files.exists(Path.of("/var/run/docker.sock")) ? "present" : "absent")
            + ")");
  }
}
