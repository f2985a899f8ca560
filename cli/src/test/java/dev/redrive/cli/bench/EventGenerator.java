package dev.redrive.cli.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes N JSON-lines events for replay benchmarks (cli/BENCHMARKS.md): seed 001's captured FAILED
 * event, with the state machine, execution, status, error, cause, redrive fields and stop date
 * varied from a fixed seed (the captured AccessDenied cause is kept for its error), so that every
 * rule of the demo policy decides some of them. Not a test; run it from the command line:
 *
 * <pre>{@code
 * java -cp cli/target/test-classes:cli/target/redrive.jar dev.redrive.cli.bench.EventGenerator \
 *     1000000 /tmp/redrive-bench/events.jsonl
 * }</pre>
 */
public final class EventGenerator {
  private static final String[] STATE_MACHINES = {
    "MyStateMachine-gddoyum7f",
    "orders-checkout",
    "orders-fulfilment",
    "payments",
    "reports-nightly"
  };
  private static final String[][] ERRORS = {
    {
      "Lambda.AWSLambdaException", "User: ... is not authorized (Error Code: AccessDeniedException)"
    },
    {"Lambda.TooManyRequestsException", "Rate Exceeded. (Service: AWSLambda; Status Code: 429)"},
    {"States.Runtime", "An error occurred while executing the state 'Invoke'."},
    {"States.Timeout", null},
    {"States.TaskFailed", "{\"Status\":\"FAILED\"}"},
    {"Error", "{\"errorType\":\"Error\",\"errorMessage\":\"Unknown Error\"}"},
  };
  private static final String[] STATUSES = {
    "FAILED", "FAILED", "FAILED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING", "SUCCEEDED"
  };
  private static final String[] REDRIVE_STATUSES = {
    "REDRIVABLE",
    "REDRIVABLE",
    "REDRIVABLE",
    "REDRIVABLE",
    "REDRIVABLE",
    "NOT_REDRIVABLE",
    "REDRIVABLE_BY_MAP_RUN"
  };

  private EventGenerator() {}

  /** {@code EventGenerator COUNT FILE}: writes COUNT events to FILE, one per line. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: EventGenerator COUNT FILE");
      System.exit(2);
    }
    long count = Long.parseLong(args[0]);
    Path file = Path.of(args[1]);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode template =
        (ObjectNode)
            mapper.readTree(Path.of("events-samples/events/captured/failed-count0.json").toFile());
    SplittableRandom random = new SplittableRandom(42);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonGenerator json = mapper.getFactory().createGenerator(out).setRootValueSeparator(null)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      for (long i = 0; i < count; i++) {
        ObjectNode event = template.deepCopy();
        vary(event, random);
        mapper.writeTree(json, event);
        json.writeRaw('\n');
      }
    }
  }

  private static void vary(ObjectNode event, SplittableRandom random) {
    String stateMachine = STATE_MACHINES[random.nextInt(STATE_MACHINES.length)];
    String name = new UUID(random.nextLong(), random.nextLong()).toString();
    String region = "us-east-1";
    String executionArn =
        "arn:aws:states:" + region + ":123456789012:execution:" + stateMachine + ":" + name;
    event.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
    event.putArray("resources").add(executionArn);
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("executionArn", executionArn);
    detail.put(
        "stateMachineArn",
        "arn:aws:states:" + region + ":123456789012:stateMachine:" + stateMachine);
    detail.put("name", name);
    String status = STATUSES[random.nextInt(STATUSES.length)];
    detail.put("status", status);
    // stopped within the last 20 days of 2023-11-16T07:00:00Z, so some are out of the 14-day window
    long stop = 1700118000000L - random.nextLong(20L * 24 * 3600 * 1000);
    detail.put("startDate", stop - 60_000);
    detail.put("stopDate", stop);
    int redriveCount = random.nextInt(7);
    detail.put("redriveCount", redriveCount);
    if (redriveCount > 0) {
      detail.put("redriveDate", stop - 30_000);
    }
    String redriveStatus = REDRIVE_STATUSES[random.nextInt(REDRIVE_STATUSES.length)];
    detail.put("redriveStatus", redriveStatus);
    if (redriveStatus.equals("NOT_REDRIVABLE")) {
      detail.put("redriveStatusReason", "Execution history event limit exceeded");
    }
    String[] error = ERRORS[random.nextInt(ERRORS.length)];
    detail.put("error", error[0]);
    if (!error[0].equals("Lambda.AWSLambdaException")) {
      detail.put("cause", error[1]);
    }
  }
}
