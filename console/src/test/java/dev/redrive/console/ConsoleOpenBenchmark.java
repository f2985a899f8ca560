package dev.redrive.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.execution.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A benchmark, not a test: how long headless Chromium takes to open the page of an execution whose
 * inline Map ran 10,000 items (60,000 history events) until its graph and first page of events are
 * drawn. Runs only with {@code -Dconsole.bench=true}; prints the times and writes them to {@code
 * target/console-open-benchmark.txt} (recorded in BENCHMARKS.md). Asserts nothing about time.
 *
 * <pre>{@code
 * ./mvnw -o -B -pl console -am test -Dtest=ConsoleOpenBenchmark -Dconsole.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class ConsoleOpenBenchmark {
  static final int ITEMS = 10_000;
  static final int RUNS = 7;
  static final String BIG_MAP =
      """
      {"StartAt": "Items", "States": {
         "Items": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
           "ItemProcessor": {"StartAt": "Price", "States": {
             "Price": {"Type": "Pass", "Result": 1, "ResultPath": "$.price", "Next": "Tag"},
             "Tag": {"Type": "Pass", "End": true}}},
           "End": true}}}
      """;

  @Test
  void opensAnExecutionOf60000Events() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("console.bench"), "benchmark: runs with -Dconsole.bench=true only");
    // AWS stops an execution at 25,000 events; the simulator's limit is raised for this size.
    Simulator simulator =
        ConsoleServer.simulator("{\"StateMachines\": {}, \"MockedResponses\": {}}")
            .historyEventLimit(100_000)
            .build();
    try (ConsoleServer server = new ConsoleServer(simulator, ControllerDecisions.NONE);
        Browser browser = Browser.startOrSkip()) {
      String sm = server.createStateMachine("big-map", BIG_MAP);
      String input =
          IntStream.range(0, ITEMS)
              .mapToObj(i -> "{\"id\":" + i + "}")
              .collect(Collectors.joining(",", "{\"items\":[", "]}"));
      String arn = server.service.startExecution(sm, "big", input).arn();
      new WebDriverWait(browser.driver, Duration.ofMinutes(5))
          .until(d -> server.service.describeExecution(arn).status() != ExecutionStatus.RUNNING);
      long events = server.service.getExecutionHistory(arn, 1000, null, true).items().get(0).id();
      assertThat(events).isGreaterThanOrEqualTo(60_000);

      List<String> lines = new ArrayList<>();
      lines.add("events: " + events);
      // The first open's parts, cold, in this JVM: reading the history, tracing it, laying out.
      long t = System.nanoTime();
      List<dev.redrive.simulator.history.HistoryEvent> all = new ArrayList<>();
      String token = null;
      do {
        var page = server.service.getExecutionHistory(arn, 1000, token, false);
        all.addAll(page.items());
        token = page.nextToken().orElse(null);
      } while (token != null);
      lines.add(
          "cold: history read in pages of 1000: " + (System.nanoTime() - t) / 1_000_000 + " ms");
      t = System.nanoTime();
      dev.redrive.console.trace.ExecutionTrace.of(all, false);
      lines.add("cold: ExecutionTrace.of: " + (System.nanoTime() - t) / 1_000_000 + " ms");
      t = System.nanoTime();
      dev.redrive.console.graph.GraphLayout.layout(
          dev.redrive.console.graph.StateGraph.of(BIG_MAP));
      lines.add(
          "cold: ELK layout (first, loads ELK): " + (System.nanoTime() - t) / 1_000_000 + " ms");
      lines.forEach(System.out::println);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String enc = java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
      for (String api : List.of("execution?arn=" + enc, "history?limit=100&arn=" + enc)) {
        for (int i = 0; i < 3; i++) {
          long t0 = System.nanoTime();
          java.net.http.HttpResponse<byte[]> r =
              http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(server.url("api/" + api)))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofByteArray());
          String line =
              "GET /console/api/"
                  + api.substring(0, api.indexOf('?'))
                  + ": "
                  + (System.nanoTime() - t0) / 1_000_000
                  + " ms, "
                  + r.body().length
                  + " bytes";
          lines.add(line);
          System.out.println(line);
        }
      }
      browser.driver.get(server.url("?view=executions"));
      for (int run = 1; run <= RUNS; run++) {
        browser.driver.get("about:blank");
        long start = System.nanoTime();
        browser.driver.get(server.executionUrl(arn));
        browser.wait.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph svg g.state")));
        browser.wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("history-count"), "of " + events + " events"));
        long wall = (System.nanoTime() - start) / 1_000_000;
        Object inPage = browser.driver.executeScript("return Math.round(performance.now());");
        String line =
            "run "
                + run
                + " (trace cached by the API calls above)"
                + ": "
                + wall
                + " ms from navigation to graph and first 100 events drawn ("
                + inPage
                + " ms by the page's clock)";
        lines.add(line);
        System.out.println(line);
      }
      browser.screenshot("big-map");
      write(lines);
    }
  }

  private static void write(List<String> lines) throws IOException {
    Files.write(Path.of("target", "console-open-benchmark.txt"), lines);
  }
}
