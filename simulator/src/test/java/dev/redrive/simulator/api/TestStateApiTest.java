package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.MockResponseValidationMode;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

class TestStateApiTest {
  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void runsAPassStateAndReportsItsNextState() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Pass\",\"Result\":{\"x\":1},\"ResultPath\":\"$.r\","
                            + "\"Next\":\"After\"}")
                    .input("{\"a\":1}"));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"a\":1,\"r\":{\"x\":1}}");
    assertThat(r.nextState()).isEqualTo("After");
  }

  @Test
  void mockedErrorIsCaught() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                            + "\"Parameters\":{\"FunctionName\":\"f\"},\"Catch\":[{\"ErrorEquals\":"
                            + "[\"Boom\"],\"ResultPath\":\"$.err\",\"Next\":\"Handle\"}],\"End\":true}")
                    .input("{}")
                    .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad"))));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(r.error()).isEqualTo("Boom");
    assertThat(r.cause()).isEqualTo("bad");
    assertThat(r.nextState()).isEqualTo("Handle");
    assertThat(r.output()).isEqualTo("{\"err\":{\"Error\":\"Boom\",\"Cause\":\"bad\"}}");
  }

  @Test
  void mockedErrorThatARetrierStillRetriesIsRetriableWithItsBackoff() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                            + "\"Parameters\":{\"FunctionName\":\"f\"},\"Retry\":[{\"ErrorEquals\":"
                            + "[\"Other\"]},{\"ErrorEquals\":[\"Boom\"],\"IntervalSeconds\":2,"
                            + "\"MaxAttempts\":4}],\"End\":true}")
                    .input("{\"a\":1}")
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .stateConfiguration(c -> c.retrierRetryCount(3))
                    .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad"))));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(r.error()).isEqualTo("Boom");
    assertThat(r.output()).isNull();
    assertThat(r.inspectionData().input()).isEqualTo("{\"a\":1}");
    assertThat(r.inspectionData().afterParameters()).isEqualTo("{\"FunctionName\":\"f\"}");
    assertThat(r.inspectionData().errorDetails().retryIndex()).isEqualTo(1);
    // 2 s × 2.0^3 retries already made
    assertThat(r.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(16);
  }

  @Test
  void mockedMapWithTooManyFailedIterationsIsCaughtAsThresholdExceeded() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ToleratedFailureCount\":1,"
                            + "\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":"
                            + "\"Pass\",\"End\":true}}},\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],"
                            + "\"Next\":\"TooMany\"}],\"End\":true}")
                    .input("{\"items\":[1,2,3]}")
                    .inspectionLevel(InspectionLevel.TRACE)
                    .stateConfiguration(c -> c.mapIterationFailureCount(2))
                    .mock(m -> m.result("[1,2,3]")));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(r.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(r.nextState()).isEqualTo("TooMany");
    assertThat(r.inspectionData().afterItemsPath()).isEqualTo("[1,2,3]");
    assertThat(r.inspectionData().toleratedFailureCount()).isEqualTo(1);
    assertThat(r.inspectionData().maxConcurrency()).isZero();
    assertThat(r.inspectionData().errorDetails().catchIndex()).isZero();
  }

  @Test
  void contextOfTheRequestIsTheStatesContextObject() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                            + "\"Parameters\":{\"FunctionName\":\"f\",\"Token.$\":\"$$.Task.Token\","
                            + "\"Who.$\":\"$$.Execution.Input.who\"},\"ResultPath\":null,\"End\":true}")
                    .input("{}")
                    .context(
                        "{\"Execution\":{\"Input\":{\"who\":\"me\"}},\"Task\":{\"Token\":\"t1\"}}")
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .mock(m -> m.result("{}")));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.inspectionData().afterParameters())
        .isEqualTo("{\"FunctionName\":\"f\",\"Token\":\"t1\",\"Who\":\"me\"}");
  }

  @Test
  void mockedResultIsCheckedAgainstTheServiceResponseUnlessValidationIsOff() {
    String definition =
        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
            + "\"Parameters\":{\"FunctionName\":\"f\"},\"End\":true}";

    assertThatThrownBy(
            () ->
                endpoint.sfn.testState(
                    b -> b.definition(definition).mock(m -> m.result("{\"StatusCode\":\"200\"}"))))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining(
            "Mock result schema validation error: Field 'StatusCode' must be a number");

    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(definition)
                    .mock(
                        m ->
                            m.result("{\"StatusCode\":\"200\"}")
                                .fieldValidationMode(MockResponseValidationMode.NONE)));
    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"StatusCode\":\"200\"}");
  }

  @Test
  void refusesANegativeRetryCountAsTheApiModelDoes() {
    assertThatThrownBy(
            () ->
                endpoint.sfn.testState(
                    b ->
                        b.definition("{\"Type\":\"Pass\",\"End\":true}")
                            .stateConfiguration(c -> c.retrierRetryCount(-1))))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining(
            "1 validation error detected: Value '-1' at 'stateConfiguration.retrierRetryCount'"
                + " failed to satisfy constraint: Member must have value greater than or equal"
                + " to 0");
  }

  @Test
  void variablesOfTheRequestAreInScope() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Pass\",\"QueryLanguage\":\"JSONata\","
                            + "\"Output\":\"{% $greeting & ' ' & $states.input.name %}\",\"End\":true}")
                    .input("{\"name\":\"Ada\"}")
                    .variables("{\"greeting\":\"Hello\"}"));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("\"Hello Ada\"");
  }
}
