package dev.redrive.cli.sweep;

import dev.redrive.cli.serve.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** {@code redrive serve} on a free port of 127.0.0.1, in this JVM, with a client for it. */
public final class LocalServe implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern LISTENING =
      Pattern.compile("Step Functions simulator on (http://127\\.0\\.0\\.1:\\d+)");

  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final StringWriter out = new StringWriter();
  private final Future<Integer> serving;
  public final URI endpoint;
  public final SfnClient sfn;

  public LocalServe(String... args) throws Exception {
    CommandLine command =
        new CommandLine(new ServeCommand(stop))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true));
    List<String> all = new ArrayList<>(List.of("--port", "0"));
    all.addAll(List.of(args));
    serving = runner.submit(() -> command.execute(all.toArray(String[]::new)));
    long deadline = System.nanoTime() + WAIT.toNanos();
    URI found = null;
    while (found == null) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        found = URI.create(m.group(1));
      } else if (serving.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("serve did not start: " + out);
      } else {
        Thread.sleep(10);
      }
    }
    endpoint = found;
    sfn =
        SfnClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** A state machine that fails with the error its input names. */
  public String failingMachine(String name) throws Exception {
    String definition =
        Files.readString(Path.of("src/test/resources/sweep/fail-with-input-error.asl.json"));
    return sfn.createStateMachine(
            b ->
                b.name(name)
                    .definition(definition)
                    .roleArn("arn:aws:iam::123456789012:role/" + name))
        .stateMachineArn();
  }

  /** Starts an execution that fails with {@code error}. */
  public String fail(String machine, String name, String error) {
    return sfn.startExecution(
            b ->
                b.stateMachineArn(machine)
                    .name(name)
                    .input("{\"error\":\"" + error + "\",\"cause\":\"swept by a test\"}"))
        .executionArn();
  }

  /** Waits until {@code arn} has failed at {@code redriveCount}. */
  public DescribeExecutionResponse awaitFailed(String arn, int redriveCount) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.statusAsString().equals("FAILED") && d.redriveCount() == redriveCount) {
        return d;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(arn + " did not fail at redriveCount " + redriveCount + ": " + d);
      }
      Thread.sleep(10);
    }
  }

  public DescribeExecutionResponse describe(String arn) {
    return sfn.describeExecution(b -> b.executionArn(arn));
  }

  @Override
  public void close() throws Exception {
    sfn.close();
    stop.countDown();
    serving.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    runner.shutdownNow();
  }
}
