package dev.redrive.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code redrive serve --data-dir DIR} as a real process: killed with {@code kill -9} and started
 * again on the same directory, it lists everything it had.
 */
class ServeRestartTest {
  /** The line serve prints once it listens (the console's address follows on the next line). */
  private static final java.util.regex.Pattern LISTENING_LINE =
      java.util.regex.Pattern.compile(
          "^Step Functions simulator on (http://127\\.0\\.0\\.1:\\d+)$");

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ROLE = "arn:aws:iam::111111111111:role/sfn";
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":1},\"End\":true}}}";
  private static final String FAIL =
      "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Boom\",\"Cause\":\"c\"}}}";
  private static final String WAITS =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Task\",\"Resource\":"
          + "\"arn:aws:states:us-east-1:111111111111:activity:approve\",\"End\":true}}}";

  @TempDir Path dir;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  /** Starts {@code redrive serve --port 0 --data-dir DIR} in a JVM of its own; its endpoint. */
  private Served serve() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.redrive.cli.Main",
                "serve",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString())
            .redirectErrorStream(true);
    Process p = pb.start();
    processes.add(p);
    BlockingQueue<URI> endpoint = new ArrayBlockingQueue<>(1);
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  Matcher m = LISTENING_LINE.matcher(line);
                  if (m.find()) {
                    endpoint.offer(URI.create(m.group(1)));
                  }
                }
              } catch (java.io.IOException e) {
                // the process was killed
              }
            });
    reader.setDaemon(true);
    reader.start();
    URI uri = endpoint.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (uri == null) {
      synchronized (output) {
        throw new AssertionError("serve did not listen within " + WAIT + ": " + output);
      }
    }
    return new Served(p, ServeCommandTest.client(uri));
  }

  private record Served(Process process, SfnClient sfn) {
    /** {@code kill -9}: no shutdown hook runs. */
    void kill() throws InterruptedException {
      sfn.close();
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** How many executions the database holds with that status, read as another process would. */
  private long storedWithStatus(String status) throws Exception {
    Path db = dir.resolve("data").resolve("simulator.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM rows WHERE tbl = 'EXECUTION' AND json_extract(value,"
                    + " '$.status') = '"
                    + status
                    + "'")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private static List<HistoryEvent> history(SfnClient sfn, String arn) {
    return sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events();
  }

  @Test
  void listsEverythingAfterKillDashNineAndARestart() throws Exception {
    Served first = serve();
    SfnClient sfn = first.sfn();
    String pass =
        sfn.createStateMachine(b -> b.name("pass").definition(PASS).roleArn(ROLE))
            .stateMachineArn();
    String fail =
        sfn.createStateMachine(b -> b.name("fail").definition(FAIL).roleArn(ROLE))
            .stateMachineArn();
    String waits =
        sfn.createStateMachine(b -> b.name("waits").definition(WAITS).roleArn(ROLE))
            .stateMachineArn();
    String activity = sfn.createActivity(b -> b.name("approve")).activityArn();
    for (int i = 0; i < 20; i++) {
      int n = i;
      sfn.startExecution(b -> b.stateMachineArn(pass).name("ok-" + n).input("{\"n\":" + n + "}"));
    }
    String failed =
        sfn.startExecution(b -> b.stateMachineArn(fail).name("ko").input("{}")).executionArn();
    String waiting =
        sfn.startExecution(b -> b.stateMachineArn(waits).name("waiting").input("{}"))
            .executionArn();
    ServeCommandTest.awaitTrue(
        "20 executions SUCCEEDED and 1 FAILED in the store",
        v -> {
          try {
            return storedWithStatus("SUCCEEDED") == 20 && storedWithStatus("FAILED") == 1;
          } catch (Exception e) {
            return false;
          }
        });
    List<HistoryEvent> failedHistory = history(sfn, failed);
    first.kill();

    Served second = serve();
    sfn = second.sfn();
    assertThat(sfn.listStateMachines(b -> {}).stateMachines())
        .extracting(m -> m.name())
        .containsExactly("pass", "fail", "waits");
    assertThat(sfn.listActivities(b -> {}).activities())
        .extracting(a -> a.activityArn())
        .containsExactly(activity);
    List<ExecutionListItem> passed =
        sfn.listExecutions(b -> b.stateMachineArn(pass).maxResults(100)).executions();
    assertThat(passed).hasSize(20).allMatch(e -> e.status() == ExecutionStatus.SUCCEEDED);
    assertThat(passed.get(0).name()).isEqualTo("ok-19");
    assertThat(sfn.describeExecution(b -> b.executionArn(passed.get(0).executionArn())).output())
        .isEqualTo("{\"ok\":1}");
    var ko = sfn.describeExecution(b -> b.executionArn(failed));
    assertThat(ko.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ko.error()).isEqualTo("Boom");
    assertThat(ko.redriveStatusAsString()).isEqualTo("REDRIVABLE");
    assertThat(history(sfn, failed)).isEqualTo(failedHistory);
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(waits)).executions())
        .extracting(ExecutionListItem::executionArn, ExecutionListItem::status)
        .containsExactly(tuple(waiting, ExecutionStatus.RUNNING));

    // an execution the crash left RUNNING can be stopped, and a stop survives the next kill
    sfn.stopExecution(b -> b.executionArn(waiting).error("Operator"));
    ServeCommandTest.awaitTrue(
        "the stop in the store",
        v -> {
          try {
            return storedWithStatus("ABORTED") == 1;
          } catch (Exception e) {
            return false;
          }
        });
    second.kill();

    Served third = serve();
    var stopped = third.sfn().describeExecution(b -> b.executionArn(waiting));
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stopped.error()).isEqualTo("Operator");
    third.kill();
  }
}
