package dev.redrive.functions.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Events for controller tests, made from the real FAILED event captured in seed 001 (events-samples
 * {@code events/captured/failed-count0.json}) with the fields a test varies.
 */
public final class SampleEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectNode FAILED = load("events/captured/failed-count0.json");

  private SampleEvents() {}

  /** A sample event from the events-samples module, by its path under the classpath. */
  public static ObjectNode load(String resource) {
    try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample event " + resource + " on the classpath");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The captured FAILED event, for another execution, count, error and input. */
  public static String failed(
      String stateMachineName, String executionName, int redriveCount, String error, String input) {
    ObjectNode event = FAILED.deepCopy();
    ObjectNode detail = (ObjectNode) event.get("detail");
    String sm = "arn:aws:states:us-east-1:123456789012:stateMachine:" + stateMachineName;
    String arn = executionArn(stateMachineName, executionName);
    event.putArray("resources").add(arn);
    detail.put("executionArn", arn);
    detail.put("stateMachineArn", sm);
    detail.put("name", executionName);
    detail.put("redriveCount", redriveCount);
    detail.put("error", error);
    detail.put("input", input);
    return event.toString();
  }

  public static String executionArn(String stateMachineName, String executionName) {
    return "arn:aws:states:us-east-1:123456789012:execution:"
        + stateMachineName
        + ":"
        + executionName;
  }

  public static String stateMachineArn(String stateMachineName) {
    return "arn:aws:states:us-east-1:123456789012:stateMachine:" + stateMachineName;
  }
}
