package dev.redrive.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The console end to end in headless Chromium, against a real simulator endpoint. */
class ConsoleBrowserTest {
  static final String ORDERS =
      """
      {"Comment": "an order: price the lines, charge, then pack and notify in parallel",
       "StartAt": "Validate", "States": {
         "Validate": {"Type": "Pass", "Next": "PriceLines"},
         "PriceLines": {"Type": "Map", "ItemsPath": "$.lines", "ResultPath": "$.priced",
           "ItemProcessor": {"StartAt": "Price", "States": {
             "Price": {"Type": "Pass", "Result": {"price": 10}, "End": true}}},
           "Next": "Charge"},
         "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
           "ResultSelector": {"charged.$": "$.Payload.charged"}, "ResultPath": "$.charge",
           "Catch": [{"ErrorEquals": ["Card.Declined"], "Next": "Declined"}],
           "Next": "Ship"},
         "Declined": {"Type": "Fail", "Error": "Declined"},
         "Ship": {"Type": "Parallel", "ResultPath": null, "Branches": [
           {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "End": true}}},
           {"StartAt": "Notify", "States": {"Notify": {"Type": "Pass", "End": true}}}],
           "Next": "Done"},
         "Done": {"Type": "Succeed"}}}
      """;

  static final String MOCKS =
      """
      {"StateMachines": {"orders": {"TestCases": {"FailsOnce": {"Charge": "ChargeFailsOnce"}}}},
       "MockedResponses": {"ChargeFailsOnce": {
         "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "Rate exceeded"}},
         "1": {"Return": {"StatusCode": 200, "Payload": {"charged": true}}}}}}
      """;

  static final String APPROVAL =
      """
      {"StartAt": "Approve", "States": {
         "Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
           "Parameters": {"FunctionName": "ask", "Payload": {"token.$": "$$.Task.Token"}},
           "HeartbeatSeconds": 3600, "End": true}}}
      """;

  private final RecordedDecisions decisions = new RecordedDecisions();
  private ConsoleServer server;
  private Browser browser;

  @BeforeEach
  void start() {
    Simulator simulator = ConsoleServer.simulator(MOCKS).function("ask", (in, clock) -> in).build();
    server = new ConsoleServer(simulator, decisions);
    browser = Browser.startOrSkip();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  private WebElement find(String css) {
    return browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private void awaitText(String css, String text) {
    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private String stateClass(String state) {
    return find("#graph g.state[data-state='" + state + "']").getAttribute("class");
  }

  @Test
  void failingExecutionIsRedrivenFromThePageUntilItSucceeds() {
    String orders = server.createStateMachine("orders", ORDERS);
    browser.driver.get(server.url("?view=start"));
    new Select(find("#start-sm")).selectByVisibleText("orders");
    find("#start-name").sendKeys("order-1");
    find("#start-case").sendKeys("FailsOnce");
    WebElement input = find("#start-input");
    input.clear();
    input.sendKeys("{\"lines\": [1, 2, 3]}");
    find("#start").click();

    awaitText("#status", "FAILED");
    assertThat(browser.driver.getCurrentUrl()).contains("view=execution").contains("order-1");
    assertThat(stateClass("Charge")).contains("st-FAILED");
    assertThat(stateClass("Validate")).contains("st-SUCCEEDED");
    assertThat(stateClass("Price")).contains("st-SUCCEEDED");
    assertThat(stateClass("Pack")).contains("st-NOT_REACHED");
    assertThat(find("#failure").getText())
        .contains("Charge")
        .contains("Lambda.ServiceException")
        .contains("Rate exceeded");
    awaitText("#state-title", "Charge");
    browser.screenshot("failed-execution");

    find("#redrive").click();

    awaitText("#status", "SUCCEEDED");
    awaitText("#redrive-count", "1");
    assertThat(stateClass("Charge")).contains("st-SUCCEEDED");
    assertThat(stateClass("Pack")).contains("st-SUCCEEDED");
    assertThat(find("#redrives").getText()).contains("#1").contains("Charge");
    browser.screenshot("redriven-execution");
    String arn = orders.replace(":stateMachine:", ":execution:") + ":order-1";
    assertThat(server.service.describeExecution(arn).redriveCount()).isEqualTo(1);
    List<HistoryEvent> history = server.service.getExecutionHistory(arn, 1000, null, false).items();
    assertThat(history).extracting(HistoryEvent::type).contains("ExecutionRedriven");
  }

  @Test
  void malformedInputIsRefusedInThePageBeforeAnyCall() {
    String orders = server.createStateMachine("orders", ORDERS);
    browser.driver.get(server.url("?view=start"));
    WebElement input = find("#start-input");
    input.clear();
    input.sendKeys("{\"lines\": [1,");

    awaitText("#start-input-error", "not valid JSON");
    assertThat(find("#start").isEnabled()).isFalse();
    assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshot("malformed-input");
    assertThat(server.service.listExecutions(orders, null, null, null, null, null).items())
        .isEmpty();
  }

  @Test
  void serviceErrorIsShownWithAwsCodeAndMessage() {
    String orders = server.createStateMachine("orders", ORDERS);
    String arn = server.service.startExecution(orders, "dup", "{\"lines\": []}").arn();
    browser.wait.until(
        d -> server.service.describeExecution(arn).status() != ExecutionStatus.RUNNING);
    browser.driver.get(server.url("?view=start"));
    new Select(find("#start-sm")).selectByVisibleText("orders");
    find("#start-name").sendKeys("dup");
    find("#start").click();

    awaitText("#notice", "ExecutionAlreadyExists: ");
    assertThat(find("#notice").getText()).contains(arn);
  }

  @Test
  void waitingTaskTokenIsAnsweredFromThePage() {
    String approval = server.createStateMachine("approval", APPROVAL);
    String arn = server.service.startExecution(approval, "req-7", "{\"amount\": 120}").arn();
    browser.driver.get(server.executionUrl(arn));

    find(".waiting-task");
    assertThat(stateClass("Approve")).contains("st-WAITING");
    WebElement output = find("#w0-output");
    output.clear();
    output.sendKeys("{\"approved\": tru");
    awaitText("#w0-output-error", "not valid JSON");
    assertThat(find("#w0-success").isEnabled()).isFalse();
    output.sendKeys("e}");
    browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("w0-success")));
    browser.screenshot("waiting-token");
    find("#w0-success").click();

    awaitText("#status", "SUCCEEDED");
    assertThat(server.service.describeExecution(arn).outputText()).contains("{\"approved\":true}");
    assertThat(server.service.getExecutionHistory(arn, 100, null, false).items())
        .extracting(HistoryEvent::type)
        .contains("TaskSucceeded");
  }

  @Test
  void waitingTokensAreListedAcrossExecutionsAndAnsweredWithFailure() {
    String approval = server.createStateMachine("approval", APPROVAL);
    String arn = server.service.startExecution(approval, "req-8", "{}").arn();
    browser.driver.get(server.url("?view=waiting"));

    find(".waiting-task");
    find("#w0-error-name").clear();
    find("#w0-error-name").sendKeys("Rejected.ByReviewer");
    find("#w0-failure").click();

    browser.wait.until(
        d -> server.service.describeExecution(arn).status() == ExecutionStatus.FAILED);
    assertThat(server.service.describeExecution(arn).error()).contains("Rejected.ByReviewer");
  }

  @Test
  void controllerDecisionIsShownWithItsExplanation() {
    String orders = server.createStateMachine("orders", ORDERS);
    String arn =
        server.service.startExecution(orders + "#FailsOnce", "order-2", "{\"lines\": []}").arn();
    decisions.add(
        arn,
        new ControllerDecisions.Decision(
            Instant.parse("2026-12-08T01:00:00Z"),
            "FAILED",
            0,
            Optional.of("REDRIVE"),
            Optional.of("orders-transient"),
            "redrive 1 of 5 (orders-transient)",
            30,
            Optional.of("DELAYED"),
            "redrive in 30 s",
            "decision: REDRIVE after 30s\n  rule orders-transient matched"));
    browser.driver.get(server.executionUrl(arn));

    awaitText("#status", "FAILED");
    awaitText("#decisions", "orders-transient");
    WebElement row = find("#decisions tr.decision");
    assertThat(row.getText()).contains("REDRIVE").contains("30 s").contains("DELAYED");
    row.findElement(By.tagName("summary")).click();
    assertThat(row.findElement(By.tagName("pre")).getText())
        .contains("rule orders-transient matched");
    assertThat(decisions.askedFailedState).contains("Charge");
    browser.driver.executeScript("document.getElementById('decisions').scrollIntoView()");
    browser.screenshot("controller-decisions");
  }

  @Test
  void executionsAreFilteredByStatusInAShareableAddress() {
    String orders = server.createStateMachine("orders", ORDERS);
    String failed =
        server.service.startExecution(orders + "#FailsOnce", "bad-1", "{\"lines\": []}").arn();
    String approval = server.createStateMachine("approval", APPROVAL);
    server.service.startExecution(approval, "waiting-1", "{}");
    browser.wait.until(
        d -> server.service.describeExecution(failed).status() == ExecutionStatus.FAILED);

    browser.driver.get(server.url("?view=executions&status=FAILED"));

    awaitText("#executions", "bad-1");
    assertThat(find("#executions").getText()).doesNotContain("waiting-1");
    new Select(find("#f-status")).selectByVisibleText("RUNNING");
    awaitText("#executions", "waiting-1");
    assertThat(browser.driver.getCurrentUrl()).contains("status=RUNNING");
    browser.screenshot("executions");
  }

  @Test
  void historyIsSearchableAndStatesOpenFromTheKeyboard() {
    String orders = server.createStateMachine("orders", ORDERS);
    String arn =
        server.service.startExecution(orders + "#FailsOnce", "order-3", "{\"lines\": [1]}").arn();
    browser.driver.get(server.executionUrl(arn));
    awaitText("#status", "FAILED");

    find("#history-search").sendKeys("LambdaFunctionFailed TaskFailed".split(" ")[1]);
    awaitText("#history-count", "1–1 of 1 matching");
    assertThat(find("#history-rows").getText()).contains("TaskFailed").contains("Charge");

    WebElement validate = find("#graph g.state[data-state='Validate']");
    validate.sendKeys(Keys.ENTER);
    awaitText("#state-title", "Validate");
    assertThat(find("#state-input").getText()).contains("\"lines\"");
  }
}
